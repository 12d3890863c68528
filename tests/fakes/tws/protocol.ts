/**
 * The TWS API wire format as TWS itself speaks it (server version 100 and up, "V100+" framing):
 * the client opens with raw `API\0` and one framed version range; every later message, both ways,
 * is a 4-byte big-endian length followed by fields each terminated by NUL, the first the message id.
 */

/** Message ids TWS sends (the client's IN_MSG_ID). */
export const IN = {
  ERR_MSG: 4,
  NEXT_VALID_ID: 9,
  CONTRACT_DATA: 10,
  MANAGED_ACCTS: 15,
  HISTORICAL_DATA: 17,
  CURRENT_TIME: 49,
  REAL_TIME_BARS: 50,
  CONTRACT_DATA_END: 52,
  SYMBOL_SAMPLES: 79,
  HEAD_TIMESTAMP: 88,
  TICK_BY_TICK: 99,
} as const;

/** The server versions at which a message layout the fake serves changes (EClient's MIN_SERVER_VER_*). */
export const MIN_VER = {
  REQ_MATCHING_SYMBOLS: 108,
  MD_SIZE_MULTIPLIER: 110,
  REQ_HEAD_TIMESTAMP: 118,
  AGG_GROUP: 121,
  UNDERLYING_INFO: 122,
  SYNT_REALTIME_BARS: 124,
  MARKET_RULES: 126,
  REAL_EXPIRATION_DATE: 134,
  TICK_BY_TICK: 137,
  TICK_BY_TICK_IGNORE_SIZE: 140,
  STOCK_TYPE: 152,
  FRACTIONAL_SIZE_SUPPORT: 163,
  SIZE_RULES: 164,
  ADVANCED_ORDER_REJECT: 166,
  BOND_ISSUERID: 176,
  FUND_DATA_FIELDS: 179,
  LAST_TRADE_DATE: 182,
  INELIGIBILITY_REASONS: 186,
} as const;

/** The oldest negotiated version whose layouts the fake knows: the first V100+ framing version. */
export const MIN_SUPPORTED_VERSION = 100;
/** The newest: what `@stoqey/ib` 1.6.10 announces (CME_TAGGING_FIELDS_IN_OPEN_ORDER). */
export const MAX_SUPPORTED_VERSION = 193;

export type Field = string | number;

/** One message, framed: length prefix + each field NUL-terminated. Built in one buffer for speed. */
export function frame(fields: readonly Field[]): Buffer {
  const text = fields.join('\0') + '\0';
  const size = Buffer.byteLength(text);
  const out = Buffer.allocUnsafe(4 + size);
  out.writeInt32BE(size, 0);
  out.write(text, 4);
  return out;
}

/** What a client announces after `API\0`: `v100..193`, or `v176`, optionally followed by connect options. */
export interface VersionRange {
  readonly min: number;
  readonly max: number;
}

export function parseVersionRange(text: string): VersionRange | null {
  const m = /^v(\d+)(?:\.\.(\d+))?(?:\s.*)?$/s.exec(text);
  if (!m) return null;
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : Number(m[2]);
  return max >= min ? { min, max } : null;
}

/**
 * The version both sides speak: the highest the client and the server share, or null when the
 * client's range lies wholly outside what this server can speak.
 */
export function negotiate(range: VersionRange, serverMax: number): number | null {
  const version = Math.min(range.max, serverMax);
  if (version < range.min || version < MIN_SUPPORTED_VERSION) return null;
  return version;
}

export type Incoming =
  | { readonly kind: 'hello'; readonly text: string }
  | { readonly kind: 'message'; readonly fields: string[] };

const API_PREFIX = Buffer.from('API\0', 'latin1');
/** The client library's own ceiling (MAX_V100_MESSAGE_LENGTH): anything longer is a broken stream. */
const MAX_FRAME_BYTES = 0xffffff;

/**
 * Cuts a TCP byte stream into messages, however the client split or merged its writes.
 * Throws on bytes no TWS client would send (wrong prefix, absurd length, a frame not NUL-terminated).
 */
export class FrameReader {
  private buffer: Buffer = Buffer.alloc(0);
  private greeted = false;

  push(chunk: Buffer): Incoming[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const out: Incoming[] = [];
    if (!this.greeted) {
      if (this.buffer.length < API_PREFIX.length) {
        if (!API_PREFIX.subarray(0, this.buffer.length).equals(this.buffer)) throw new Error('not a TWS API client: the stream does not start with "API\\0"');
        return out;
      }
      if (!this.buffer.subarray(0, API_PREFIX.length).equals(API_PREFIX)) throw new Error('not a TWS API client: the stream does not start with "API\\0"');
      const hello = this.takeFrame(API_PREFIX.length);
      if (hello === null) return out;
      this.greeted = true;
      out.push({ kind: 'hello', text: hello.toString('utf8') });
    }
    for (;;) {
      const payload = this.takeFrame(0);
      if (payload === null) return out;
      const text = payload.toString('utf8');
      if (!text.endsWith('\0')) throw new Error(`malformed frame: its ${payload.length} bytes do not end with NUL`);
      out.push({ kind: 'message', fields: text.slice(0, -1).split('\0') });
    }
  }

  /** The payload of a length-prefixed frame starting at `offset`, or null until all of it arrived. */
  private takeFrame(offset: number): Buffer | null {
    if (this.buffer.length < offset + 4) return null;
    const size = this.buffer.readInt32BE(offset);
    if (size <= 0 || size > MAX_FRAME_BYTES) throw new Error(`malformed frame: length ${size}`);
    if (this.buffer.length < offset + 4 + size) return null;
    const payload = this.buffer.subarray(offset + 4, offset + 4 + size);
    this.buffer = this.buffer.subarray(offset + 4 + size);
    return payload;
  }
}

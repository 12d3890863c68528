import { decode, encode, EXT_TIMESTAMP, encodeTimeSpecToTimestamp, ExtensionCodec } from '@msgpack/msgpack';
import { rfc3339Nano } from './market-hours.ts';

/**
 * A stream timestamp with nanoseconds. Alpaca sends it as the msgpack timestamp extension (type -1,
 * seconds + nanoseconds) on msgpack sockets and as an RFC 3339 string with nanoseconds in JSON.
 */
export class WireTime {
  constructor(readonly epochSecond: number, readonly nanos: number) {}

  toJSON(): string {
    return rfc3339Nano(this.epochSecond, this.nanos);
  }
}

const extensions = new ExtensionCodec();
// Type -1 replaces the built-in Date encoder: only WireTime values become timestamps (with their nanoseconds).
extensions.register({
  type: EXT_TIMESTAMP,
  encode: (value: unknown) => (value instanceof WireTime ? encodeTimeSpecToTimestamp({ sec: value.epochSecond, nsec: value.nanos }) : null),
  decode: () => {
    throw new Error('clients do not send timestamps');
  },
});

export type Codec = 'msgpack' | 'json';

/** One frame to the client: Alpaca always sends an array of messages. */
export function encodeFrame(codec: Codec, messages: readonly unknown[]): Buffer | string {
  if (codec === 'json') return JSON.stringify(messages);
  const bytes = encode(messages, { extensionCodec: extensions });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * A client message: msgpack in a binary frame (what the SDK sends on msgpack sockets), JSON in a text
 * frame (what a JSON client sends, and what Alpaca accepts on either kind of socket). Null when it
 * is neither: the caller answers 400 invalid syntax.
 */
export function decodeClientFrame(data: Buffer, isBinary: boolean): unknown {
  if (isBinary) {
    try {
      return decode(data);
    } catch {
      // Fall through: some clients send JSON text in binary frames.
    }
  }
  try {
    return JSON.parse(data.toString('utf8'));
  } catch {
    return null;
  }
}

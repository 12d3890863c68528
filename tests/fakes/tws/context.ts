import type { Instrument } from './instruments.ts';
import type { HistoricalPacing } from './pacing.ts';
import type { Field } from './protocol.ts';
import type { ParamValue, StatsRecorder } from './stats.ts';
import type { StreamClient, StreamHub } from './streams.ts';

/** What request handlers share: the server's clock, catalogue, pacing, streams and stats. */
export interface TwsContext {
  now(): number;
  /** No history before this instant. */
  readonly origin: number;
  readonly instruments: readonly Instrument[];
  readonly pacing: HistoricalPacing;
  readonly streams: StreamHub;
  readonly stats: StatsRecorder;
  readonly accounts: string;
  readonly maxOpenHistorical: number;
}

/** The client a request came from. */
export interface Caller extends StreamClient {
  readonly version: number;
  /**
   * Sends an answer — at once, or after the delay fault's wait. Returns null when it went out at once,
   * else a function that withdraws it; `onSent` runs when it does go out.
   */
  reply(fields: Field[], onSent?: () => void): (() => void) | null;
  /** An error or notice addressed to `id` (−1: the whole connection). */
  error(id: number, code: number, text: string): void;
  /** The next order id this client may use (TWS keeps it per client). */
  nextOrderId: number;
  /** Historical requests received and not yet answered: reqId → cancels the pending answer. */
  readonly openHistorical: Map<number, () => void>;
}

/** A request whose fields do not match its layout for the negotiated version. */
export class UnreadableRequest extends Error {}

/** Fails unless the message has exactly `count` fields (message id included). */
export function expectFields(fields: readonly string[], count: number, name: string): void {
  if (fields.length !== count) throw new UnreadableRequest(`${name} has ${fields.length} fields; version layout has ${count}`);
}

export function intField(fields: readonly string[], at: number, name: string): number {
  const text = fields[at];
  if (!/^-?\d+$/.test(text ?? '')) throw new UnreadableRequest(`${name} is not an integer: ${JSON.stringify(text)}`);
  return Number(text);
}

export function record(
  ctx: TwsContext, caller: Caller, message: string, reqId: number | null, contract: string | null,
  params: Record<string, ParamValue>, outcome: string,
): void {
  ctx.stats.request({ time: ctx.now(), clientId: caller.clientId, message, reqId, contract, params, outcome });
}

export const contractLabel = (i: Pick<Instrument, 'conId' | 'localSymbol'>) => `${i.conId} ${i.localSymbol}`;

import { z } from 'zod';

/** What is currently wrong with the fake, as `GET /__fake/faults` shows it. */
export interface FaultState {
  readonly delayMs: number;
  /** REST requests still to be answered 429 (a "429 storm"), and the Retry-After they carry. */
  readonly rateLimitStorm: number;
  readonly retryAfterSeconds: number;
  /** REST requests still to be answered with a server error, and its status. */
  readonly serverErrors: number;
  readonly serverErrorStatus: number;
  /** REST requests still to be answered 200 with a truncated JSON body. */
  readonly malformed: number;
  /** REST requests whose connection is still to be closed without any answer. */
  readonly droppedRequests: number;
  /** Requests and sockets are accepted and never answered; streams go silent without closing. */
  readonly stalled: boolean;
  /** Every open websocket is dropped every this many seconds, or null. */
  readonly dropEverySeconds: number | null;
}

/** The body of `POST /__fake/faults`: any of these, applied in this order after `clear`. */
export const FaultCommandSchema = z
  .object({
    clear: z.literal(true).optional(),
    drop: z.literal(true).optional(),
    dropEverySeconds: z.number().positive().max(3600).nullable().optional(),
    delayMs: z.number().int().min(0).max(600_000).optional(),
    rateLimitStorm: z.number().int().min(0).max(1_000_000).optional(),
    retryAfterSeconds: z.number().int().min(1).max(3600).optional(),
    serverErrors: z.number().int().min(0).max(1_000_000).optional(),
    serverErrorStatus: z.number().int().min(500).max(599).optional(),
    malformed: z.number().int().min(0).max(1_000_000).optional(),
    dropRequests: z.number().int().min(0).max(1_000_000).optional(),
    stall: z.boolean().optional(),
  })
  .strict();
export type FaultCommand = z.infer<typeof FaultCommandSchema>;

export type RestFault = 'rate-limit' | 'server-error' | 'malformed' | 'drop';

/** Faults on command. `dropAll` closes every open websocket without a close frame. */
export class Faults {
  private state: FaultState = Faults.none();
  private dropTimer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly dropAll: () => number) {}

  static none(): FaultState {
    return { delayMs: 0, rateLimitStorm: 0, retryAfterSeconds: 1, serverErrors: 0, serverErrorStatus: 503, malformed: 0, droppedRequests: 0, stalled: false, dropEverySeconds: null };
  }

  get current(): FaultState {
    return this.state;
  }

  /** Drops every open websocket now (TCP closed, no close frame); returns how many. */
  dropSockets(): number {
    return this.dropAll();
  }

  /** Drops every open websocket every `seconds`, or stops doing so with null. */
  dropSocketsEvery(seconds: number | null): void {
    if (this.dropTimer) clearInterval(this.dropTimer);
    this.dropTimer = seconds === null ? undefined : setInterval(() => this.dropAll(), seconds * 1000);
    this.dropTimer?.unref();
    this.state = { ...this.state, dropEverySeconds: seconds };
  }

  /** Holds every REST response and websocket reply for `ms` first. */
  delay(ms: number): void {
    this.state = { ...this.state, delayMs: ms };
  }

  rateLimitStorm(count: number, retryAfterSeconds = this.state.retryAfterSeconds): void {
    this.state = { ...this.state, rateLimitStorm: count, retryAfterSeconds };
  }

  serverErrors(count: number, status = this.state.serverErrorStatus): void {
    this.state = { ...this.state, serverErrors: count, serverErrorStatus: status };
  }

  malformed(count: number): void {
    this.state = { ...this.state, malformed: count };
  }

  /** The next `count` REST requests have their TCP connection closed without an answer. */
  dropRequests(count: number): void {
    this.state = { ...this.state, droppedRequests: count };
  }

  stall(on = true): void {
    this.state = { ...this.state, stalled: on };
  }

  clear(): void {
    this.dropSocketsEvery(null);
    this.state = Faults.none();
  }

  apply(command: FaultCommand): { dropped: number } {
    if (command.clear) this.clear();
    let dropped = 0;
    if (command.drop) dropped = this.dropSockets();
    if (command.dropEverySeconds !== undefined) this.dropSocketsEvery(command.dropEverySeconds);
    if (command.delayMs !== undefined) this.delay(command.delayMs);
    if (command.rateLimitStorm !== undefined) this.rateLimitStorm(command.rateLimitStorm, command.retryAfterSeconds);
    else if (command.retryAfterSeconds !== undefined) this.state = { ...this.state, retryAfterSeconds: command.retryAfterSeconds };
    if (command.serverErrors !== undefined) this.serverErrors(command.serverErrors, command.serverErrorStatus);
    else if (command.serverErrorStatus !== undefined) this.state = { ...this.state, serverErrorStatus: command.serverErrorStatus };
    if (command.malformed !== undefined) this.malformed(command.malformed);
    if (command.dropRequests !== undefined) this.dropRequests(command.dropRequests);
    if (command.stall !== undefined) this.stall(command.stall);
    return { dropped };
  }

  /** The fault the next REST request meets, if any; each answered one counts down. */
  takeRestFault(): RestFault | null {
    const s = this.state;
    if (s.rateLimitStorm > 0) {
      this.state = { ...s, rateLimitStorm: s.rateLimitStorm - 1 };
      return 'rate-limit';
    }
    if (s.serverErrors > 0) {
      this.state = { ...s, serverErrors: s.serverErrors - 1 };
      return 'server-error';
    }
    if (s.malformed > 0) {
      this.state = { ...s, malformed: s.malformed - 1 };
      return 'malformed';
    }
    if (s.droppedRequests > 0) {
      this.state = { ...s, droppedRequests: s.droppedRequests - 1 };
      return 'drop';
    }
    return null;
  }

  dispose(): void {
    if (this.dropTimer) clearInterval(this.dropTimer);
    this.dropTimer = undefined;
  }
}

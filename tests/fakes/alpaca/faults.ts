import { z } from 'zod';

/** What is currently wrong with the fake, as `GET /__fake/faults` shows it. Durations are wall-clock time. */
export interface AlpacaFaultState {
  /** Every REST answer is held back this long. */
  readonly delayMs: number;
  /** REST requests still to be answered 429 (a "429 storm"). */
  readonly rateLimitStorm: number;
  /** REST requests still to be answered with a server error, and its status. */
  readonly serverErrors: number;
  readonly serverErrorStatus: number;
  /** REST requests still to be answered 200 with a body cut mid-JSON. */
  readonly malformed: number;
  /** Every stream socket is dropped every this many seconds, or null. */
  readonly dropStreamsEverySeconds: number | null;
  /** Until this wall-clock time (ms) stream sockets stay open but nothing is sent (no data, no pongs). */
  readonly streamsStalledUntil: number | null;
  /** Until this wall-clock time (ms) stream upgrades are answered 503. */
  readonly streamsRefusedUntil: number | null;
}

/** The body of `POST /__fake/faults`: any of these, applied after `clear`. */
export const FaultCommandSchema = z
  .object({
    clear: z.literal(true).optional(),
    dropStreams: z.literal(true).optional(),
    dropStreamsEverySeconds: z.number().positive().max(3600).nullable().optional(),
    stallStreamsSeconds: z.number().min(0).max(3600).optional(),
    refuseStreamsSeconds: z.number().min(0).max(3600).optional(),
    rateLimitStorm: z.number().int().min(0).max(1_000_000).optional(),
    serverErrors: z.number().int().min(0).max(1_000_000).optional(),
    serverErrorStatus: z.number().int().min(500).max(599).optional(),
    malformed: z.number().int().min(0).max(1_000_000).optional(),
    delayMs: z.number().int().min(0).max(600_000).optional(),
  })
  .strict();
export type FaultCommand = z.infer<typeof FaultCommandSchema>;

export type RestFault = 'rate-limit' | 'server-error' | 'malformed';

/** Faults on command; `dropAll` closes every stream socket without a close frame and says how many. */
export class AlpacaFaults {
  private state: AlpacaFaultState = AlpacaFaults.none();
  private dropTimer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly dropAll: () => number, private readonly wallNow: () => number = Date.now) {}

  static none(): AlpacaFaultState {
    return { delayMs: 0, rateLimitStorm: 0, serverErrors: 0, serverErrorStatus: 500, malformed: 0, dropStreamsEverySeconds: null, streamsStalledUntil: null, streamsRefusedUntil: null };
  }

  get current(): AlpacaFaultState {
    return this.state;
  }

  /** Drops every open stream socket now (TCP closed, no close frame: the client sees 1006). */
  dropStreams(): number {
    return this.dropAll();
  }

  dropStreamsEvery(seconds: number | null): void {
    if (this.dropTimer) clearInterval(this.dropTimer);
    this.dropTimer = seconds === null ? undefined : setInterval(() => this.dropAll(), seconds * 1000);
    this.dropTimer?.unref();
    this.state = { ...this.state, dropStreamsEverySeconds: seconds };
  }

  /** Streams go silent for `seconds` (0 ends a stall): sockets stay open, no data and no pongs. */
  stallStreams(seconds: number): void {
    this.state = { ...this.state, streamsStalledUntil: seconds > 0 ? this.wallNow() + seconds * 1000 : null };
  }

  /** New stream connections are refused (HTTP 503 at the upgrade) for `seconds` (0 ends it). */
  refuseStreams(seconds: number): void {
    this.state = { ...this.state, streamsRefusedUntil: seconds > 0 ? this.wallNow() + seconds * 1000 : null };
  }

  streamsStalled(): boolean {
    return this.state.streamsStalledUntil !== null && this.wallNow() < this.state.streamsStalledUntil;
  }

  streamsRefused(): boolean {
    return this.state.streamsRefusedUntil !== null && this.wallNow() < this.state.streamsRefusedUntil;
  }

  rateLimitStorm(count: number): void {
    this.state = { ...this.state, rateLimitStorm: count };
  }

  serverErrors(count: number, status = this.state.serverErrorStatus): void {
    this.state = { ...this.state, serverErrors: count, serverErrorStatus: status };
  }

  malformed(count: number): void {
    this.state = { ...this.state, malformed: count };
  }

  delay(ms: number): void {
    this.state = { ...this.state, delayMs: ms };
  }

  clear(): void {
    this.dropStreamsEvery(null);
    this.state = AlpacaFaults.none();
  }

  apply(command: FaultCommand): { dropped: number } {
    if (command.clear) this.clear();
    const dropped = command.dropStreams ? this.dropStreams() : 0;
    if (command.dropStreamsEverySeconds !== undefined) this.dropStreamsEvery(command.dropStreamsEverySeconds);
    if (command.stallStreamsSeconds !== undefined) this.stallStreams(command.stallStreamsSeconds);
    if (command.refuseStreamsSeconds !== undefined) this.refuseStreams(command.refuseStreamsSeconds);
    if (command.rateLimitStorm !== undefined) this.rateLimitStorm(command.rateLimitStorm);
    if (command.serverErrors !== undefined) this.serverErrors(command.serverErrors, command.serverErrorStatus);
    else if (command.serverErrorStatus !== undefined) this.state = { ...this.state, serverErrorStatus: command.serverErrorStatus };
    if (command.malformed !== undefined) this.malformed(command.malformed);
    if (command.delayMs !== undefined) this.delay(command.delayMs);
    return { dropped };
  }

  /** The fault the next REST request meets, if any; each one answered counts down. */
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
    return null;
  }

  dispose(): void {
    if (this.dropTimer) clearInterval(this.dropTimer);
    this.dropTimer = undefined;
  }
}

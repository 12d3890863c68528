import { z } from 'zod';

/** What the server does when a fault is switched; implemented by the server, driven from here. */
export interface FaultTarget {
  /** Closes every client socket now (no goodbye); returns how many. */
  dropAll(): number;
  /** Sends a connection-wide notice (error id −1) to every client. */
  broadcastNotice(code: number, text: string): void;
  /** Connectivity to IB's servers goes (true) or comes back (false) — streams pause, queries wait. */
  setConnectivityLost(lost: boolean): void;
  /** Restored with data lost: every stream subscription is forgotten. */
  forgetSubscriptions(): void;
  setStalled(stalled: boolean): void;
  /** Stops accepting connections for `seconds` (TCP refused), then listens again. */
  refuseConnections(seconds: number): void;
  forcePacingViolations(count: number): void;
  pacingViolationsPending(): number;
}

export type MalformedKind = 'garbage' | 'bad-length';

/** What is currently wrong with the fake, as `GET /__fake/faults` shows it. */
export interface TwsFaultState {
  readonly delayMs: number;
  readonly stalled: boolean;
  readonly connectivity: 'ok' | 'lost';
  readonly dropEverySeconds: number | null;
  readonly malformedNext: MalformedKind | null;
  readonly forcedPacingViolations: number;
}

/** The body of `POST /__fake/faults`: any of these, applied in this order after `clear`. */
export const FaultCommandSchema = z
  .object({
    clear: z.literal(true).optional(),
    drop: z.literal(true).optional(),
    dropEverySeconds: z.number().positive().max(3600).nullable().optional(),
    delayMs: z.number().int().min(0).max(600_000).optional(),
    stall: z.boolean().optional(),
    stallSeconds: z.number().positive().max(3600).optional(),
    lose: z.literal(true).optional(),
    restore: z.enum(['lost', 'maintained']).optional(),
    brokenServerLink: z.literal(true).optional(),
    pacingViolations: z.number().int().min(0).max(1_000_000).optional(),
    malformed: z.enum(['garbage', 'bad-length']).optional(),
    nightlyResetSeconds: z.number().positive().max(3600).optional(),
  })
  .strict();
export type FaultCommand = z.infer<typeof FaultCommandSchema>;

export const NOTICES = {
  lost: [1100, 'Connectivity between IB and Trader Workstation has been lost.'],
  restoredLost: [1101, 'Connectivity between IB and TWS has been restored - data lost.'],
  restoredMaintained: [1102, 'Connectivity between IB and TWS has been restored - data maintained.'],
  brokenServerLink: [2110, 'Connectivity between TWS and server is broken. It will be restored automatically.'],
} as const;

/** Faults on command, from a test (object API) or over HTTP (the control endpoint). */
export class TwsFaults {
  private delay = 0;
  private stalled = false;
  private lost = false;
  private dropEvery: number | null = null;
  private malformed: MalformedKind | null = null;
  private dropTimer: ReturnType<typeof setInterval> | undefined;
  private stallTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly target: FaultTarget) {}

  get current(): TwsFaultState {
    return {
      delayMs: this.delay, stalled: this.stalled, connectivity: this.lost ? 'lost' : 'ok', dropEverySeconds: this.dropEvery,
      malformedNext: this.malformed, forcedPacingViolations: this.target.pacingViolationsPending(),
    };
  }

  /** Every client socket closed now, without a word. */
  dropSockets(): number {
    return this.target.dropAll();
  }

  dropSocketsEvery(seconds: number | null): void {
    if (this.dropTimer) clearInterval(this.dropTimer);
    this.dropTimer = seconds === null ? undefined : setInterval(() => this.target.dropAll(), seconds * 1000);
    this.dropTimer?.unref();
    this.dropEvery = seconds;
  }

  /** Sockets stay open; nothing is sent and nothing answered — for `seconds`, or until `unstall()`. */
  stall(seconds?: number): void {
    if (this.stallTimer) clearTimeout(this.stallTimer);
    this.stallTimer = seconds === undefined ? undefined : setTimeout(() => this.unstall(), seconds * 1000);
    this.stallTimer?.unref();
    this.stalled = true;
    this.target.setStalled(true);
  }

  /** The stall ends: requests that waited are answered, streams go on from now. */
  unstall(): void {
    if (this.stallTimer) clearTimeout(this.stallTimer);
    this.stallTimer = undefined;
    if (!this.stalled) return;
    this.stalled = false;
    this.target.setStalled(false);
  }

  /** 1100 to every client; streams stop and queries wait until `restore`. */
  lose(): void {
    this.lost = true;
    this.target.setConnectivityLost(true);
    this.target.broadcastNotice(...NOTICES.lost);
  }

  /** 1101 (subscriptions forgotten: clients must request again) or 1102 (streams carry on). */
  restore(mode: 'lost' | 'maintained'): void {
    this.lost = false;
    if (mode === 'lost') this.target.forgetSubscriptions();
    // The notice goes out first, then the queries that waited for the farms are answered.
    const [code, text] = mode === 'lost' ? NOTICES.restoredLost : NOTICES.restoredMaintained;
    this.target.broadcastNotice(code, text);
    this.target.setConnectivityLost(false);
  }

  /** 2110 to every client: a notice only, nothing stops. */
  brokenServerLink(): void {
    this.target.broadcastNotice(...NOTICES.brokenServerLink);
  }

  forcePacingViolations(count: number): void {
    this.target.forcePacingViolations(count);
  }

  /** The next message sent to any client goes out corrupted, once. */
  malformNext(kind: MalformedKind): void {
    this.malformed = kind;
  }

  /** Called by the server for each outgoing message: the corruption to apply, if one is due. */
  takeMalformed(): MalformedKind | null {
    const kind = this.malformed;
    this.malformed = null;
    return kind;
  }

  /** Every answer to a request waits this long first (streams are not delayed). */
  delayAnswers(ms: number): void {
    this.delay = ms;
  }

  get delayMs(): number {
    return this.delay;
  }

  /** TWS's nightly restart: every socket dropped and connections refused for `seconds`. */
  nightlyReset(seconds: number): void {
    this.target.dropAll();
    this.target.refuseConnections(seconds);
  }

  clear(): void {
    this.dropSocketsEvery(null);
    this.unstall();
    if (this.lost) this.restore('maintained');
    this.delay = 0;
    this.malformed = null;
    this.target.forcePacingViolations(0);
  }

  apply(command: FaultCommand): { dropped: number } {
    if (command.clear) this.clear();
    let dropped = 0;
    if (command.drop) dropped = this.dropSockets();
    if (command.dropEverySeconds !== undefined) this.dropSocketsEvery(command.dropEverySeconds);
    if (command.delayMs !== undefined) this.delayAnswers(command.delayMs);
    if (command.stall === true || command.stallSeconds !== undefined) this.stall(command.stallSeconds);
    if (command.stall === false) this.unstall();
    if (command.lose) this.lose();
    if (command.restore) this.restore(command.restore);
    if (command.brokenServerLink) this.brokenServerLink();
    if (command.pacingViolations !== undefined) this.forcePacingViolations(command.pacingViolations);
    if (command.malformed) this.malformNext(command.malformed);
    if (command.nightlyResetSeconds !== undefined) this.nightlyReset(command.nightlyResetSeconds);
    return { dropped };
  }

  dispose(): void {
    if (this.dropTimer) clearInterval(this.dropTimer);
    if (this.stallTimer) clearTimeout(this.stallTimer);
  }
}

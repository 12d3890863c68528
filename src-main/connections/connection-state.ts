import type { ConnectionState, ConnectionStatus } from '../../src-shared/domain/connection.ts';

/**
 * Where a connection may go from each state. Staying put (reconnecting → reconnecting with the
 * next attempt, down → down) is a move too, because the attempt and countdown change.
 * `→ down` straight from connecting or reconnecting is a refusal retrying cannot fix (keys refused);
 * `down → reconnecting` is the user retrying such a connection by hand, which starts the count again.
 */
const ALLOWED: Record<ConnectionState, readonly ConnectionState[]> = {
  disconnected: ['connecting'],
  connecting: ['live', 'reconnecting', 'down', 'disconnected'],
  live: ['reconnecting', 'disconnected'],
  reconnecting: ['reconnecting', 'live', 'down', 'disconnected'],
  down: ['down', 'live', 'reconnecting', 'disconnected'],
};

/** A transition the supervisor never makes on purpose: a bug, not an outcome. */
export class IllegalTransitionError extends Error {
  constructor(from: ConnectionState, to: ConnectionState) {
    super(`Connection state machine: ${from} → ${to} is not a legal transition`);
    this.name = 'IllegalTransitionError';
  }
}

export function canMove(from: ConnectionState, to: ConnectionState): boolean {
  return ALLOWED[from].includes(to);
}

type StatusPatch = Partial<Omit<ConnectionStatus, 'connectionId' | 'state' | 'since'>>;

/**
 * The status a connection reports, changed only through {@link enter} (a state move, checked
 * against the table above) and {@link update} (same state, new details); each change is emitted.
 */
export class ConnectionStatusKeeper {
  private current: ConnectionStatus;

  constructor(
    connectionId: string,
    now: number,
    private readonly emit: (status: ConnectionStatus) => void,
  ) {
    this.current = {
      connectionId, state: 'disconnected', since: now, retryAt: null, attempt: 0, breaker: 'closed',
      lastError: null, subscriptions: 0, latencyMs: null, lastMessageAt: null, reconnects: 0,
    };
  }

  get status(): ConnectionStatus {
    return { ...this.current };
  }

  get state(): ConnectionState {
    return this.current.state;
  }

  enter(to: ConnectionState, now: number, patch: StatusPatch = {}): void {
    const from = this.current.state;
    if (!canMove(from, to)) throw new IllegalTransitionError(from, to);
    this.current = { ...this.current, ...patch, state: to, since: from === to ? this.current.since : now };
    this.emit(this.status);
  }

  /** Changes details without moving; emits only when something differs. */
  update(patch: StatusPatch): void {
    const keys = Object.keys(patch) as (keyof StatusPatch)[];
    if (keys.every((k) => this.current[k] === patch[k])) return;
    this.current = { ...this.current, ...patch };
    this.emit(this.status);
  }

  /** Records without emitting: the stream's last message time moves with every event. */
  touch(lastMessageAt: number): void {
    this.current.lastMessageAt = lastMessageAt;
  }
}

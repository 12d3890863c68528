import type { Result } from '../contract/errors.ts';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/**
 * What a client needs from a transport. The renderer's client wraps one of these; pages never
 * know whether they run over Electron IPC or the WebSocket.
 */
export interface Transport {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  /** Listen to one event stream; returns the unsubscribe function. */
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
  /** Connection state changes (IPC is always open). */
  onState(listener: (state: ConnectionState) => void): () => void;
  readonly state: ConnectionState;
}

/** What the Electron preload exposes on `window.candlewick`, and nothing more. */
export interface PreloadBridge {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

import type { z } from 'zod';
import type { Channel, EventName, Events, InputOf, OutputOf, Requests } from '../../src-shared/contract/index.ts';
import type { ConnectionState, Transport } from '../../src-shared/transport/transport.ts';
import { ClientError, TransportError } from './client-error.ts';
import type { CloseReason } from './ws-transport.ts';

export type EventPayload<E extends EventName> = z.output<Events[E]>;

/** A transport that may say why it stopped (the WebSocket one does). */
export type ClientTransport = Transport & { readonly closeReason?: CloseReason | null; retryNow?(): void };

export interface Client {
  /** Calls the core; rejects with a {@link ClientError} carrying the AppError. */
  call<C extends Channel>(channel: C, input: InputOf<Requests[C]>): Promise<OutputOf<Requests[C]>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  onState(listener: (state: ConnectionState) => void): () => void;
  readonly state: ConnectionState;
  readonly closeReason: CloseReason | null;
  /** Reconnect now instead of waiting for the backoff (no-op on IPC). */
  retryNow(): void;
}

export interface ClientOptions {
  /** Every failed call goes here too (the app shows a notification). */
  readonly onError?: (error: ClientError) => void;
}

export function createClient(transport: ClientTransport, options: ClientOptions = {}): Client {
  const fail = (error: ClientError): never => {
    // Once the transport is refused for good the whole window explains it; no toast per call.
    if (!transport.closeReason || transport.closeReason === 'stopped') options.onError?.(error);
    throw error;
  };

  return {
    async call(channel, input) {
      let result;
      try {
        result = await transport.invoke(channel, input);
      } catch (error) {
        if (error instanceof TransportError) return fail(new ClientError(error, channel));
        const message = error instanceof Error ? error.message : String(error);
        return fail(new ClientError({ code: 'INTERNAL', message }, channel));
      }
      if (!result.ok) return fail(new ClientError(result.error, channel));
      return result.value as OutputOf<Requests[typeof channel]>;
    },
    on(event, listener) {
      return transport.subscribe(event, listener as (payload: unknown) => void);
    },
    onState(listener) {
      return transport.onState(listener);
    },
    get state() {
      return transport.state;
    },
    get closeReason() {
      return transport.closeReason ?? null;
    },
    retryNow() {
      transport.retryNow?.();
    },
  };
}

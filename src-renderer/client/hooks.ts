import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Channel, EventName, InputOf, OutputOf, Requests } from '../../src-shared/contract/index.ts';
import type { ConnectionState } from '../../src-shared/transport/transport.ts';
import type { EventPayload } from './client.ts';
import type { ClientError } from './client-error.ts';
import { useClient } from './client-context.ts';

export { useClient } from './client-context.ts';

/** Listens to one event stream for the life of the component, always calling the latest `listener`. */
export function useEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const client = useClient();
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => client.on(event, (payload) => latest.current(payload)), [client, event]);
}

export function useConnectionState(): ConnectionState {
  const client = useClient();
  const read = () => client.state;
  return useSyncExternalStore((notify) => client.onState(notify), read, read);
}

/** Runs `effect(previous)` each time the connection becomes open (not on mount when already open). */
export function useOnOpen(effect: (previous: ConnectionState) => void): void {
  const state = useConnectionState();
  const previous = useRef(state);
  const latest = useRef(effect);
  latest.current = effect;
  useEffect(() => {
    if (state === 'open' && previous.current !== 'open') latest.current(previous.current);
    previous.current = state;
  }, [state]);
}

/**
 * Runs `effect` when data may have been missed: the connection came back after a drop, or it
 * opened after `failed()` says the last load could not reach the core.
 */
export function useOnReconnect(effect: () => void, failed: () => boolean = () => false): void {
  useOnOpen((previous) => {
    if (previous === 'reconnecting' || failed()) effect();
  });
}

export interface QueryState<T> {
  readonly data: T | undefined;
  readonly error: ClientError | undefined;
  /** True while a fetch is under way (the previous data stays visible meanwhile). */
  readonly loading: boolean;
  refetch(): void;
}

export interface QueryOptions {
  /** Events after which the data is stale; bursts are coalesced into one refetch. */
  readonly refetchOn?: readonly EventName[];
  readonly enabled?: boolean;
}

/** Calls one request, keeps its answer, and asks again on the given events and after a reconnect. */
export function useQuery<C extends Channel>(
  channel: C,
  input: InputOf<Requests[C]>,
  options: QueryOptions = {},
): QueryState<OutputOf<Requests[C]>> {
  const client = useClient();
  const key = `${channel}:${JSON.stringify(input)}`;
  const enabled = options.enabled ?? true;
  const [state, setState] = useState<{ data?: OutputOf<Requests[C]>; error?: ClientError; loading: boolean }>({
    loading: enabled,
  });
  const inputRef = useRef(input);
  inputRef.current = input;
  const generation = useRef(0);

  const refetch = useCallback(() => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true }));
    client.call(channel, inputRef.current).then(
      (data) => mine === generation.current && setState({ data, loading: false }),
      (error: ClientError) => mine === generation.current && setState((s) => ({ ...s, error, loading: false })),
    );
    // `key` stands for channel + input, so a new input object with the same content does not refetch
  }, [client, key]);

  useEffect(() => {
    if (enabled) refetch();
  }, [enabled, refetch]);

  const events = (options.refetchOn ?? []).join('|');
  useEffect(() => {
    if (!enabled || events === '') return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(refetch, 120);
    };
    const offs = events.split('|').map((name) => client.on(name as EventName, schedule));
    return () => {
      clearTimeout(timer);
      offs.forEach((off) => off());
    };
  }, [client, enabled, events, refetch]);

  const lastError = useRef<ClientError | undefined>(undefined);
  lastError.current = state.error;
  useOnReconnect(
    () => enabled && refetch(),
    () => lastError.current?.code === 'DISCONNECTED',
  );
  return { data: state.data, error: state.error, loading: state.loading, refetch };
}

import { useEffect, useState } from 'react';
import type { Channel, InputOf, OutputOf, Requests } from '../../src-shared/contract/index.ts';
import { useClient } from './hooks.ts';

/** Quiet time after the last keystroke before the core is asked. */
const DEBOUNCE_MS = 350;

export interface DebouncedCall<T> {
  readonly value: T | null;
  readonly failure: string | null;
  readonly checking: boolean;
}

/**
 * The core's answer to a request whose input is being typed: asked once the input has been still for
 * a moment, answers to inputs already replaced are dropped. Null input (the form itself is not
 * valid yet) asks nothing.
 */
export function useDebouncedCall<C extends Channel>(channel: C, input: InputOf<Requests[C]> | null): DebouncedCall<OutputOf<Requests[C]>> {
  const client = useClient();
  const [state, setState] = useState<DebouncedCall<OutputOf<Requests[C]>>>({ value: null, failure: null, checking: false });
  // By value: a form rebuilds its input object on every render.
  const key = input ? JSON.stringify(input) : '';
  useEffect(() => {
    if (!key) {
      setState({ value: null, failure: null, checking: false });
      return;
    }
    let stale = false;
    setState((s) => ({ ...s, checking: true }));
    const timer = setTimeout(() => {
      client.call(channel, JSON.parse(key) as InputOf<Requests[C]>).then(
        (value) => !stale && setState({ value, failure: null, checking: false }),
        (error: Error) => !stale && setState({ value: null, failure: error.message, checking: false }),
      );
    }, DEBOUNCE_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [client, channel, key]);
  return state;
}

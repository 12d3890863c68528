import { useEffect, useState } from 'react';
import type { OptimizeCheck, OptimizeStartInput } from '../../../../src-shared/contract/optimize.contract.ts';
import { useClient } from '../../../client/hooks.ts';

/** Quiet time after the last keystroke before the core is asked. */
const DEBOUNCE_MS = 350;

/**
 * The core's verdict on the setup as it is typed (`optimize.validate`): every problem by field, the
 * warnings, the grid's size, the memory and the time estimate. Null while the form itself is not valid.
 */
export function useSetupCheck(input: OptimizeStartInput | null): { check: OptimizeCheck | null; failure: string | null; checking: boolean } {
  const client = useClient();
  const [state, setState] = useState<{ check: OptimizeCheck | null; failure: string | null; checking: boolean }>({ check: null, failure: null, checking: false });
  const key = input ? JSON.stringify(input) : '';
  useEffect(() => {
    if (!key) {
      setState({ check: null, failure: null, checking: false });
      return;
    }
    let stale = false;
    setState((s) => ({ ...s, checking: true }));
    const timer = setTimeout(() => {
      client.call('optimize.validate', JSON.parse(key) as OptimizeStartInput).then(
        (check) => !stale && setState({ check, failure: null, checking: false }),
        (error: Error) => !stale && setState({ check: null, failure: error.message, checking: false }),
      );
    }, DEBOUNCE_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [client, key]);
  return state;
}

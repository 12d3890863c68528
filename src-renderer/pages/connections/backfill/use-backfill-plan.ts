import { useEffect, useState } from 'react';
import type { BackfillPlan } from '../../../../src-shared/contract/backfill.contract.ts';
import type { ClientError } from '../../../client/client-error.ts';
import { useClient } from '../../../client/hooks.ts';
import type { BackfillTarget } from './backfill-form.ts';

/** Quiet time after the last keystroke before the core is asked. */
const DEBOUNCE_MS = 350;

export interface PlanState {
  readonly plan: BackfillPlan | null;
  readonly failure: string | null;
  readonly checking: boolean;
}

/** `backfill.plan` for the target as it is typed; null while the form itself is not valid. */
export function useBackfillPlan(target: BackfillTarget | null): PlanState {
  const client = useClient();
  const [state, setState] = useState<PlanState>({ plan: null, failure: null, checking: false });
  const key = target ? JSON.stringify(target) : '';
  useEffect(() => {
    if (!key) {
      setState({ plan: null, failure: null, checking: false });
      return;
    }
    let stale = false;
    setState((s) => ({ ...s, checking: true }));
    const timer = setTimeout(() => {
      client.call('backfill.plan', JSON.parse(key) as BackfillTarget).then(
        (plan) => !stale && setState({ plan, failure: null, checking: false }),
        (error: ClientError) => !stale && setState({ plan: null, failure: error.message, checking: false }),
      );
    }, DEBOUNCE_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [client, key]);
  return state;
}

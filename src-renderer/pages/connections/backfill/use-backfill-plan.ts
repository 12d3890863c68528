import type { BackfillPlan } from '../../../../src-shared/contract/backfill.contract.ts';
import { useDebouncedCall } from '../../../client/use-debounced-call.ts';
import type { BackfillTarget } from './backfill-form.ts';

export interface PlanState {
  readonly plan: BackfillPlan | null;
  readonly failure: string | null;
  readonly checking: boolean;
}

/** `backfill.plan` for the target as it is typed; null while the form itself is not valid. */
export function useBackfillPlan(target: BackfillTarget | null): PlanState {
  const { value, failure, checking } = useDebouncedCall('backfill.plan', target);
  return { plan: value, failure, checking };
}

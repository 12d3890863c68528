import type { OptimizeCheck, OptimizeStartInput } from '../../../../src-shared/contract/optimize.contract.ts';
import { useDebouncedCall } from '../../../client/use-debounced-call.ts';

/**
 * The core's verdict on the setup as it is typed (`optimize.validate`): every problem by field, the
 * warnings, the grid's size, the memory and the time estimate. Null while the form itself is not valid.
 */
export function useSetupCheck(input: OptimizeStartInput | null): { check: OptimizeCheck | null; failure: string | null; checking: boolean } {
  const { value, failure, checking } = useDebouncedCall('optimize.validate', input);
  return { check: value, failure, checking };
}

import { Badge } from '@mantine/core';
import type { OptimizationState } from '../../../../src-shared/contract/optimize.contract.ts';

const COLOR: Record<OptimizationState, string> = { running: 'blue', done: 'teal', cancelled: 'yellow', failed: 'red' };

export function StateBadge({ state }: { state: OptimizationState }) {
  return (
    <Badge size="sm" variant="light" color={COLOR[state]} data-testid="optimization-state">
      {state}
    </Badge>
  );
}

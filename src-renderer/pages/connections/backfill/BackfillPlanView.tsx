import { Alert, Group, List, Loader, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { formatCount } from '../../../ui/format.ts';
import { planView } from './backfill-form.ts';
import type { PlanState } from './use-backfill-plan.ts';

/** What the backfill would fetch, as typed: the missing ranges, bars, requests and time at the rate limit. */
export function BackfillPlanView({ state, timeframe }: { state: PlanState; timeframe: string }) {
  if (state.failure) {
    return (
      <Alert color="red" icon={<IconAlertTriangle size={18} />} title="No plan" data-testid="backfill-plan">
        {state.failure}
      </Alert>
    );
  }
  if (!state.plan) return state.checking ? <Loader size="xs" aria-label="Planning the backfill" /> : null;
  const view = planView(state.plan, timeframe);
  if (view.upToDate) {
    return (
      <Alert color="teal" icon={<IconCircleCheck size={18} />} data-testid="backfill-plan" data-up-to-date>
        Every bar of this range is stored already: nothing to fetch.
      </Alert>
    );
  }
  return (
    <div data-testid="backfill-plan">
      <Group gap="lg">
        <Fact label="Bars" value={view.bars} />
        <Fact label="Requests" value={view.requests} />
        <Fact label="Time" value={view.time} />
        <Fact label="Missing ranges" value={formatCount(state.plan.missing.length)} />
        {state.checking && <Loader size={12} />}
      </Group>
      <List size="xs" mt={4} ff="monospace">
        {view.ranges.map((r) => (
          <List.Item key={r}>{r}</List.Item>
        ))}
        {view.moreRanges > 0 && <List.Item>… and {formatCount(view.moreRanges)} more</List.Item>}
      </List>
    </div>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" lh={1.2}>
        {label}
      </Text>
      <Text size="sm" ff="monospace">
        {value}
      </Text>
    </div>
  );
}

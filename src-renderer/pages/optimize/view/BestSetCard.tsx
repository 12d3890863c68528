import { Button, Group, Paper, SimpleGrid, Text } from '@mantine/core';
import { IconFlask } from '@tabler/icons-react';
import type { OptimizationDetail } from '../../../../src-shared/contract/optimize.contract.ts';
import { formatParams } from '../../backtest/format.ts';
import { formatMetric, formatObjective, RESULT_METRICS } from './result-columns.ts';

/** The best feasible set: its parameters, objective and headline metrics, and "send to backtest". */
export function BestSetCard({ detail, onBacktest }: { detail: OptimizationDetail; onBacktest(params: Record<string, number | string>): void }) {
  const best = detail.best;
  if (!best) {
    return (
      <Paper withBorder radius="md" p="sm">
        <Text size="sm" c="dimmed">
          {detail.state === 'running' ? 'No feasible set yet.' : 'No set met every constraint with a defined objective.'}
        </Text>
      </Paper>
    );
  }
  return (
    <Paper withBorder radius="md" p="sm" data-testid="best-set" data-params={JSON.stringify(best.params)} data-objective={best.objective}>
      <Group justify="space-between" wrap="nowrap" mb="xs">
        <div>
          <Text size="xs" c="dimmed">
            Best{detail.setup.walkForward ? ' (last window)' : ''}
          </Text>
          <Text size="lg" fw={700} ff="monospace">
            {formatParams(best.params)}
          </Text>
        </div>
        <div style={{ textAlign: 'right' }}>
          <Text size="xs" c="dimmed">
            {detail.objective} ({detail.direction})
          </Text>
          <Text size="lg" fw={700} ff="monospace">
            {formatObjective(detail.objective, best.objective)}
          </Text>
        </div>
        <Button leftSection={<IconFlask size={16} />} onClick={() => onBacktest(best.params)}>
          Send to backtest
        </Button>
      </Group>
      <SimpleGrid cols={4} spacing="xs">
        {RESULT_METRICS.map((m) => (
          <div key={m.name}>
            <Text size="xs" c="dimmed">
              {m.label}
            </Text>
            <Text size="sm" ff="monospace">
              {formatMetric(m.name, best.metrics[m.name])}
            </Text>
          </div>
        ))}
      </SimpleGrid>
    </Paper>
  );
}

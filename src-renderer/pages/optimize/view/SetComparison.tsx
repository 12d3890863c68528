import { ActionIcon, Button, Group, ScrollArea, Table, Text } from '@mantine/core';
import { IconFlask, IconX } from '@tabler/icons-react';
import type { ResultRow } from '../../../../src-shared/contract/optimize.contract.ts';
import { formatObjective, formatMetric } from './result-columns.ts';

/** The metrics compared, and which way is better for each (the best of a row is bold). */
const COMPARED: readonly { name: string; label: string; better: 'high' | 'low' }[] = [
  { name: 'sharpe', label: 'Sharpe', better: 'high' },
  { name: 'sortino', label: 'Sortino', better: 'high' },
  { name: 'calmar', label: 'Calmar', better: 'high' },
  { name: 'cagr', label: 'CAGR', better: 'high' },
  { name: 'totalReturn', label: 'Total return', better: 'high' },
  { name: 'netProfit', label: 'Net profit', better: 'high' },
  // Depths ≤ 0: the higher, the shallower.
  { name: 'maxDrawdown', label: 'Max drawdown', better: 'high' },
  { name: 'annualVolatility', label: 'Volatility', better: 'low' },
  { name: 'profitFactor', label: 'Profit factor', better: 'high' },
  { name: 'winRate', label: 'Win rate', better: 'high' },
  { name: 'expectancy', label: 'Expectancy', better: 'high' },
  { name: 'tradeCount', label: 'Trades', better: 'high' },
  { name: 'exposure', label: 'Exposure', better: 'low' },
];

interface Props {
  rows: readonly ResultRow[];
  objective: string;
  direction: 'maximize' | 'minimize';
  onRemove(row: ResultRow): void;
  onClear(): void;
  onBacktest(row: ResultRow): void;
}

function bestIndex(values: readonly (number | null | undefined)[], better: 'high' | 'low'): number {
  let best = -1;
  values.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return;
    const b = values[best];
    if (best < 0 || (better === 'high' ? v > (b as number) : v < (b as number))) best = i;
  });
  return best;
}

/** Chosen sets side by side: parameters, the objective and the metrics, the best of each row in bold. */
export function SetComparison({ rows, objective, direction, onRemove, onClear, onBacktest }: Props) {
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Tick sets in the results table (or click heatmap cells) to compare them here.
      </Text>
    );
  }
  const params = [...new Set(rows.flatMap((r) => Object.keys(r.params)))];
  const metricRow = (label: string, values: (number | null | undefined)[], better: 'high' | 'low', format: (v: number | null | undefined) => string) => {
    const best = bestIndex(values, better);
    return (
      <Table.Tr key={label}>
        <Table.Td c="dimmed">{label}</Table.Td>
        {values.map((v, i) => (
          <Table.Td key={i} ff="monospace" fw={i === best ? 700 : undefined}>
            {format(v)}
          </Table.Td>
        ))}
      </Table.Tr>
    );
  };
  return (
    <div data-testid="set-comparison">
      <Group justify="flex-end" mb="xs">
        <Button size="xs" variant="default" onClick={onClear}>
          Clear
        </Button>
      </Group>
      <ScrollArea>
        <Table fz="xs" aria-label="Compared sets">
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              {rows.map((r) => (
                <Table.Th key={`${r.window}:${r.seq}`}>
                  <Group gap={4} wrap="nowrap">
                    <Text size="xs" fw={600}>
                      Set {r.seq}
                    </Text>
                    <ActionIcon size="xs" variant="subtle" onClick={() => onBacktest(r)} aria-label={`Backtest set ${r.seq}`}>
                      <IconFlask size={12} />
                    </ActionIcon>
                    <ActionIcon size="xs" variant="subtle" color="gray" onClick={() => onRemove(r)} aria-label={`Remove set ${r.seq}`}>
                      <IconX size={12} />
                    </ActionIcon>
                  </Group>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {params.map((name) => (
              <Table.Tr key={`param:${name}`}>
                <Table.Td c="dimmed">{name}</Table.Td>
                {rows.map((r, i) => (
                  <Table.Td key={i} ff="monospace">
                    {String(r.params[name] ?? '—')}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
            {metricRow(`Objective (${objective})`, rows.map((r) => r.objective), direction === 'maximize' ? 'high' : 'low', (v) => formatObjective(objective, v))}
            {COMPARED.map((m) => metricRow(m.label, rows.map((r) => r.metrics[m.name]), m.better, (v) => formatMetric(m.name, v)))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </div>
  );
}

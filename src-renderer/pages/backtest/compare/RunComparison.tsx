import { Alert, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMemo } from 'react';
import type { RunDetail } from '../../../../src-shared/contract/backtest.contract.ts';
import { formatParams } from '../format.ts';
import { CurvesChart, type Curve } from '../results/CurvesChart.tsx';
import { MetricsTable } from '../results/MetricsTable.tsx';
import { useRunDetails } from './use-run-details.ts';

const COLORS = ['#4dabf7', '#fab005', '#12b886', '#e64980', '#7950f2', '#fd7e14', '#15aabf', '#82c91e'];

/** Equity as a return on the initial cash, so runs with different cash compare on one scale. */
function returnCurve(run: RunDetail): Float64Array {
  const out = new Float64Array(run.equity.length);
  const base = run.settings.initialCash;
  for (let i = 0; i < out.length; i++) out[i] = run.equity[i]! / base - 1;
  return out;
}

function title(run: RunDetail, n: number): string {
  return `${n + 1}. ${run.strategyId} ${run.symbol} ${run.timeframe}`;
}

/** Several runs side by side: their return and drawdown curves on one axis and their metrics in columns. */
export function RunComparison({ runIds }: { runIds: readonly string[] }) {
  const { runs, error } = useRunDetails(runIds);
  const curves = useMemo(() => {
    if (!runs) return null;
    const top: Curve[] = runs.map((r, n) => ({ id: r.id, label: `${n + 1}`, color: COLORS[n % COLORS.length]!, time: r.time, values: returnCurve(r), scale: 100 }));
    const bottom: Curve[] = runs.map((r, n) => ({ id: `${r.id}-dd`, label: `${n + 1}`, color: COLORS[n % COLORS.length]!, time: r.time, values: r.drawdown, scale: 100 }));
    return { top, bottom };
  }, [runs]);

  if (error) {
    return (
      <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Could not load the runs">
        {error.message}
      </Alert>
    );
  }
  if (!runs || !curves) {
    return (
      <Center h={200}>
        <Loader size="sm" />
      </Center>
    );
  }
  return (
    <Stack gap="sm" data-testid="run-comparison">
      <Title order={4}>Comparing {runs.length} runs</Title>
      <Group gap="md">
        {runs.map((r, n) => (
          <Group key={r.id} gap={6} wrap="nowrap">
            <div style={{ width: 12, height: 12, borderRadius: 2, background: COLORS[n % COLORS.length] }} />
            <Text size="xs">
              {title(r, n)} <Text span c="dimmed" size="xs">{formatParams(r.params)}</Text>
            </Text>
          </Group>
        ))}
      </Group>
      <CurvesChart top={curves.top} bottom={curves.bottom} topFormat="percent" height={360} label="Returns of the compared runs, drawdowns below" />
      <MetricsTable columns={runs.map((r, n) => ({ title: title(r, n), metrics: r.metrics }))} />
    </Stack>
  );
}

import { Badge, Stack, Tabs, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { PortfolioRunDetail } from '../../../../src-shared/contract/portfolio.contract.ts';
import { useQuery } from '../../../client/hooks.ts';
import { formatBarTime, formatCount } from '../../../ui/format.ts';
import { formatMoney } from '../format.ts';
import { CurvesChart, type Curve } from '../results/CurvesChart.tsx';
import { LoadState } from '../results/LoadState.tsx';
import { PortfolioTables } from './PortfolioTables.tsx';
import { weightsLabel } from './PortfolioHistory.tsx';
import { weightCurves } from './weight-curves.ts';
import { PerformancePanel } from '../results/PerformancePanel.tsx';
import { ResultsHeader } from '../results/ResultsHeader.tsx';

interface Props {
  runId: string;
  onRerun(runId: string): void;
}

function curvesOf(run: PortfolioRunDetail): { top: Curve[]; bottom: Curve[]; weights: Curve[] } {
  return {
    top: [
      { id: 'equity', label: 'Portfolio', color: '#4dabf7', time: run.time, values: run.equity },
      { id: 'benchmark', label: 'Buy & hold', color: '#868e96', time: run.time, values: run.benchmark, dashed: true },
    ],
    bottom: [{ id: 'drawdown', label: 'Drawdown', color: '#fa5252', time: run.time, values: run.drawdown, scale: 100 }],
    weights: weightCurves(run),
  };
}

/** One saved portfolio run: equity against buy and hold, weights over time, metrics, rebalances and fills. */
export function PortfolioResults({ runId, onRerun }: Props) {
  const runQ = useQuery('portfolio.get', { runId });
  const [tab, setTab] = useState<string | null>('performance');
  const run = runQ.data?.id === runId ? runQ.data : undefined;
  const curves = useMemo(() => (run ? curvesOf(run) : null), [run]);

  if (!run || !curves) return <LoadState error={runQ.error} />;
  const m = run.metrics;
  return (
    <Stack gap="sm" data-testid="portfolio-results" data-run-id={run.id}>
      <ResultsHeader
        title={run.symbols.join(', ')}
        subtitle={`${weightsLabel(run.config)} · ${run.timeframe} · ${formatBarTime(run.fromTime, run.timeframe)} → ${formatBarTime(run.toTime, run.timeframe)} · ${formatCount(run.bars)} bars · ${run.rebalanceCount} rebalances`}
        run={run}
        totalReturn={m.totalReturn}
        benchmarkReturn={run.benchmarkReturn}
        maxDrawdown={m.maxDrawdown.depth}
        extra={{ label: 'Commission', value: formatMoney(run.totalCommission) }}
        finalEquityTestId="portfolio-final-equity"
        onRerun={() => onRerun(run.id)}
      />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="performance">Performance</Tabs.Tab>
          <Tabs.Tab value="weights">Weights</Tabs.Tab>
          <Tabs.Tab value="activity" rightSection={<Badge size="xs" variant="light">{run.fills.length}</Badge>}>
            Rebalances and fills
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="performance" pt="sm">
          <PerformancePanel
            curves={curves}
            chartLabel="Portfolio equity and buy-and-hold benchmark, drawdown below"
            chartHeight={480}
            columns={[
              { title: 'Portfolio', metrics: m },
              { title: 'Buy & hold', metrics: run.benchmarkMetrics },
            ]}
            monthly={m.monthlyReturns}
            yearly={m.yearlyReturns}
          />
        </Tabs.Panel>
        <Tabs.Panel value="weights" pt="sm">
          <Text size="xs" c="dimmed" mb={6}>
            Each instrument's share of equity at every close: drift between rebalances, the jump back at each.
          </Text>
          <CurvesChart top={curves.weights} bottom={[]} topFormat="percent" height={420} label="Weights of the instruments over time" />
        </Tabs.Panel>
        <Tabs.Panel value="activity" pt="sm">
          <PortfolioTables run={run} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

import { Badge, Loader, Stack, Tabs, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { RunDetail } from '../../../../src-shared/contract/backtest.contract.ts';
import type { Trade } from '../../../../src-shared/domain/backtest.ts';
import type { Instrument } from '../../../../src-shared/domain/instrument.ts';
import type { Timeframe } from '../../../../src-shared/domain/timeframe.ts';
import { useQuery } from '../../../client/hooks.ts';
import { formatBarTime, formatCount } from '../../../ui/format.ts';
import { TradeAnalysisPlots } from '../analysis/TradeAnalysisPlots.tsx';
import { formatParams } from '../format.ts';
import { type Curve } from './CurvesChart.tsx';
import { RunDetails } from './RunDetails.tsx';
import { LoadState } from './LoadState.tsx';
import { TradeChart } from './TradeChart.tsx';
import { TradeList } from './TradeList.tsx';
import { PerformancePanel } from './PerformancePanel.tsx';
import { ResultsHeader } from './ResultsHeader.tsx';

interface Props {
  runId: string;
  instruments: readonly Instrument[];
  onRerun(runId: string): void;
}

export const EQUITY_COLOR = '#4dabf7';
const BENCHMARK_COLOR = '#868e96';
const DRAWDOWN_COLOR = '#fa5252';

function runCurves(run: RunDetail): { top: Curve[]; bottom: Curve[] } {
  return {
    top: [
      { id: 'equity', label: 'Equity', color: EQUITY_COLOR, time: run.time, values: run.equity },
      { id: 'benchmark', label: 'Buy & hold', color: BENCHMARK_COLOR, time: run.time, values: run.benchmark, dashed: true },
    ],
    bottom: [{ id: 'drawdown', label: 'Drawdown', color: DRAWDOWN_COLOR, time: run.time, values: run.drawdown, scale: 100 }],
  };
}

/** One saved run: curves against the benchmark, metrics, monthly returns, trades on the chart, analysis. */
export function RunResults({ runId, instruments, onRerun }: Props) {
  const runQ = useQuery('backtest.get', { runId });
  const analysisQ = useQuery('backtest.analysis', { runId });
  const [tab, setTab] = useState<string | null>('performance');
  const [focus, setFocus] = useState<Trade | null>(null);
  const run = runQ.data?.id === runId ? runQ.data : undefined;
  const curves = useMemo(() => (run ? runCurves(run) : null), [run]);
  const instrument = instruments.find((i) => i.id === run?.instrumentId);

  if (!run || !curves) return <LoadState error={runQ.error} />;
  const m = run.metrics;
  return (
    <Stack gap="sm" data-testid="run-results" data-run-id={run.id}>
      <ResultsHeader
        title={`${run.strategyId} · ${run.symbol} ${run.timeframe}`}
        subtitle={`${formatParams(run.params)} · ${formatBarTime(run.fromTime, run.timeframe)} → ${formatBarTime(run.toTime, run.timeframe)} · ${formatCount(run.bars)} bars`}
        run={run}
        totalReturn={m.totalReturn}
        benchmarkReturn={m.benchmarkReturn}
        maxDrawdown={m.maxDrawdown.depth}
        extra={{ label: 'Sharpe', value: m.sharpe === null ? '—' : m.sharpe.toFixed(2) }}
        finalEquityTestId="final-equity"
        onRerun={() => onRerun(run.id)}
      />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="performance">Performance</Tabs.Tab>
          <Tabs.Tab value="trades" rightSection={<Badge size="xs" variant="light">{run.trades.length}</Badge>}>
            Trades
          </Tabs.Tab>
          <Tabs.Tab value="analysis">Trade analysis</Tabs.Tab>
          <Tabs.Tab value="details">Reproducibility</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="performance" pt="sm">
          <PerformancePanel
            curves={curves}
            chartLabel="Equity and buy-and-hold benchmark, drawdown below"
            chartHeight={520}
            columns={[{ title: run.strategyId, metrics: m }]}
            monthly={m.monthlyReturns}
            yearly={m.yearlyReturns}
          />
        </Tabs.Panel>
        <Tabs.Panel value="trades" pt="sm">
          <Stack gap="sm">
            {instrument ? (
              <TradeChart instrument={instrument} timeframe={run.timeframe as Timeframe} trades={run.trades} focus={focus} />
            ) : (
              <Text size="sm" c="dimmed">
                The instrument of this run is no longer in the workspace; its trades are listed below.
              </Text>
            )}
            <TradeList trades={run.trades} timeframe={run.timeframe} selectedId={focus?.id ?? null} onSelect={setFocus} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="analysis" pt="sm">
          {analysisQ.data ? <TradeAnalysisPlots trades={run.trades} analysis={analysisQ.data} timeframe={run.timeframe} /> : <Loader size="sm" />}
        </Tabs.Panel>
        <Tabs.Panel value="details" pt="sm">
          <RunDetails run={run} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

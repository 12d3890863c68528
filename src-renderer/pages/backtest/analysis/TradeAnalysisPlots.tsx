import { Alert, SimpleGrid } from '@mantine/core';
import { IconChartHistogram } from '@tabler/icons-react';
import { useMemo } from 'react';
import type { Trade } from '../../../../src-shared/domain/backtest.ts';
import type { TradeAnalysis } from '../../../../src-shared/domain/metrics.ts';
import { hourBars, monthBars, showsHourOfEntry, weekdayBars } from './buckets.ts';
import { CalendarPnlPlot } from './CalendarPnlPlot.tsx';
import { ExcursionPlot } from './ExcursionPlot.tsx';
import { HoldingTimePlot } from './HoldingTimePlot.tsx';
import { ReturnDistributionPlot } from './ReturnDistributionPlot.tsx';
import { TradeStatsBlock } from './TradeStatsBlock.tsx';

export interface TradeAnalysisPlotsProps {
  /** The run's trades, including the position still open at the end. */
  trades: readonly Trade[];
  /** `analyzeTrades(trades)`: statistics and P&L by weekday, hour and month of entry. */
  analysis: TradeAnalysis;
  /** The run's bar timeframe (`1h`, `1d`): decides whether P&L by hour of entry is meaningful. */
  timeframe: string;
}

/**
 * The backtest's trade analysis: return distribution, statistics, MAE/MFE, P&L by calendar and
 * holding time, as small SVG plots in a grid of two columns on wide screens. A run without trades
 * gets one message instead of a grid of empty plots.
 */
export function TradeAnalysisPlots({ trades, analysis, timeframe }: TradeAnalysisPlotsProps) {
  if (trades.length === 0) {
    return (
      <Alert data-testid="trade-analysis" variant="light" color="gray" icon={<IconChartHistogram size={18} />} title="No trades to analyse">
        The strategy never entered a position in this run, so there are no returns, excursions or holding times to plot.
      </Alert>
    );
  }
  return <PlotGrid trades={trades} analysis={analysis} timeframe={timeframe} />;
}

function PlotGrid({ trades, analysis, timeframe }: TradeAnalysisPlotsProps) {
  const calendar = useMemo(
    () => ({
      weekday: weekdayBars(analysis.byWeekday),
      month: monthBars(analysis.byMonth),
      hour: showsHourOfEntry(timeframe, analysis.byHour) ? hourBars(analysis.byHour) : null,
    }),
    [analysis, timeframe],
  );
  // Pairs read across a row: the distribution beside its statistics, MAE beside MFE.
  return (
    <SimpleGrid data-testid="trade-analysis" cols={{ base: 1, md: 2 }} spacing="sm">
      <ReturnDistributionPlot trades={trades} />
      <TradeStatsBlock stats={analysis} />
      <ExcursionPlot trades={trades} kind="mae" timeframe={timeframe} />
      <ExcursionPlot trades={trades} kind="mfe" timeframe={timeframe} />
      <CalendarPnlPlot title="Net P&L by weekday of entry" bars={calendar.weekday} axisLabel="Weekday of entry (UTC)" />
      <CalendarPnlPlot title="Net P&L by month of entry" bars={calendar.month} axisLabel="Month of entry (UTC)" />
      <HoldingTimePlot trades={trades} />
      {calendar.hour && <CalendarPnlPlot title="Net P&L by hour of entry" bars={calendar.hour} axisLabel="Hour of entry (UTC)" />}
    </SimpleGrid>
  );
}

import { useMemo } from 'react';
import type { Trade } from '../../../../src-shared/domain/backtest.ts';
import { Histogram } from './Histogram.tsx';
import { PlotCard } from '../../../ui/plot/PlotCard.tsx';
import { holdingDistribution } from './trade-series.ts';

/** Histogram of bars held per trade, wins and losses stacked: do losers overstay? */
export function HoldingTimePlot({ trades }: { trades: readonly Trade[] }) {
  const distribution = useMemo(() => holdingDistribution(trades), [trades]);
  return (
    <PlotCard title="Holding time" note="Bars from entry to exit, wins and losses stacked.">
      <Histogram
        label={`Histogram of bars held for ${trades.length} trades, wins and losses stacked`}
        edges={distribution.edges}
        series={distribution.series}
        xLabel="Bars held"
        yLabel="Trades"
        formatRange={barsRange}
      />
    </PlotCard>
  );
}

/** Integer bins have half-integer edges: (2.5, 5.5) holds 3 to 5 bars. */
function barsRange(lo: number, hi: number): string {
  const first = Math.ceil(lo);
  const last = Math.floor(hi);
  const unit = last === 1 ? 'bar' : 'bars';
  return first === last ? `${first} ${unit}` : `${first}–${last} ${unit}`;
}

import { useMemo } from 'react';
import type { Trade } from '../../../../src-shared/domain/backtest.ts';
import { Histogram } from './Histogram.tsx';
import { PlotCard } from '../../../ui/plot/PlotCard.tsx';
import { formatSigned } from '../../../ui/plot/tick-format.ts';
import { meanReturnPercent, returnDistribution } from './trade-series.ts';

/** Histogram of the trades' returns, wins green and losses red, with lines at zero and the mean. */
export function ReturnDistributionPlot({ trades }: { trades: readonly Trade[] }) {
  const { distribution, mean } = useMemo(() => ({ distribution: returnDistribution(trades), mean: meanReturnPercent(trades) }), [trades]);
  const meanText = `${formatSigned(mean, 2)} %`;
  return (
    <PlotCard title="Distribution of trade returns" note={`Mean ${meanText} (dashed line); solid line at zero.`}>
      <Histogram
        label={`Histogram of ${trades.length} trade returns in percent, wins and losses stacked; mean ${meanText}`}
        edges={distribution.edges}
        series={distribution.series}
        xLabel="Trade return (%)"
        yLabel="Trades"
        formatRange={(lo, hi) => `${formatSigned(lo, 2)} % to ${formatSigned(hi, 2)} %`}
        markers={[
          { value: 0, title: 'Zero return' },
          { value: mean, title: `Mean return ${meanText}`, dashed: true },
        ]}
      />
    </PlotCard>
  );
}

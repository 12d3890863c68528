import { formatMoney } from '../format.ts';
import { BarPlot } from './BarPlot.tsx';
import type { CalendarBar } from './buckets.ts';
import { PlotCard } from '../../../ui/plot/PlotCard.tsx';
import { toneOfPnl } from '../../../ui/plot/plot-style.ts';

/** Net P&L of the trades entered in each weekday, month or hour (UTC), as signed bars. */
export function CalendarPnlPlot({ title, bars, axisLabel }: { title: string; bars: readonly CalendarBar[]; axisLabel: string }) {
  const data = bars.map((b) => ({
    label: b.label,
    value: b.pnl,
    tone: toneOfPnl(b.pnl),
    title: `${b.name}: ${b.pnl > 0 ? '+' : ''}${formatMoney(b.pnl)} net over ${b.count} ${b.count === 1 ? 'trade' : 'trades'} (${b.winCount} won)`,
  }));
  return (
    <PlotCard title={title} note="Net P&L of the trades entered then, UTC.">
      <BarPlot label={`Bar chart: ${title}, in account currency`} bars={data} xLabel={axisLabel} yLabel="Net P&L (currency)" />
    </PlotCard>
  );
}

import { useMemo } from 'react';
import type { Trade } from '../../../../src-shared/domain/backtest.ts';
import { formatBarTime } from '../../../ui/format.ts';
import { PlotCard } from '../../../ui/plot/PlotCard.tsx';
import { ScatterPlot, type Diagonal } from './ScatterPlot.tsx';
import { formatSigned } from '../../../ui/plot/tick-format.ts';
import { excursionPoints } from './trade-series.ts';

const VIEW = {
  mae: {
    title: 'Maximum adverse excursion',
    note: 'How far each trade went against you before it closed. Losers on the diagonal closed at their worst.',
    axis: 'MAE (% of entry price)',
    // A trade's return cannot be below −MAE (apart from costs), so losers pile up on y = −x.
    diagonal: { slope: -1, title: 'Return = −MAE: closed at the worst point' } satisfies Diagonal,
  },
  mfe: {
    title: 'Maximum favourable excursion',
    note: 'How far each trade went your way. Winners far below the diagonal gave back most of their gain.',
    axis: 'MFE (% of entry price)',
    diagonal: { slope: 1, title: 'Return = MFE: closed at the best point' } satisfies Diagonal,
  },
} as const;

/** Sweeney's scatter of excursion against the trade's final return, wins and losses coloured. */
export function ExcursionPlot({ trades, kind, timeframe }: { trades: readonly Trade[]; kind: 'mae' | 'mfe'; timeframe: string }) {
  const view = VIEW[kind];
  const name = kind.toUpperCase();
  const points = useMemo(
    () =>
      excursionPoints(trades, kind).map((p) => ({
        x: p.excursion,
        y: p.returnPercent,
        tone: p.tone,
        title:
          `Trade ${p.trade.id}, ${p.trade.direction}${p.trade.open ? ' (still open)' : ''}, entered ${formatBarTime(p.trade.entryTime, timeframe)}: ` +
          `return ${formatSigned(p.returnPercent, 2)} %, ${name} ${p.excursion.toFixed(2)} %`,
      })),
    [trades, kind, timeframe, name],
  );
  return (
    <PlotCard title={view.title} note={view.note}>
      <ScatterPlot
        label={`Scatter of ${name} in percent of entry price against trade return in percent, ${points.length} trades`}
        points={points}
        xLabel={view.axis}
        yLabel="Trade return (%)"
        diagonal={view.diagonal}
      />
    </PlotCard>
  );
}

import { AREA, FONT, INK } from '../../../ui/plot/plot-style.ts';
import { AxisTitle } from '../../../ui/plot/svg-axes.tsx';
import type { TimeTick } from './date-ticks.ts';

/** A calendar axis along the bottom, with vertical gridlines at the ticks, as XAxis draws values. */
export function TimeAxis({ ticks, x, label }: { ticks: readonly TimeTick[]; x: (ms: number) => number; label: string }) {
  return (
    <g aria-hidden>
      {ticks.map((t) => (
        <g key={t.value}>
          <line x1={x(t.value)} x2={x(t.value)} y1={AREA.top} y2={AREA.bottom} style={{ stroke: INK.grid }} strokeOpacity={0.6} strokeWidth={0.5} />
          <text x={x(t.value)} y={AREA.bottom + 13} textAnchor="middle" fontSize={FONT.tick} style={{ fill: INK.label }}>
            {t.label}
          </text>
        </g>
      ))}
      <line x1={AREA.left} x2={AREA.right} y1={AREA.bottom} y2={AREA.bottom} style={{ stroke: INK.axis }} />
      <AxisTitle x={(AREA.left + AREA.right) / 2} y={AREA.bottom + 32} text={label} />
    </g>
  );
}

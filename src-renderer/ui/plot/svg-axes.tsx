import type { ReactNode } from 'react';
import type { NiceScale } from './nice-ticks.ts';
import { AREA, FONT, INK, VIEW_HEIGHT, VIEW_WIDTH } from './plot-style.ts';
import { formatTick } from './tick-format.ts';

/**
 * The frame every plot of the app shares (backtest analysis, optimization): an accessible SVG sized
 * by its viewBox (it scales with the card), value axes with gridlines and unit labels, and a
 * category axis for bar plots.
 */

/**
 * The plot's root: `role="img"` with `label` naming what it shows, for screen readers. A plot whose
 * marks can be focused and clicked passes `role="group"`, since an image hides its children.
 */
export function PlotSvg({ label, children, role = 'img' }: { label: string; children: ReactNode; role?: 'img' | 'group' }) {
  return (
    <svg
      viewBox={`0 0 ${VIEW_WIDTH} ${VIEW_HEIGHT}`}
      role={role}
      aria-label={label}
      style={{ width: '100%', height: 'auto', display: 'block', overflow: 'visible' }}
    >
      {children}
    </svg>
  );
}

/** Horizontal value axis along the bottom, with vertical gridlines at the ticks. */
export function XAxis({ scale, x, label }: { scale: NiceScale; x: (v: number) => number; label: string }) {
  return (
    <g aria-hidden>
      {scale.ticks.map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={AREA.top} y2={AREA.bottom} style={{ stroke: INK.grid }} strokeOpacity={0.6} strokeWidth={0.5} />
          <text x={x(t)} y={AREA.bottom + 13} textAnchor="middle" fontSize={FONT.tick} style={{ fill: INK.label }}>
            {formatTick(t, scale)}
          </text>
        </g>
      ))}
      <line x1={AREA.left} x2={AREA.right} y1={AREA.bottom} y2={AREA.bottom} style={{ stroke: INK.axis }} />
      <AxisTitle x={(AREA.left + AREA.right) / 2} y={AREA.bottom + 32} text={label} />
    </g>
  );
}

/** Vertical value axis on the left, with horizontal gridlines at the ticks. */
export function YAxis({ scale, y, label }: { scale: NiceScale; y: (v: number) => number; label: string }) {
  return (
    <g aria-hidden>
      {scale.ticks.map((t) => (
        <g key={t}>
          <line x1={AREA.left} x2={AREA.right} y1={y(t)} y2={y(t)} style={{ stroke: INK.grid }} strokeOpacity={0.6} strokeWidth={0.5} />
          <text x={AREA.left - 5} y={y(t)} dy="0.32em" textAnchor="end" fontSize={FONT.tick} style={{ fill: INK.label }}>
            {formatTick(t, scale)}
          </text>
        </g>
      ))}
      <line x1={AREA.left} x2={AREA.left} y1={AREA.top} y2={AREA.bottom} style={{ stroke: INK.axis }} />
      <AxisTitle x={14} y={(AREA.top + AREA.bottom) / 2} text={label} rotate />
    </g>
  );
}

/** Narrowest spacing between category labels, in viewBox units, before they start to touch. */
const MIN_LABEL_SPACING = 20;

/**
 * Category labels under evenly spaced bands (bar plots). When the bands are too narrow for every
 * label (24 hours), only every second or third is written; each bar's tooltip still names it.
 */
export function CategoryAxis({ labels, center, label }: { labels: readonly string[]; center: (i: number) => number; label: string }) {
  const band = labels.length > 1 ? center(1) - center(0) : Infinity;
  const every = Math.max(1, Math.ceil(MIN_LABEL_SPACING / band));
  return (
    <g aria-hidden>
      {labels.map((text, i) =>
        i % every === 0 ? (
          <text key={`${i}-${text}`} x={center(i)} y={AREA.bottom + 13} textAnchor="middle" fontSize={FONT.tick} style={{ fill: INK.label }}>
            {text}
          </text>
        ) : null,
      )}
      <AxisTitle x={(AREA.left + AREA.right) / 2} y={AREA.bottom + 32} text={label} />
    </g>
  );
}

/** A reference line across the plot (zero, the mean), explained by its tooltip. */
export function ReferenceLine({ x, y, title, dashed = false }: { x?: number; y?: number; title: string; dashed?: boolean }) {
  const [x1, x2] = x === undefined ? [AREA.left, AREA.right] : [x, x];
  const [y1, y2] = y === undefined ? [AREA.top, AREA.bottom] : [y, y];
  return (
    <line x1={x1} x2={x2} y1={y1} y2={y2} style={{ stroke: INK.reference }} strokeWidth={1} strokeOpacity={0.7} strokeDasharray={dashed ? '4 3' : undefined}>
      <title>{title}</title>
    </line>
  );
}

/** An axis's title: centred under a horizontal axis, or turned to read upwards beside a vertical one. */
export function AxisTitle({ x, y, text, rotate = false }: { x: number; y: number; text: string; rotate?: boolean }) {
  return (
    <text
      x={x}
      y={y}
      textAnchor="middle"
      fontSize={FONT.axis}
      transform={rotate ? `rotate(-90 ${x} ${y})` : undefined}
      style={{ fill: INK.label }}
    >
      {text}
    </text>
  );
}

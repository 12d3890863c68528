import { Badge, Box, Group, Text } from '@mantine/core';
import type { CSSProperties } from 'react';
import { formatBarTime } from '../../../ui/format.ts';
import type { PaneRect } from '../controller/chart-controller.ts';
import type { ChartPalette } from '../controller/chart-theme.ts';
import type { IndicatorView } from '../controller/indicator-series.ts';
import type { BarWindow } from '../data/bar-window.ts';
import { formatPrice, formatValue, formatVolume } from './legend-format.ts';

interface Props {
  window: BarWindow;
  /** Bar under the crosshair, or null for the last bar. */
  index: number | null;
  symbol: string;
  timeframe: string;
  demo: boolean;
  decimals: number;
  views: readonly IndicatorView[];
  paneRects: readonly PaneRect[];
  palette: ChartPalette;
  /** Sub-pane index each indicator is drawn in. */
  paneOf(key: string): number | null;
}

const box: CSSProperties = { position: 'absolute', left: 6, pointerEvents: 'none', zIndex: 3, lineHeight: 1.35, padding: '1px 4px', borderRadius: 4 };

/** OHLCV of the hovered (or last) bar over the price pane, and each visible indicator's values over its pane. */
export function ChartLegend(p: Props) {
  const n = p.window.length;
  const i = p.index !== null && p.index < n ? p.index : n - 1;
  const bar = i >= 0 ? p.window.bars[i] : undefined;
  const previous = i > 0 ? p.window.bars[i - 1] : undefined;
  const change = bar && previous ? bar.close - previous.close : null;
  const color = bar && bar.close >= bar.open ? p.palette.up : p.palette.down;
  const visible = p.views.filter((v) => v.visible);
  // A veil of the chart's background keeps the numbers readable over lines and candles.
  const veil: CSSProperties = { ...box, background: `${p.palette.background}c0` };
  const byPane = new Map<number, IndicatorView[]>();
  for (const v of visible) {
    const pane = v.pane === 0 ? 0 : (p.paneOf(v.key) ?? v.pane);
    byPane.set(pane, [...(byPane.get(pane) ?? []), v]);
  }

  const values = (v: IndicatorView) =>
    v.outputs.map((o) => (
      <Text key={o.id} span ff="monospace" fz={11} c={o.color} title={o.label} ml={6}>
        {formatValue(i >= 0 ? (p.window.values.get(v.key)?.get(o.id)?.[i] ?? NaN) : NaN, p.decimals, v.pane === 0)}
      </Text>
    ));

  return (
    <>
      <Box style={{ ...veil, top: (p.paneRects[0]?.top ?? 0) + 4 }} data-testid="chart-legend" aria-live="off">
        <Group gap={8} wrap="nowrap">
          <Text fw={700} fz={13}>
            {p.symbol}
          </Text>
          <Text fz={12} c="dimmed">
            {p.timeframe}
          </Text>
          {p.demo && (
            <Badge size="xs" color="orange" variant="light">
              generated data
            </Badge>
          )}
          <Text fz={11} c="dimmed" ff="monospace" data-testid="legend-time">
            {bar ? formatBarTime(bar.time, p.timeframe) : '—'}
          </Text>
        </Group>
        {bar && (
          <Group gap={8} wrap="nowrap" fz={11} ff="monospace">
            {(['open', 'high', 'low', 'close'] as const).map((f) => (
              <Text key={f} span fz={11} ff="monospace">
                <Text span c="dimmed" fz={11}>
                  {f[0]!.toUpperCase()}
                </Text>{' '}
                <Text span c={color} fz={11} ff="monospace">
                  {formatPrice(bar[f], p.decimals)}
                </Text>
              </Text>
            ))}
            {change !== null && previous && (
              <Text span c={change >= 0 ? p.palette.up : p.palette.down} fz={11} ff="monospace">
                {change >= 0 ? '+' : ''}
                {formatPrice(change, p.decimals)} ({change >= 0 ? '+' : ''}
                {((change / previous.close) * 100).toFixed(2)}%)
              </Text>
            )}
            <Text span fz={11} ff="monospace">
              <Text span c="dimmed" fz={11}>
                V
              </Text>{' '}
              {formatVolume(bar.volume)}
            </Text>
          </Group>
        )}
        {(byPane.get(0) ?? []).map((v) => (
          <Group key={v.key} gap={0} wrap="nowrap" data-testid="legend-indicator">
            <Text span fz={11} c={v.outputs[0]?.color}>
              {v.label}
            </Text>
            {values(v)}
          </Group>
        ))}
      </Box>
      {[...byPane.entries()]
        .filter(([pane]) => pane > 0)
        .map(([pane, list]) => (
          <Box key={pane} style={{ ...veil, top: (p.paneRects[pane]?.top ?? 0) + 3 }}>
            {list.map((v) => (
              <Group key={v.key} gap={0} wrap="nowrap" data-testid="legend-indicator">
                <Text span fz={11} c={v.outputs[0]?.color}>
                  {v.label}
                </Text>
                {values(v)}
              </Group>
            ))}
          </Box>
        ))}
    </>
  );
}

import { Button, Group, Select, Text } from '@mantine/core';
import { IconArrowsDiff, IconFlask } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { OptimizationDetail, ResultRow } from '../../../../src-shared/contract/optimize.contract.ts';
import { formatCount } from '../../../ui/format.ts';
import { formatParams } from '../../backtest/format.ts';
import { ParamHeatmap } from '../plots/index.ts';
import { formatObjective } from './result-columns.ts';

interface Props {
  detail: OptimizationDetail;
  rows: readonly ResultRow[];
  onCompare(row: ResultRow): void;
  onBacktest(row: ResultRow): void;
}

/** Beyond this many cells a heatmap is neither readable nor quick to draw (each cell is an SVG element). */
const MAX_CELLS = 20_000;

const sameParams = (a: Record<string, number | string>, b: Record<string, number | string>) => Object.keys(b).every((k) => a[k] === b[k]);

/**
 * Any two parameters against the objective; each cell shows the best over the other parameters.
 * A click on a cell picks its set, to compare or backtest it.
 */
export function HeatmapPanel({ detail, rows, onCompare, onBacktest }: Props) {
  const names = Object.keys(detail.setup.ranges);
  const windows = detail.setup.walkForward ? [...new Set(rows.map((r) => r.window))].sort((a, b) => a - b) : [0];
  const [x, setX] = useState(names[0] ?? '');
  const [y, setY] = useState(names[1] ?? names[0] ?? '');
  const [window, setWindow] = useState<number | null>(null);
  const shownWindow = window ?? windows[windows.length - 1] ?? 0;
  const windowRows = useMemo(() => rows.filter((r) => r.window === shownWindow), [rows, shownWindow]);
  const [picked, setPicked] = useState<ResultRow | null>(null);
  const best = detail.best && detail.best.window === shownWindow ? detail.best.params : undefined;

  const cells = new Set(windowRows.map((r) => r.params[x])).size * new Set(windowRows.map((r) => r.params[y])).size;
  if (names.length < 2) {
    return (
      <Text size="sm" c="dimmed">
        The heatmap needs two searched parameters; this optimization searched {names.length === 1 ? `only ${names[0]}` : 'none'}.
      </Text>
    );
  }
  return (
    <div>
      <Group gap="xs" mb="xs" align="flex-end">
        <Select size="xs" label="Across" data={names} value={x} onChange={(v) => v && setX(v)} allowDeselect={false} w={140} />
        <Select size="xs" label="Down" data={names} value={y} onChange={(v) => v && setY(v)} allowDeselect={false} w={140} />
        {windows.length > 1 && (
          <Select
            size="xs"
            label="Walk-forward window"
            data={windows.map((w) => ({ value: String(w), label: `Window ${w + 1}` }))}
            value={String(shownWindow)}
            onChange={(v) => v !== null && setWindow(Number(v))}
            allowDeselect={false}
            w={170}
          />
        )}
        <Text size="xs" c="dimmed" pb={6}>
          {names.length > 2 ? 'Each cell shows the best over the other parameters.' : ''}
        </Text>
      </Group>
      {cells > MAX_CELLS ? (
        <Text size="sm" c="dimmed" data-testid="heatmap-too-large">
          {x} × {y} makes {formatCount(cells)} cells, more than a heatmap can show legibly ({formatCount(MAX_CELLS)}). Sort the results table instead, or run a coarser grid.
        </Text>
      ) : (
        <ParamHeatmap
          rows={windowRows}
          xParam={x}
          yParam={y}
          direction={detail.direction}
          objectiveLabel={detail.objective}
          {...(best ? { highlight: best } : {})}
          onCellClick={(params) => setPicked(windowRows.find((r) => sameParams(r.params, params)) ?? null)}
        />
      )}
      {picked && (
        <Group gap="sm" mt="xs" data-testid="picked-set">
          <Text size="sm" ff="monospace">
            {formatParams(picked.params)} · {detail.objective} {formatObjective(detail.objective, picked.objective)}
          </Text>
          <Button size="xs" variant="light" leftSection={<IconArrowsDiff size={14} />} onClick={() => onCompare(picked)}>
            Compare
          </Button>
          <Button size="xs" variant="light" leftSection={<IconFlask size={14} />} onClick={() => onBacktest(picked)}>
            Backtest
          </Button>
        </Group>
      )}
    </div>
  );
}

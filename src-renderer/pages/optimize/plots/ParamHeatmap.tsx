import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { FONT, INK } from '../../../ui/plot/plot-style.ts';
import { PlotSvg } from '../../../ui/plot/svg-axes.tsx';
import { goodness, rampColour } from './colour-ramp.ts';
import { HeatmapAxes } from './HeatmapAxes.tsx';
import { GAP_FROM_CELL_SIZE, GRID_AREA, moveFocus } from './heatmap-layout.ts';
import { HeatmapLegend } from './HeatmapLegend.tsx';
import { cellTitle } from './heatmap-text.ts';
import { buildParamGrid, highlightedCell, type Direction, type GridCell, type ParamRow, type ParamValue } from './param-grid.ts';

export interface ParamHeatmapProps {
  /** Every evaluated set; infeasible and valueless ones are counted but never coloured. */
  rows: readonly ParamRow[];
  xParam: string;
  yParam: string;
  direction: Direction;
  /** The objective's name for tooltips and the legend: "sharpe". */
  objectiveLabel: string;
  /** The best set: its cell is outlined. */
  highlight?: Readonly<Record<string, ParamValue>>;
  /** Called with the full parameter set behind a cell's value; makes cells clickable. */
  onCellClick?: (params: Record<string, ParamValue>) => void;
}

/**
 * Any two parameters against the objective: each cell is coloured by the best objective over all the
 * other parameters (brighter is better), cells without a value are hatched grey.
 */
export function ParamHeatmap({ rows, xParam, yParam, direction, objectiveLabel, highlight, onCellClick }: ParamHeatmapProps) {
  const grid = useMemo(() => buildParamGrid(rows, xParam, yParam, direction), [rows, xParam, yParam, direction]);
  const best = highlightedCell(grid, xParam, yParam, highlight);
  const [focus, setFocus] = useState<[number, number] | null>(null);
  const [focused, setFocused] = useState(false);
  // useId may contain characters that url(#…) does not accept.
  const idPrefix = `heatmap-${useId().replace(/[^\w-]/g, '')}`;
  const label = `Heatmap of ${objectiveLabel} by ${xParam} and ${yParam}`;
  const nx = grid.xValues.length;
  const ny = grid.yValues.length;

  if (nx === 0 || ny === 0) {
    return (
      <div data-testid="param-heatmap">
        <PlotSvg label={`${label}: no sets with both parameters`}>
          <text x={(GRID_AREA.left + GRID_AREA.right) / 2} y={(GRID_AREA.top + GRID_AREA.bottom) / 2} textAnchor="middle" fontSize={FONT.axis} style={{ fill: INK.label }}>
            No evaluated sets with {xParam} and {yParam}
          </text>
        </PlotSvg>
      </div>
    );
  }

  const cellWidth = (GRID_AREA.right - GRID_AREA.left) / nx;
  const cellHeight = (GRID_AREA.bottom - GRID_AREA.top) / ny;
  const gap = Math.min(cellWidth, cellHeight) >= GAP_FROM_CELL_SIZE ? 1 : 0;
  const cellX = (i: number) => GRID_AREA.left + i * cellWidth;
  const cellY = (j: number) => GRID_AREA.bottom - (j + 1) * cellHeight;
  const fillOf = (cell: GridCell) => (cell.best === null || !grid.range ? `url(#${idPrefix}-hatch)` : rampColour(goodness(cell.best, grid.range, direction)));
  const open = (cell: GridCell) => {
    if (onCellClick && cell.bestParams) onCellClick({ ...cell.bestParams });
  };
  const active = focus ?? best ?? [0, 0];

  const onKeyDown = (e: KeyboardEvent<SVGGElement>) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      open(grid.cells[active[1]][active[0]]);
      return;
    }
    const next = moveFocus(active, e.key, nx, ny);
    if (next) {
      e.preventDefault();
      setFocus(next);
    }
  };

  return (
    <div data-testid="param-heatmap">
      <PlotSvg label={label} role={onCellClick ? 'group' : 'img'}>
        <defs>
          <pattern id={`${idPrefix}-hatch`} width={4} height={4} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width={4} height={4} style={{ fill: 'var(--mantine-color-default-hover)' }} />
            <line x1={0} y1={0} x2={0} y2={4} strokeWidth={1.2} style={{ stroke: INK.grid }} />
          </pattern>
        </defs>
        <g
          tabIndex={onCellClick ? 0 : undefined}
          aria-label={onCellClick ? `${label}; arrow keys move between cells, Enter opens the cell's best set` : undefined}
          aria-activedescendant={onCellClick && focused ? `${idPrefix}-${active[0]}-${active[1]}` : undefined}
          onKeyDown={onCellClick ? onKeyDown : undefined}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
          style={{ outline: 'none' }}
        >
          {grid.cells.map((row, j) =>
            row.map((cell, i) => {
              const clickable = Boolean(onCellClick && cell.bestParams);
              return (
                <rect
                  key={`${i}-${j}`}
                  id={`${idPrefix}-${i}-${j}`}
                  x={cellX(i) + gap / 2}
                  y={cellY(j) + gap / 2}
                  width={cellWidth - gap}
                  height={cellHeight - gap}
                  fill={fillOf(cell)}
                  shapeRendering="crispEdges"
                  data-x={String(cell.x)}
                  data-y={String(cell.y)}
                  data-objective={cell.best === null ? '' : String(cell.best)}
                  data-best={best && best[0] === i && best[1] === j ? 'true' : undefined}
                  style={{ cursor: clickable ? 'pointer' : undefined }}
                  onClick={clickable ? () => open(cell) : undefined}
                >
                  <title>{cellTitle(cell, xParam, yParam, objectiveLabel)}</title>
                </rect>
              );
            }),
          )}
        </g>
        {best && <Outline x={cellX(best[0])} y={cellY(best[1])} width={cellWidth} height={cellHeight} colour={INK.reference} />}
        {onCellClick && focused && <Outline x={cellX(active[0])} y={cellY(active[1])} width={cellWidth} height={cellHeight} colour="var(--mantine-primary-color-filled)" dashed />}
        <HeatmapAxes xValues={grid.xValues} yValues={grid.yValues} xParam={xParam} yParam={yParam} cellWidth={cellWidth} cellHeight={cellHeight} />
        {grid.range && (
          <HeatmapLegend
            best={direction === 'maximize' ? grid.range.max : grid.range.min}
            worst={direction === 'maximize' ? grid.range.min : grid.range.max}
            objectiveLabel={objectiveLabel}
          />
        )}
      </PlotSvg>
    </div>
  );
}

/**
 * A frame around one cell (the best set, the keyboard focus), drawn above the cells. A halo in the
 * page colour under the line keeps it visible on the darkest and the brightest cells alike.
 */
function Outline({ x, y, width, height, colour, dashed = false }: { x: number; y: number; width: number; height: number; colour: string; dashed?: boolean }) {
  const dash = dashed ? '2 1.5' : undefined;
  return (
    <g pointerEvents="none">
      <rect x={x} y={y} width={width} height={height} fill="none" strokeWidth={3} style={{ stroke: 'var(--mantine-color-body)' }} />
      <rect x={x} y={y} width={width} height={height} fill="none" strokeWidth={1.4} strokeDasharray={dash} style={{ stroke: colour }} />
    </g>
  );
}

import { describe, expect, it } from 'vitest';
import { axisValues, buildParamGrid, highlightedCell, type ParamRow } from '../../../../src-renderer/pages/optimize/plots/param-grid.ts';

const row = (fast: number | string, slow: number, other: number, objective: number | null, feasible = true): ParamRow => ({
  params: { fast, slow, other },
  objective,
  feasible,
});

// fast × slow with a third parameter `other` folded away; inputs deliberately out of order.
const ROWS: ParamRow[] = [
  row(20, 100, 1, 0.3),
  row(10, 100, 1, 0.5),
  row(10, 100, 2, 0.9),
  row(10, 100, 3, 2.0, false), // infeasible: counted, never the best
  row(10, 50, 1, null), // no value: counted, never the best
  row(10, 50, 2, -0.2),
  row(20, 50, 1, null),
  row(5, 100, 1, 0.1),
];

describe('buildParamGrid', () => {
  it('sorts numeric axis values ascending whatever the row order', () => {
    const grid = buildParamGrid(ROWS, 'fast', 'slow', 'maximize');
    expect(grid.xValues).toEqual([5, 10, 20]);
    expect(grid.yValues).toEqual([50, 100]);
  });

  it('keeps the highest feasible objective over the other parameters when maximizing', () => {
    const grid = buildParamGrid(ROWS, 'fast', 'slow', 'maximize');
    // cells[j][i]: j = slow index (50, 100), i = fast index (5, 10, 20)
    const cell = grid.cells[1][1]; // fast 10, slow 100: 0.5, 0.9 and an infeasible 2.0
    expect(cell.best).toBe(0.9);
    expect(cell.bestParams).toEqual({ fast: 10, slow: 100, other: 2 });
    expect(cell.count).toBe(3);
  });

  it('keeps the lowest feasible objective when minimizing', () => {
    const grid = buildParamGrid(ROWS, 'fast', 'slow', 'minimize');
    expect(grid.cells[1][1].best).toBe(0.5);
    expect(grid.cells[1][1].bestParams).toEqual({ fast: 10, slow: 100, other: 1 });
    expect(grid.cells[0][1].best).toBe(-0.2);
  });

  it('ignores null objectives but still counts their rows', () => {
    const grid = buildParamGrid(ROWS, 'fast', 'slow', 'maximize');
    expect(grid.cells[0][1]).toMatchObject({ x: 10, y: 50, best: -0.2, count: 2 });
    expect(grid.cells[0][2]).toMatchObject({ x: 20, y: 50, best: null, bestParams: null, count: 1 });
  });

  it('leaves a combination nobody evaluated empty with a count of 0', () => {
    const grid = buildParamGrid(ROWS, 'fast', 'slow', 'maximize');
    expect(grid.cells[0][0]).toMatchObject({ x: 5, y: 50, best: null, count: 0 });
  });

  it('gives a cell of only infeasible rows no value', () => {
    const grid = buildParamGrid([row(1, 1, 0, 5, false), row(1, 1, 1, 6, false)], 'fast', 'slow', 'maximize');
    expect(grid.cells[0][0]).toMatchObject({ best: null, count: 2 });
    expect(grid.range).toBeNull();
  });

  it('spans the colour range over the cell values only (not the infeasible 2.0)', () => {
    expect(buildParamGrid(ROWS, 'fast', 'slow', 'maximize').range).toEqual({ min: -0.2, max: 0.9 });
    // Minimizing picks other cell values: 10/100 is now 0.5.
    expect(buildParamGrid(ROWS, 'fast', 'slow', 'minimize').range).toEqual({ min: -0.2, max: 0.5 });
  });

  it('keeps string choices in order of first appearance', () => {
    const rows = [row('sma', 10, 0, 1), row('ema', 10, 0, 2), row('wma', 20, 0, 3), row('sma', 20, 0, 4)];
    const grid = buildParamGrid(rows, 'fast', 'slow', 'maximize');
    expect(grid.xValues).toEqual(['sma', 'ema', 'wma']);
    expect(grid.cells[1][0]).toMatchObject({ x: 'sma', y: 20, best: 4, count: 1 });
  });

  it('keeps the first row on a tie', () => {
    const grid = buildParamGrid([row(1, 1, 7, 0.5), row(1, 1, 8, 0.5)], 'fast', 'slow', 'maximize');
    expect(grid.cells[0][0].bestParams).toEqual({ fast: 1, slow: 1, other: 7 });
  });

  it('leaves out rows without one of the two parameters', () => {
    const rows: ParamRow[] = [{ params: { fast: 1 }, objective: 1, feasible: true }, row(2, 3, 0, 1)];
    const grid = buildParamGrid(rows, 'fast', 'slow', 'maximize');
    expect(grid.xValues).toEqual([2]);
    expect(grid.cells[0][0].count).toBe(1);
  });

  it('builds a 1 × N strip and a 60 × 60 grid', () => {
    const strip = buildParamGrid([1, 2, 3].map((s) => row(7, s, 0, s)), 'fast', 'slow', 'maximize');
    expect([strip.xValues.length, strip.yValues.length]).toEqual([1, 3]);
    const rows: ParamRow[] = [];
    for (let f = 0; f < 60; f++) for (let s = 0; s < 60; s++) rows.push(row(f, s, 0, f - s));
    const big = buildParamGrid(rows, 'fast', 'slow', 'maximize');
    expect(big.cells.length).toBe(60);
    expect(big.cells[59][0].best).toBe(-59); // fast 0, slow 59
    expect(big.range).toEqual({ min: -59, max: 59 });
  });
});

describe('axisValues', () => {
  it('sorts numbers numerically, not as text', () => {
    expect(axisValues([100, 9, 25, 9])).toEqual([9, 25, 100]);
  });

  it('keeps a mix of numbers and strings in first-appearance order', () => {
    expect(axisValues(['b', 3, 'a', 1])).toEqual(['b', 3, 'a', 1]);
  });
});

describe('highlightedCell', () => {
  const grid = buildParamGrid(ROWS, 'fast', 'slow', 'maximize');

  it('finds the best set on the grid, matching numbers given as text', () => {
    expect(highlightedCell(grid, 'fast', 'slow', { fast: 10, slow: 100, other: 2 })).toEqual([1, 1]);
    expect(highlightedCell(grid, 'fast', 'slow', { fast: '20', slow: '50' })).toEqual([2, 0]);
  });

  it('is null without a highlight or off the grid', () => {
    expect(highlightedCell(grid, 'fast', 'slow', undefined)).toBeNull();
    expect(highlightedCell(grid, 'fast', 'slow', { fast: 11, slow: 100 })).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import type { PeriodReturn } from '../../../../src-shared/domain/metrics.ts';
import { buildHeatmap, cellBackground, colourBound, intensityOf } from '../../../../src-renderer/pages/backtest/analysis/heatmap-model.ts';

function month(year: number, m: number, value: number | null): PeriodReturn {
  const start = Date.UTC(year, m - 1, 1);
  return { period: `${year}-${String(m).padStart(2, '0')}`, year, month: m, startTime: start, endTime: start + 86_400_000, return: value };
}

function year(y: number, value: number | null): PeriodReturn {
  const start = Date.UTC(y, 0, 1);
  return { period: String(y), year: y, month: null, startTime: start, endTime: start + 86_400_000, return: value };
}

describe('monthly returns heatmap model', () => {
  // Given out of order on purpose: the rows must come out by ascending year.
  const monthly = [month(2024, 1, 0.03), month(2024, 3, null), month(2023, 11, 0.02), month(2023, 12, -0.01)];
  const yearly = [year(2024, 0.0309), year(2023, 0.0098)];
  const model = buildHeatmap(monthly, yearly);

  it('has one row per year, ascending, with twelve month slots', () => {
    expect(model.rows.map((r) => r.year)).toEqual([2023, 2024]);
    for (const row of model.rows) expect(row.months).toHaveLength(12);
  });

  it('places each month in its column and leaves months without bars empty', () => {
    const [y2023, y2024] = model.rows;
    expect(y2023.months.slice(0, 10).every((c) => c === null)).toBe(true);
    expect(y2023.months[10]).toMatchObject({ period: '2023-11', value: 0.02 });
    expect(y2023.months[11]).toMatchObject({ period: '2023-12', value: -0.01 });
    expect(y2024.months[0]).toMatchObject({ period: '2024-01', value: 0.03 });
    expect(y2024.months[1]).toBeNull();
    expect(y2024.months.slice(3).every((c) => c === null)).toBe(true);
  });

  it('keeps a month with an undefined return as a cell with a null value and no tint', () => {
    expect(model.rows[1].months[2]).toEqual({ period: '2024-03', value: null, intensity: 0 });
  });

  it('scales months by the 95th percentile of |return|, clipping above it and keeping the sign', () => {
    // |r| sorted 0.01, 0.02, 0.03 (the null is left out): h = 2 × 0.95 = 1.9 → 0.02 + 0.9 × 0.01.
    expect(model.monthBound).toBeCloseTo(0.029, 12);
    expect(model.rows[1].months[0]?.intensity).toBe(1);
    expect(model.rows[0].months[10]?.intensity).toBeCloseTo(0.02 / 0.029, 12);
    expect(model.rows[0].months[11]?.intensity).toBeCloseTo(-0.01 / 0.029, 12);
  });

  it('scales the year column on its own', () => {
    // 0.0098 and 0.0309: h = 0.95 → 0.0098 + 0.95 × 0.0211 = 0.029845.
    expect(model.yearBound).toBeCloseTo(0.029845, 12);
    expect(model.rows[1].total).toMatchObject({ period: '2024', value: 0.0309, intensity: 1 });
    expect(model.rows[0].total?.intensity).toBeCloseTo(0.0098 / 0.029845, 12);
  });

  it('gives a year that only the yearly table has a row of empty months', () => {
    const m = buildHeatmap([], [year(2020, -0.2)]);
    expect(m.rows).toHaveLength(1);
    expect(m.rows[0].months.every((c) => c === null)).toBe(true);
    expect(m.rows[0].total).toEqual({ period: '2020', value: -0.2, intensity: -1 });
  });

  it('leaves a year without a yearly row without a total', () => {
    expect(buildHeatmap([month(2021, 6, 0.01)], []).rows[0].total).toBeNull();
  });
});

describe('heatmap colour scale', () => {
  it('keeps one crash month from washing out the others', () => {
    // Nine months of +1 % and one of −50 %: h = 9 × 0.95 = 8.55 → 0.01 + 0.55 × 0.49 = 0.2795.
    const bound = colourBound([...new Array<number>(9).fill(0.01), -0.5]);
    expect(bound).toBeCloseTo(0.2795, 12);
    expect(intensityOf(-0.5, bound)).toBe(-1);
    expect(intensityOf(0.01, bound)).toBeCloseTo(0.01 / 0.2795, 12);
  });

  it('has no tint when every return is zero or undefined', () => {
    expect(colourBound([0, 0, null])).toBe(0);
    expect(colourBound([])).toBe(0);
    expect(intensityOf(0, 0)).toBe(0);
    expect(intensityOf(null, 0.1)).toBe(0);
    expect(cellBackground(0)).toBeUndefined();
  });

  it('mixes green for gains and red for losses into the page background, at most 60 %', () => {
    expect(cellBackground(1)).toBe('color-mix(in srgb, var(--mantine-color-teal-filled) 60%, var(--mantine-color-body))');
    expect(cellBackground(-0.5)).toBe('color-mix(in srgb, var(--mantine-color-red-filled) 30%, var(--mantine-color-body))');
  });
});

import { describe, expect, it } from 'vitest';
import { buildStitched } from '../../../../src-renderer/pages/optimize/plots/stitched-model.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2022, 0, 3);

describe('buildStitched', () => {
  const time = Array.from({ length: 10 }, (_, k) => T0 + k * DAY);
  const equity = [100, 104, 102, 110, 108, 115, 130, 125, 120, 122];

  it('marks each window start by its time, numbered from 1, leaving out starts past the end', () => {
    const model = buildStitched(time, equity, [0, 4, 8, 12]);
    expect(model.windows).toEqual([
      { window: 1, time: T0 },
      { window: 2, time: T0 + 4 * DAY },
      { window: 3, time: T0 + 8 * DAY },
    ]);
  });

  it('spans the time axis from the first to the last bar and the equity axis over its range', () => {
    const model = buildStitched(time, equity, [0]);
    expect(model.timeDomain).toEqual([T0, T0 + 9 * DAY]);
    // 100..130 in at most 4 intervals: steps 2 and 5 need 15 and 6, 10 needs 3.
    expect(model.yScale.ticks).toEqual([100, 110, 120, 130]);
  });

  it('thins a long series to the point budget', () => {
    const n = 100_000;
    const long = buildStitched(
      Float64Array.from({ length: n }, (_, k) => T0 + k * 60_000),
      Float64Array.from({ length: n }, (_, k) => 1000 + (k % 977)),
      [0, 50_000],
    );
    expect(long.line.time.length).toBeLessThanOrEqual(1500);
    expect(long.yScale.min).toBeLessThanOrEqual(1000);
    expect(long.yScale.max).toBeGreaterThanOrEqual(1976);
    expect(long.windows).toEqual([
      { window: 1, time: T0 },
      { window: 2, time: T0 + 50_000 * 60_000 },
    ]);
  });

  it('has nothing to draw for an empty series', () => {
    const model = buildStitched([], [], [0]);
    expect(model.timeDomain).toBeNull();
    expect(model.windows).toEqual([]);
    expect(model.line).toEqual({ time: [], value: [] });
  });
});

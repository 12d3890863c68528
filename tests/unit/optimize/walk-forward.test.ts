import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../src-shared/contract/errors.ts';
import { checkWalkForward, planWalkForward, runWalkForward, type WalkForwardWindow } from '../../../src-workers/optimize/walk-forward.ts';
import { stitchEquity, summarizeWalkForward, walkForwardEfficiency, type WindowOutcome } from '../../../src-workers/optimize/walk-forward-report.ts';

const ranges = (windows: readonly WalkForwardWindow[]) => windows.map((w) => [w.inSample.start, w.inSample.end, w.outOfSample.start, w.outOfSample.end]);

describe('walk-forward windows', () => {
  it('rolls a fixed in-sample window forward by the out-of-sample length', () => {
    // 10 bars, in 4, out 2: IS [0,4) OOS [4,6); IS [2,6) OOS [6,8); IS [4,8) OOS [8,10).
    const plan = planWalkForward(10, { inSample: 4, outOfSample: 2 });
    expect(ranges(plan.windows)).toEqual([[0, 4, 4, 6], [2, 6, 6, 8], [4, 8, 8, 10]]);
    expect(plan.windows.map((w) => w.index)).toEqual([0, 1, 2]);
    expect(plan.unusedBars).toBe(0);
  });

  it('anchors the in-sample window at bar 0 and grows it', () => {
    const plan = planWalkForward(10, { inSample: 4, outOfSample: 2, anchored: true });
    expect(ranges(plan.windows)).toEqual([[0, 4, 4, 6], [0, 6, 6, 8], [0, 8, 8, 10]]);
  });

  it('plans whole out-of-sample windows only and counts the bars left over', () => {
    // 1000 bars, in 500, out 150: OOS [500,650) [650,800) [800,950); 50 bars left.
    const plan = planWalkForward(1000, { inSample: 500, outOfSample: 150 });
    expect(ranges(plan.windows)).toEqual([[0, 500, 500, 650], [150, 650, 650, 800], [300, 800, 800, 950]]);
    expect(plan.unusedBars).toBe(50);
  });

  it('tiles the out-of-sample segments without gap or overlap', () => {
    const plan = planWalkForward(5000, { inSample: 756, outOfSample: 252 });
    plan.windows.slice(1).forEach((w, k) => expect(w.outOfSample.start).toBe(plan.windows[k]!.outOfSample.end));
    plan.windows.forEach((w) => expect(w.inSample.end).toBe(w.outOfSample.start));
  });

  it('refuses windows that do not fit, naming the field and the value', () => {
    expect(checkWalkForward(10, { inSample: 8, outOfSample: 3 })[0]).toMatchObject({ field: 'walkForward', value: { inSample: 8, outOfSample: 3 } });
    expect(checkWalkForward(10, { inSample: 1, outOfSample: 3 })[0]).toMatchObject({ field: 'walkForward.inSample', value: 1 });
    expect(checkWalkForward(10, { inSample: 4, outOfSample: 2.5 })[0]).toMatchObject({ field: 'walkForward.outOfSample', value: 2.5 });
    expect(() => planWalkForward(10, { inSample: 8, outOfSample: 3 })).toThrow(AppFailure);
    expect(() => planWalkForward(10, { inSample: 8, outOfSample: 3 })).toThrow(/11 bars for one window, but the data has 10/);
  });
});

describe('stitching out-of-sample equity', () => {
  it('rescales each segment to continue from the previous one\'s last equity', () => {
    // Start 1000. Segment A starts from 100 and reaches 110, 121 (+10 %, +10 %) → 1100, 1210.
    // Segment B starts from 50 and reaches 45, 54 (−10 %, +20 %) → 1210 × 0.9 = 1089, 1210 × 1.08 = 1306.8.
    const curve = stitchEquity(
      [
        { equity: [110, 121], startEquity: 100, totalReturn: 0.21, time: [1, 2] },
        { equity: [45, 54], startEquity: 50, totalReturn: 0.08, time: [3, 4] },
      ],
      1000,
    );
    expect([...curve.equity].map((v) => +v.toFixed(9))).toEqual([1100, 1210, 1089, 1306.8]);
    expect([...curve.time!]).toEqual([1, 2, 3, 4]);
    expect(curve.starts).toEqual([0, 2]);
  });

  it('keeps the level across an empty segment, has no times unless all have them, and refuses a non-positive start', () => {
    const curve = stitchEquity([{ equity: [], startEquity: 10, totalReturn: 0 }, { equity: [20], startEquity: 10, totalReturn: 1 }], 5);
    expect([...curve.equity]).toEqual([10]);
    expect(curve.time).toBeNull();
    expect(() => stitchEquity([{ equity: [1], startEquity: 0, totalReturn: null }], 5)).toThrow(/positive/);
  });
});

describe('walk-forward efficiency', () => {
  it('is the out-of-sample return rate over the in-sample rate (annualization cancels)', () => {
    // IS 20 % over 200 bars (0.1 %/bar), OOS 5 % over 50 bars (0.1 %/bar): WFE 1.
    expect(walkForwardEfficiency([{ isReturn: 0.2, isBars: 200, oosReturn: 0.05, oosBars: 50 }])).toBeCloseTo(1, 12);
    // IS 30 % over 200 (0.15 %/bar), OOS 3 % over 50 (0.06 %/bar): WFE 0.4.
    expect(walkForwardEfficiency([{ isReturn: 0.3, isBars: 200, oosReturn: 0.03, oosBars: 50 }])).toBeCloseTo(0.4, 12);
    // Both: OOS (0.05 + 0.03) / 100 = 0.0008 per bar, IS (0.2 + 0.3) / 400 = 0.00125: WFE 0.64.
    expect(
      walkForwardEfficiency([
        { isReturn: 0.2, isBars: 200, oosReturn: 0.05, oosBars: 50 },
        { isReturn: 0.3, isBars: 200, oosReturn: 0.03, oosBars: 50 },
      ]),
    ).toBeCloseTo(0.64, 12);
  });

  it('is undefined when the in-sample result lost money or is missing', () => {
    expect(walkForwardEfficiency([{ isReturn: -0.1, isBars: 200, oosReturn: 0.05, oosBars: 50 }])).toBeNull();
    expect(walkForwardEfficiency([{ isReturn: 0, isBars: 200, oosReturn: 0.05, oosBars: 50 }])).toBeNull();
    expect(walkForwardEfficiency([{ isReturn: null, isBars: 200, oosReturn: 0.05, oosBars: 50 }])).toBeNull();
    expect(walkForwardEfficiency([])).toBeNull();
  });
});

describe('a walk-forward run', () => {
  const plan = planWalkForward(500, { inSample: 200, outOfSample: 50 });
  // Window k: IS return 0.2 + 0.1k, OOS equity from 100 to 100 × (1 + 0.05 − 0.02k) in a straight line.
  const outcome = (w: WalkForwardWindow): WindowOutcome => {
    const r = 0.05 - 0.02 * w.index;
    const equity = Array.from({ length: 50 }, (_, i) => 100 * (1 + (r * (i + 1)) / 50));
    return { window: w, params: { fast: 10 + w.index }, inSampleReturn: 0.2 + 0.1 * w.index, outOfSample: { equity, startEquity: 100, totalReturn: r } };
  };

  it('drives the caller\'s optimize and evaluate per window and reports each window and the whole', async () => {
    const calls: string[] = [];
    const report = await runWalkForward(
      plan,
      {
        optimize: async (w) => {
          calls.push(`optimize ${w.index}`);
          return { params: outcome(w).params, totalReturn: outcome(w).inSampleReturn };
        },
        evaluate: async (w, params) => {
          calls.push(`evaluate ${w.index} fast=${params.fast}`);
          return outcome(w).outOfSample;
        },
      },
      10_000,
      252,
    );
    expect(plan.windows).toHaveLength(6);
    expect(calls.slice(0, 4)).toEqual(['optimize 0', 'evaluate 0 fast=10', 'optimize 1', 'evaluate 1 fast=11']);
    const w0 = report.windows[0]!;
    expect(w0).toMatchObject({ index: 0, inSample: { start: 0, end: 200 }, outOfSample: { start: 200, end: 250 }, params: { fast: 10 }, inSampleReturn: 0.2, outOfSampleReturn: 0.05 });
    expect(w0.inSampleAnnualized).toBeCloseTo((0.2 * 252) / 200, 12);
    expect(w0.outOfSampleAnnualized).toBeCloseTo((0.05 * 252) / 50, 12);
    expect(w0.efficiency).toBeCloseTo(1, 12);
    // OOS returns 0.05, 0.03, 0.01, −0.01, −0.03, −0.05 sum to 0; IS returns are positive: WFE 0.
    expect(report.efficiency).toBeCloseTo(0, 12);
    // The stitched curve compounds the six OOS returns from 10 000.
    const compounded = [0.05, 0.03, 0.01, -0.01, -0.03, -0.05].reduce((e, r) => e * (1 + r), 10_000);
    expect(report.stitched.equity).toHaveLength(300);
    expect(report.stitched.equity[299]).toBeCloseTo(compounded, 6);
    expect(report.outOfSampleReturn).toBeCloseTo(compounded / 10_000 - 1, 12);
  });

  it('summarizes outcomes the same way without the driver', () => {
    const report = summarizeWalkForward(plan.windows.map(outcome), 10_000);
    expect(report.windows.map((w) => w.efficiency!.toFixed(6))).toEqual(
      plan.windows.map((w) => (((0.05 - 0.02 * w.index) / 50) / ((0.2 + 0.1 * w.index) / 200)).toFixed(6)),
    );
    expect(report.windows[0]!.inSampleAnnualized).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import type { MonteCarloReport } from '../../../../src-shared/domain/safeguards.ts';
import { monteCarloPanels, scalePercentiles } from '../../../../src-renderer/pages/optimize/plots/monte-carlo-model.ts';

const REPORT: MonteCarloReport = {
  trades: 80,
  initialEquity: 10_000,
  ruinLevel: 0.5,
  reshuffle: {
    simulations: 1000,
    finalEquity: { p5: 12_000, p25: 12_000, p50: 12_000, p75: 12_000, p95: 12_000 },
    maxDrawdown: { p5: -0.25, p25: -0.18, p50: -0.12, p75: -0.08, p95: -0.05 },
    probabilityOfRuin: 0,
  },
  bootstrap: {
    simulations: 1000,
    finalEquity: { p5: 8_000, p25: 10_500, p50: 12_000, p75: 13_500, p95: 16_000 },
    maxDrawdown: { p5: -0.4, p25: -0.22, p50: -0.13, p75: -0.07, p95: -0.03 },
    probabilityOfRuin: 0.02,
  },
};

describe('monteCarloPanels', () => {
  it('draws final equity per scheme against the initial equity', () => {
    const { finalEquity } = monteCarloPanels(REPORT);
    expect(finalEquity.reference).toBe(10_000);
    expect(finalEquity.boxes.map((b) => b.scheme)).toEqual(['reshuffle', 'bootstrap']);
    expect(finalEquity.boxes[1].box).toEqual({ p5: 8_000, p25: 10_500, p50: 12_000, p75: 13_500, p95: 16_000 });
    expect(finalEquity.boxes[1].probabilityOfRuin).toBe(0.02);
    // 8000..16000 in at most 5 intervals: step 1000 needs 8, 2000 needs 4.
    expect(finalEquity.scale.ticks).toEqual([8_000, 10_000, 12_000, 14_000, 16_000]);
  });

  it('draws drawdowns in percent against 0', () => {
    const { maxDrawdown } = monteCarloPanels(REPORT);
    expect(maxDrawdown.reference).toBe(0);
    const box = maxDrawdown.boxes[1].box;
    expect(box.p5).toBeCloseTo(-40, 10);
    expect(box.p50).toBeCloseTo(-13, 10);
    expect(box.p95).toBeCloseTo(-3, 10);
    expect(maxDrawdown.scale.ticks).toEqual([-40, -30, -20, -10, 0]);
  });

  it('widens the scale to include the reference when every box lies on one side of it', () => {
    const above = { p5: 11_000, p25: 11_500, p50: 12_000, p75: 12_500, p95: 13_000 };
    const report = { ...REPORT, reshuffle: { ...REPORT.reshuffle, finalEquity: above }, bootstrap: { ...REPORT.bootstrap, finalEquity: above } };
    const { finalEquity } = monteCarloPanels(report);
    expect(finalEquity.scale.min).toBeLessThanOrEqual(10_000);
    expect(finalEquity.scale.max).toBeGreaterThanOrEqual(13_000);
  });
});

describe('scalePercentiles', () => {
  it('never turns a zero drawdown into −0', () => {
    const p = scalePercentiles({ p5: -0, p25: 0, p50: 0, p75: 0, p95: 0 }, 100);
    expect(Object.is(p.p5, 0)).toBe(true);
  });
});

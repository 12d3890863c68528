import { describe, expect, it } from 'vitest';
import { BenchmarkTestSchema } from '../../../../src-shared/domain/safeguards.ts';
import { benchmarkTest, stationaryBootstrapPValue } from '../../../../src-workers/optimize/safeguards/significance.ts';

const f64 = (xs: number[]) => Float64Array.from(xs);

describe('benchmarkTest: t-test on the excess returns', () => {
  // Excess returns 1 %, 2 %, −0.5 %, 1.5 %, 0 % over a benchmark that moves on its own.
  const benchmark = f64([0.004, -0.02, 0.011, 0.003, -0.007]);
  const excess = [0.01, 0.02, -0.005, 0.015, 0];
  const strategy = f64(excess.map((e, i) => e + benchmark[i]!));

  it('computes mean, sd, t and the one-sided p-value by hand', () => {
    // Mean 0.04 / 5 = 0.008; squared deviations (2, 12, −13, 7, −8)² × 10⁻⁶ sum to 430 × 10⁻⁶, so
    // s = √(430e−6 / 4) = 0.0103682…; t = 0.008 / (s / √5) = 1.7253…, 4 degrees of freedom.
    const s = Math.sqrt(430e-6 / 4);
    const t = 0.008 / (s / Math.sqrt(5));
    // ν = 4 (A&S 26.7.3): P(T > t) = (1 − sin θ·(1 + ½cos²θ)) / 2, sin θ = t/√(4 + t²), cos²θ = 4/(4 + t²).
    const p = (1 - (t / Math.sqrt(4 + t * t)) * (1 + 2 / (4 + t * t))) / 2;
    const result = benchmarkTest(strategy, benchmark, { seed: 1, replicates: 0 });
    expect(result.meanExcess).toBeCloseTo(0.008, 15);
    expect(result.sdExcess).toBeCloseTo(s, 15);
    expect(result.tStatistic).toBeCloseTo(t, 12);
    expect(result.degreesOfFreedom).toBe(4);
    expect(result.pValue).toBeCloseTo(p, 12);
    expect(result.pValue).toBeCloseTo(0.0798, 4);
    expect(result).toMatchObject({ bootstrapPValue: null, bootstrapReplicates: 0, meanBlockLength: null });
  });

  it('gives a p-value above ½ when the strategy lags the benchmark', () => {
    const result = benchmarkTest(benchmark, strategy, { seed: 1, replicates: 0 });
    expect(result.pValue).toBeCloseTo(1 - benchmarkTest(strategy, benchmark, { seed: 1, replicates: 0 }).pValue!, 12);
  });

  it('has no t statistic without spread, and refuses series of different lengths', () => {
    const flat = benchmarkTest(f64([0.01, 0.01, 0.01]), f64([0, 0, 0]), { seed: 1, replicates: 0 });
    expect(flat).toMatchObject({ tStatistic: null, pValue: null, meanExcess: 0.01 });
    expect(() => benchmarkTest(f64([0.01]), f64([0, 0]), { seed: 1 })).toThrow(RangeError);
  });

  it('runs the bootstrap by default, reproducibly, and fits the schema', () => {
    const a = benchmarkTest(strategy, benchmark, { seed: 9 });
    expect(a.bootstrapReplicates).toBe(1000);
    expect(a.meanBlockLength).toBe(2); // ⌈5^{1/3}⌉
    expect(benchmarkTest(strategy, benchmark, { seed: 9 })).toEqual(a);
    expect(BenchmarkTestSchema.parse(a)).toEqual(a);
  });
});

describe('stationaryBootstrapPValue', () => {
  it('with blocks of mean length 1 matches the exhaustive i.i.d. bootstrap of 4 values (4⁴ = 256 resamples)', () => {
    const x = [0.031, -0.012, 0.018, -0.004];
    const observed = x.reduce((a, b) => a + b) / 4;
    let extreme = 0;
    for (let a = 0; a < 4; a++)
      for (let b = 0; b < 4; b++)
        for (let c = 0; c < 4; c++)
          for (let d = 0; d < 4; d++) {
            const m = (x[a]! + x[b]! + x[c]! + x[d]!) / 4;
            // No resample may sit on the boundary, where rounding would decide.
            expect(Math.abs(m - 2 * observed)).toBeGreaterThan(1e-9);
            if (m - observed >= observed) extreme++;
          }
    const exact = extreme / 256;
    const replicates = 40_000;
    const p = stationaryBootstrapPValue(f64(x), replicates, 1, 77);
    expect(Math.abs(p - exact)).toBeLessThan(5 * Math.sqrt((exact * (1 - exact)) / replicates) + 1 / replicates);
  });

  it('is small for a clearly positive series and near ½ for a symmetric one', () => {
    const positive = Float64Array.from({ length: 250 }, (_, i) => 0.004 + 0.01 * Math.sin(i * 2.3));
    const symmetric = Float64Array.from({ length: 250 }, (_, i) => 0.01 * Math.sin(i * 2.3));
    expect(stationaryBootstrapPValue(positive, 2000, 5, 1)).toBeLessThan(0.01);
    expect(stationaryBootstrapPValue(symmetric, 2000, 5, 1)).toBeGreaterThan(0.2);
  });

  it('is never 0: (1 + #extreme) / (B + 1)', () => {
    expect(stationaryBootstrapPValue(f64([1, 1.1, 0.9, 1.05]), 99, 2, 3)).toBe(1 / 100);
  });
});

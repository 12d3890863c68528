import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile } from '../../../../src-workers/optimize/safeguards/normal.ts';

/** |a − b| / |b|. */
const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('normalCdf (Φ)', () => {
  it('matches published values of the standard normal distribution', () => {
    // Φ(1.96) = 0.97500210485177956…, Φ(1) = 0.84134474606854294…, Φ(3) = 0.99865010196836990…
    // (e.g. Abramowitz & Stegun table 26.1; digits beyond the table from a 40-digit mpmath ncdf).
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 15);
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 15);
    expect(normalCdf(3)).toBeCloseTo(0.998650101968370, 15);
    expect(normalCdf(0)).toBe(0.5);
  });

  it('keeps its relative precision far into the lower tail', () => {
    // Φ(−10) = 7.6198530241605260659…e−24, Φ(−37) = 5.7255712225245768226…e−300 (mpmath, 40 digits).
    expect(relErr(normalCdf(-10), 7.619853024160526e-24)).toBeLessThan(1e-14);
    expect(relErr(normalCdf(-37), 5.725571222524577e-300)).toBeLessThan(1e-14);
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(9)).toBe(1);
  });

  it('is symmetric: Φ(x) + Φ(−x) = 1', () => {
    for (const x of [0.1, 0.5, 0.67, 0.68, 1.3, 2.5, 4, 5.6, 5.7, 7]) expect(normalCdf(x) + normalCdf(-x)).toBeCloseTo(1, 15);
  });
});

describe('normalQuantile (Φ⁻¹)', () => {
  it('matches published percentage points', () => {
    // 1.959963984540054 (97.5 %), 1.6448536269514722 (95 %), 2.5758293035489004 (99.5 %), 2.3263478740408408 (99 %).
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.95)).toBeCloseTo(1.6448536269514722, 14);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489004, 14);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.3263478740408408, 14);
    expect(normalQuantile(0.5)).toBe(0);
  });

  it('is accurate in the far tail, where AS 241 switches to its third approximation', () => {
    // Φ⁻¹(1e−10) = −6.3613409024040562047… (mpmath, 40 digits); r = √(−ln 1e−10) = 4.8 < 5.
    expect(relErr(normalQuantile(1e-10), -6.361340902404056)).toBeLessThan(1e-15);
    // Φ⁻¹(1e−300) = −37.047096299361… ; r = 26.3 > 5.
    expect(relErr(normalQuantile(1e-300), -37.0470962993612)).toBeLessThan(1e-13);
  });

  it('inverts normalCdf', () => {
    for (const p of [1e-12, 1e-5, 0.02, 0.074, 0.076, 0.3, 0.6, 0.9, 0.999]) expect(relErr(normalCdf(normalQuantile(p)), p)).toBeLessThan(1e-13);
  });

  it('gives the infinities at 0 and 1 and NaN outside', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
    expect(normalQuantile(NaN)).toBeNaN();
  });
});

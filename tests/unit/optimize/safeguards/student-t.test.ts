import { describe, expect, it } from 'vitest';
import { normalCdf } from '../../../../src-workers/optimize/safeguards/normal.ts';
import { logGamma, regularizedIncompleteBeta, studentTSurvival } from '../../../../src-workers/optimize/safeguards/student-t.ts';

const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/**
 * P(T > t) for an integer ν by the finite series of Abramowitz & Stegun 26.7.3 and 26.7.4, an
 * independent route to the same number: with θ = atan(t/√ν) and A = P(|T| < t),
 *   ν even: A = sin θ · (1 + ½cos²θ + (1·3)/(2·4)cos⁴θ + … + (1·3⋯(ν−3))/(2·4⋯(ν−2))cos^{ν−2}θ)
 *   ν odd:  A = (2/π)(θ + sin θ cos θ (1 + (2/3)cos²θ + … + (2·4⋯(ν−3))/(3·5⋯(ν−2))cos^{ν−3}θ)), A = 2θ/π for ν = 1
 * and P(T > t) = (1 − A)/2 for t ≥ 0.
 */
function tailBySeries(t: number, nu: number): number {
  const theta = Math.atan(t / Math.sqrt(nu));
  const c2 = Math.cos(theta) ** 2;
  let a: number;
  if (nu % 2 === 0) {
    let term = 1;
    let sum = 1;
    for (let k = 2; k <= nu - 2; k += 2) {
      term *= ((k - 1) / k) * c2;
      sum += term;
    }
    a = Math.sin(theta) * sum;
  } else if (nu === 1) {
    a = (2 * theta) / Math.PI;
  } else {
    let term = 1;
    let sum = 1;
    for (let k = 3; k <= nu - 2; k += 2) {
      term *= ((k - 1) / k) * c2;
      sum += term;
    }
    a = (2 / Math.PI) * (theta + Math.sin(theta) * Math.cos(theta) * sum);
  }
  return (1 - a) / 2;
}

describe('studentTSurvival', () => {
  it('gives the one-sided p-value of t = 2 with 30 degrees of freedom', () => {
    // Tables: 0.02731; scipy.stats.t.sf(2, 30) = 0.027312522481491547.
    expect(studentTSurvival(2, 30)).toBeCloseTo(0.027312522481491547, 13);
  });

  it('returns the tail probabilities of the t-table critical values', () => {
    // t(0.05, 30) = 1.697, t(0.025, 30) = 2.042, t(0.005, 10) = 3.169, t(0.05, 5) = 2.015 (3-digit tables).
    expect(studentTSurvival(1.697, 30)).toBeCloseTo(0.05, 4);
    expect(studentTSurvival(2.042, 30)).toBeCloseTo(0.025, 4);
    expect(studentTSurvival(3.169, 10)).toBeCloseTo(0.005, 4);
    expect(studentTSurvival(2.015, 5)).toBeCloseTo(0.05, 4);
  });

  it('agrees with the closed forms for 1 and 2 degrees of freedom', () => {
    for (const t of [0.3, 1, 2, 7.5, 100]) {
      // Cauchy: ½ − atan(t)/π; ν = 2: ½ − t / (2√(2 + t²)).
      expect(relErr(studentTSurvival(t, 1), 0.5 - Math.atan(t) / Math.PI)).toBeLessThan(1e-13);
      expect(relErr(studentTSurvival(t, 2), 0.5 - t / (2 * Math.sqrt(2 + t * t)))).toBeLessThan(1e-11);
    }
  });

  it('agrees with the finite series of Abramowitz & Stegun 26.7.3–4 for integer degrees of freedom', () => {
    for (const nu of [3, 4, 7, 10, 30, 31, 120]) {
      for (const t of [0.05, 0.5, 1.3, 2, 3.5]) expect(relErr(studentTSurvival(t, nu), tailBySeries(t, nu))).toBeLessThan(1e-10);
    }
  });

  it('is symmetric and ½ at 0', () => {
    expect(studentTSurvival(0, 12)).toBe(0.5);
    expect(studentTSurvival(-1.5, 7) + studentTSurvival(1.5, 7)).toBeCloseTo(1, 14);
  });

  it('keeps the relative precision of a tiny tail', () => {
    // scipy.stats.t.sf(40, 10) = 1.1404288715428774e-12; the series route would lose it in 1 − A.
    expect(relErr(studentTSurvival(40, 10), 1.1404288715428774e-12)).toBeLessThan(1e-12);
  });

  it('tends to the normal tail for many degrees of freedom', () => {
    // P(T > t) − (1 − Φ(t)) = O(1/ν); with ν = 10⁶ the two agree to about 10⁻⁷.
    expect(studentTSurvival(1.96, 1e6)).toBeCloseTo(1 - normalCdf(1.96), 6);
    // scipy.stats.t.sf(3, 10000) = 0.0013532240949988331.
    expect(relErr(studentTSurvival(3, 10_000), 0.0013532240949988331)).toBeLessThan(1e-10);
  });
});

describe('regularizedIncompleteBeta and logGamma', () => {
  it('satisfies the closed forms I_x(a, 1) = x^a and I_x(1, b) = 1 − (1 − x)^b', () => {
    for (const x of [0.01, 0.3, 0.5, 0.9, 0.999]) {
      expect(relErr(regularizedIncompleteBeta(x, 3.5, 1), x ** 3.5)).toBeLessThan(1e-13);
      expect(relErr(regularizedIncompleteBeta(x, 1, 4.5), 1 - (1 - x) ** 4.5)).toBeLessThan(1e-13);
    }
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
  });

  it('gives ln Γ at known points', () => {
    // ln Γ(1/2) = ln √π, ln Γ(10) = ln 9!, ln Γ(1) = 0.
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(logGamma(10)).toBeCloseTo(Math.log(362_880), 13);
    expect(logGamma(1)).toBeCloseTo(0, 14);
  });
});

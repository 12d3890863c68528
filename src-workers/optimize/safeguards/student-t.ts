/**
 * Student's t distribution for the significance test (significance.ts), through the regularized
 * incomplete beta function: for t ≥ 0 and ν degrees of freedom,
 *   P(T > t) = ½·I_x(ν/2, 1/2) with x = ν / (ν + t²)
 * (Abramowitz & Stegun 26.7.1 with 26.5.27). The tail is computed directly, so a small p-value keeps
 * its relative precision instead of being lost in 1 − (something close to 1).
 */

// Lanczos (1964) approximation with g = 7 and 9 terms (coefficients as published by P. Godfrey),
// relative error about 10⁻¹⁵ for x ≥ 1/2.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LN_2PI = 0.9189385332046727;

/** ln Γ(x) for x > 0 (Lanczos; for x < 1/2 by Γ(x) = Γ(x + 1)/x). */
export function logGamma(x: number): number {
  if (!(x > 0)) return NaN;
  if (x < 0.5) return logGamma(x + 1) - Math.log(x);
  const z = x - 1;
  let series = LANCZOS[0]!;
  for (let k = 1; k < LANCZOS.length; k++) series += LANCZOS[k]! / (z + k);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LN_2PI + (z + 0.5) * Math.log(t) - t + Math.log(series);
}

const TINY = 1e-300;
const EPS = 1e-16;
const MAX_ITERATIONS = 100_000;

/**
 * The continued fraction of I_x(a, b) (Numerical Recipes §6.4, eq. 6.4.5), by the modified Lentz
 * method; it converges fast for x < (a + 1)/(a + b + 2), in O(√max(a, b)) terms.
 */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    // Even step: d_{2m} = m(b − m)x / ((a + 2m − 1)(a + 2m)).
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    // Odd step: d_{2m+1} = −(a + m)(a + b + m)x / ((a + 2m)(a + 2m + 1)).
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < EPS) return h;
  }
  return h;
}

/**
 * The regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b) for 0 ≤ x ≤ 1, a, b > 0:
 *   I_x(a, b) = x^a (1 − x)^b / (a·B(a, b)) · CF(x; a, b),
 * with the continued fraction for x < (a + 1)/(a + b + 2) and I_x(a, b) = 1 − I_{1−x}(b, a) beyond
 * (Numerical Recipes §6.4). `complement` is 1 − x, for a caller that knows it more precisely than
 * the subtraction would give it. Relative error about 10⁻¹⁴ for a, b up to a few hundred; the
 * log-gamma terms grow with a and b and cost digits beyond (about 10⁻¹² at a = 5 000).
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number, complement = 1 - x): number {
  if (!(a > 0 && b > 0) || !(x >= 0 && x <= 1)) return NaN;
  if (x === 0) return 0;
  if (complement === 0) return 1;
  const logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(complement);
  const front = Math.exp(logFront);
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(complement, b, a)) / b;
}

/**
 * P(T > t) for Student's t with `df` > 0 degrees of freedom (the one-sided upper-tail p-value of a
 * t statistic). NaN for a NaN t or df ≤ 0.
 */
export function studentTSurvival(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (t === Infinity) return 0;
  if (t === -Infinity) return 1;
  // x = ν/(ν + t²) and 1 − x = t²/(ν + t²), each formed directly so that neither loses digits.
  const t2 = t * t;
  const tail = 0.5 * regularizedIncompleteBeta(df / (df + t2), df / 2, 0.5, t2 / (df + t2));
  return t >= 0 ? tail : 1 - tail;
}

/**
 * The standard normal distribution function Φ and its inverse Φ⁻¹, to full double precision, for the
 * probabilistic and deflated Sharpe ratios (deflated-sharpe.ts).
 */

const SQRT_32 = Math.sqrt(32);
const INV_SQRT_2PI = 0.398942280401432677939946059934;

// W. J. Cody (1969), "Rational Chebyshev approximations for the error function", Math. Comp. 23,
// 631–637; the coefficients of his ANORM routine (SPECFUN, netlib), which R's pnorm also uses.
// |x| ≤ 0.67448975 (Φ⁻¹(3/4)): Φ(x) = 1/2 + x·A(x²)/B(x²).
const A = [2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249, 0.065682337918207449113];
const B = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956];
// 0.674… < |x| ≤ √32: Φ(−|x|) = exp(−x²/2)·C(|x|)/D(|x|).
const C = [
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226, 2494.5375852903726711,
  6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8,
];
const D = [
  22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755, 18615.571640885098091,
  34900.952721145977266, 38912.003286093271411, 19685.429676859990727,
];
// |x| > √32: Φ(−|x|) = exp(−x²/2)/|x|·(1/√(2π) − x⁻²·P(x⁻²)/Q(x⁻²)).
const P = [0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303];
const Q = [1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5];

/**
 * exp(−y²/2) without the rounding error of squaring y: y is split into a part with 4 fraction bits,
 * whose square is exact, and the rest (Cody's device).
 */
function gaussianFactor(y: number): number {
  const ySplit = Math.trunc(y * 16) / 16;
  const rest = (y - ySplit) * (y + ySplit);
  return Math.exp(-ySplit * ySplit * 0.5) * Math.exp(-rest * 0.5);
}

/**
 * Φ(x) = P(Z ≤ x) for a standard normal Z, with a relative error of about 10⁻¹⁶ in both tails
 * (Cody 1969). Φ(x) underflows to 0 below x ≈ −37.5 and rounds to 1 above x ≈ 8.3.
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  if (y <= 0.67448975) {
    const ySq = y > 1.1102230246251565e-16 ? x * x : 0;
    let num = A[4]! * ySq;
    let den = ySq;
    for (let i = 0; i < 3; i++) {
      num = (num + A[i]!) * ySq;
      den = (den + B[i]!) * ySq;
    }
    return 0.5 + (x * (num + A[3]!)) / (den + B[3]!);
  }
  // The lower tail Φ(−|x|) first; the upper half comes from 1 − Φ(−|x|).
  let tail: number;
  if (y <= SQRT_32) {
    let num = C[8]! * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + C[i]!) * y;
      den = (den + D[i]!) * y;
    }
    tail = gaussianFactor(y) * ((num + C[7]!) / (den + D[7]!));
  } else if (y < 37.5193) {
    const inv = 1 / (y * y);
    let num = P[5]! * inv;
    let den = inv;
    for (let i = 0; i < 4; i++) {
      num = (num + P[i]!) * inv;
      den = (den + Q[i]!) * inv;
    }
    const r = (inv * (num + P[4]!)) / (den + Q[4]!);
    tail = gaussianFactor(y) * ((INV_SQRT_2PI - r) / y);
  } else {
    tail = 0;
  }
  return x > 0 ? 1 - tail : tail;
}

// M. J. Wichura (1988), "Algorithm AS 241: The percentage points of the normal distribution",
// Applied Statistics 37(3), 477–484, PPND16: about 16 significant digits.
// |p − 1/2| ≤ 0.425: Φ⁻¹(p) = q·A(r)/B(r) with q = p − 1/2, r = 0.180625 − q².
const A241 = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457,
  67265.770927008700853, 33430.575583588128105, 2509.0809287301226727,
];
const B241 = [
  1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061,
  28729.085735721942674, 5226.495278852854561,
];
// Otherwise r = √(−ln min(p, 1 − p)); r ≤ 5: C(r − 1.6)/D(r − 1.6); r > 5: E(r − 5)/F(r − 5).
const C241 = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258,
  0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
];
const D241 = [
  1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459,
  0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9,
];
const E241 = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093,
  0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
];
const F241 = [
  1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4,
  1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15,
];

/** Σ c[k]·x^k by Horner's rule. */
function polynomial(c: readonly number[], x: number): number {
  let s = c[c.length - 1]!;
  for (let k = c.length - 2; k >= 0; k--) s = s * x + c[k]!;
  return s;
}

/**
 * Φ⁻¹(p): the z with Φ(z) = p (Wichura's AS 241, relative error about 10⁻¹⁶). −Infinity at 0,
 * +Infinity at 1, NaN outside [0, 1]. Near 1 the answer is only as precise as 1 − p is.
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * polynomial(A241, r)) / polynomial(B241, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let z: number;
  if (r <= 5) {
    r -= 1.6;
    z = polynomial(C241, r) / polynomial(D241, r);
  } else {
    r -= 5;
    z = polynomial(E241, r) / polynomial(F241, r);
  }
  return q < 0 ? -z : z;
}

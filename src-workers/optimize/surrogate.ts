import { GaussianProcess, gram, matern52, type Kernel } from './gaussian-process.ts';
import type { Genome } from './genetic-operators.ts';
import type { Standing } from './genetic-screening.ts';
import type { Dimension } from './space.ts';

/** Points the process is fitted to at most: the best half and the latest others, O(n³) per fit. */
export const SURROGATE_POINTS = 64;
/** Points the length-scale and noise are chosen on (the latest of the fitted ones). */
const TUNING_POINTS = 32;
/** Length-scales tried for the numeric axes, as a share of the axis (every axis alike). */
const SCALES = [0.05, 0.1, 0.2, 0.4];
/** Noise variances tried, relative to the standardised targets' variance of 1. */
const NOISES = [0.01, 0.1];
/** A choice's length-scale: two different values are one unit apart (a correlation of about 0.52). */
const CHOICE_SCALE = 1;
/**
 * The additive part's weights tried in the kernel. On the ORCL grid the additive kernel does
 * best (hit rate at 34 evaluations, screening 5: 44.6 % joint, 55.4 % half and half, 58.2 % additive);
 * allowing the half-and-half blend keeps that and lets a landscape whose peaks are not additive (a
 * ripple cos x · cos y) pick it. Allowing the wholly joint kernel too costs ORCL about 9 points.
 */
const ADDITIVES = [0.5, 1];

/**
 * How many posterior standard deviations the upper confidence bound adds to the mean. Over seeds
 * 1–1000 on the ORCL grid at 34 evaluations: 59.9 % with 1, 63.8 % with 2, 63.1 % with 3,
 * 60.8 % with 4, and 60.3 % with expected improvement instead.
 */
const EXPLORATION = 2;

/** The genome as a point: a number's index over (values − 1), in [0, 1]; a choice's index as is. */
export function encode(genome: Genome, dims: readonly Dimension[]): number[] {
  return dims.map((dim, d) => (dim.kind === 'choice' || dim.size < 2 ? genome[d]! : genome[d]! / (dim.size - 1)));
}

/**
 * The kernel over encoded genomes: per parameter a distance — along a number's axis over the
 * length-scale `scale`, for a choice 0 when equal and 1 / {@link CHOICE_SCALE} when not — then a blend
 * of an additive part (the mean of per-parameter Matérn 5/2 correlations: a good value of one
 * parameter tends to stay good whatever the others are, what crossover assumes) and a joint one
 * (Matérn 5/2 of the Euclidean distance: nearby sets are alike), `additive` being the first's weight.
 */
export function surrogateKernel(dims: readonly Dimension[], scale: number, additive: number): Kernel {
  const choice = dims.map((d) => d.kind === 'choice');
  const apart = 1 / CHOICE_SCALE;
  const apartCorrelation = matern52(apart);
  return (a, b) => {
    let sum = 0;
    let squares = 0;
    for (let d = 0; d < choice.length; d++) {
      if (choice[d]) {
        if (a[d] !== b[d]) {
          sum += apartCorrelation;
          squares += apart * apart;
        } else sum += 1;
        continue;
      }
      const r = Math.abs(a[d]! - b[d]!) / scale;
      if (additive > 0) sum += matern52(r);
      squares += r * r;
    }
    const joint = additive < 1 ? matern52(Math.sqrt(squares)) : 0;
    return (additive * sum) / choice.length + (1 - additive) * joint;
  };
}

/**
 * A Gaussian-process surrogate of the told sets' standings (ranks, 1 best … 0 worst, standardised):
 * ranks rather than values, so that a scale, an outlier or an undefined objective does not swamp it.
 * The length-scale, noise and kernel blend are those of {@link SCALES} × {@link NOISES} × {@link ADDITIVES}
 * with the highest marginal likelihood on the latest {@link TUNING_POINTS} points. Null when nothing
 * can be fitted (fewer than two points, or all alike).
 */
export function fitSurrogate(told: readonly Standing[], dims: readonly Dimension[]): Surrogate | null {
  const chosen = pick(told);
  if (chosen.length < 2) return null;
  const raw = chosen.map((s) => s.standing);
  const mean = raw.reduce((a, b) => a + b, 0) / raw.length;
  const sd = Math.sqrt(raw.reduce((a, b) => a + (b - mean) ** 2, 0) / raw.length);
  if (!(sd > 0)) return null;
  const y = Float64Array.from(raw, (v) => (v - mean) / sd);
  const x = chosen.map((s) => encode(s.genome, dims));
  const tuneFrom = Math.max(0, x.length - TUNING_POINTS);
  const xt = x.slice(tuneFrom);
  const yt = y.subarray(tuneFrom);
  let best: { scale: number; noise: number; additive: number; ll: number } | null = null;
  for (const additive of ADDITIVES) {
    for (const scale of SCALES) {
      const kernel = surrogateKernel(dims, scale, additive);
      const c = gram(xt, kernel);
      for (const noise of NOISES) {
        const gp = GaussianProcess.fitGram(xt, yt, kernel, c, noise);
        if (gp !== null && (best === null || gp.logLikelihood > best.ll)) best = { scale, noise, additive, ll: gp.logLikelihood };
      }
    }
  }
  if (best === null) return null;
  const gp = GaussianProcess.fit(x, y, surrogateKernel(dims, best.scale, best.additive), best.noise);
  if (gp === null) return null;
  return new Surrogate(gp, dims);
}

/** All the told sets when they are few; else the best half of the cap and the latest of the rest. */
function pick(told: readonly Standing[]): Standing[] {
  if (told.length <= SURROGATE_POINTS) return [...told];
  const order = told.map((s, i) => i).sort((a, b) => told[b]!.standing - told[a]!.standing || b - a);
  const keep = new Set(order.slice(0, SURROGATE_POINTS / 2));
  for (let i = told.length - 1; i >= 0 && keep.size < SURROGATE_POINTS; i--) keep.add(i);
  return [...keep].sort((a, b) => a - b).map((i) => told[i]!);
}

export class Surrogate {
  constructor(
    private readonly gp: GaussianProcess,
    private readonly dims: readonly Dimension[],
  ) {}

  /** The upper confidence bound of a genome's standardised standing: mean + {@link EXPLORATION} · sd. */
  promise(genome: Genome): number {
    const { mean, variance } = this.gp.predict(encode(genome, this.dims));
    return mean + EXPLORATION * Math.sqrt(variance);
  }

  /** The `keep` candidates of highest upper confidence bound, ties to the earlier one. */
  select<T extends { genome: Genome }>(candidates: readonly T[], keep: number): T[] {
    if (candidates.length <= keep) return candidates.slice(0, keep);
    const scored = candidates.map((c, i) => ({ c, i, p: this.promise(c.genome) }));
    scored.sort((a, b) => b.p - a.p || a.i - b.i);
    return scored.slice(0, keep).map((s) => s.c);
  }
}

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** The figure, as text ("≥ 2,000,000 bars/s"). */
  target?: string;
  pass?: boolean;
  /** The same work done the plain way in the same run, where there is one. */
  baseline?: number;
  /** How many times better than the baseline (higher is better). */
  speedup?: number;
  runs?: number;
}

/** Median wall time in ms of `runs` calls, after one warm-up call. */
export function medianMs(runs: number, fn: () => void): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export function timeOnce<T>(fn: () => T): { ms: number; value: T } {
  const t = performance.now();
  const value = fn();
  return { ms: performance.now() - t, value };
}

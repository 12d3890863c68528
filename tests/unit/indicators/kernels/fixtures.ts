// Shared by the kernel tests: the four daily files of ../shared/data, a TA-Lib oracle and a comparison
// that reports the first differing bar.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { sharedDataDir, sharedDataFile } from '../../../support/shared-data.ts';

export interface DailyBars {
  name: string;
  date: string[];
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

export const DAILY_FILES = ['orcl-1995-2014.csv', 'nvda-1999-2014.csv', 'yhoo-1996-2014.csv', 'estx50-2006-daily.csv'] as const;

/** A tiny reader for the daily files: `Date,Open,High,Low,Close,…,Volume` with a header row. */
export function loadDaily(name: string): DailyBars {
  const lines = readFileSync(sharedDataFile(name), 'utf8').trim().split(/\r?\n/);
  const header = lines[0]!.split(',');
  const rows = lines.slice(1).map((line) => line.split(','));
  const column = (field: string) => {
    const at = header.indexOf(field);
    if (at < 0) throw new Error(`${name}: no column ${field}`);
    return Float64Array.from(rows, (r) => Number(r[at]));
  };
  return {
    name,
    date: rows.map((r) => r[0]!),
    time: Float64Array.from(rows, (r) => Date.parse(`${r[0]}T00:00:00Z`)),
    open: column('Open'),
    high: column('High'),
    low: column('Low'),
    close: column('Close'),
    volume: column('Volume'),
  };
}

/** All four daily files, or none when ../shared/data is absent (the tests then skip). */
export const daily: DailyBars[] = sharedDataDir ? DAILY_FILES.map(loadDaily) : [];

interface TalibResult {
  begIndex: number;
  nbElement: number;
  result: Record<string, number[]>;
}
interface Talib {
  execute(args: Record<string, unknown>): TalibResult;
}
// talib 1.1.6 is a CommonJS native addon without type declarations.
const talib = createRequire(import.meta.url)('talib') as Talib;

/**
 * One output of a TA-Lib function over the whole series, as a Float64Array aligned with the input:
 * NaN wherever TA-Lib gives no value (before its begIndex).
 */
export function ta(name: string, inputs: Record<string, Float64Array>, options: Record<string, number>, output = 'outReal'): Float64Array {
  const n = Object.values(inputs)[0]!.length;
  const args: Record<string, unknown> = { name, startIdx: 0, endIdx: n - 1, ...options };
  for (const [key, values] of Object.entries(inputs)) args[key] = Array.from(values);
  const r = talib.execute(args);
  const out = new Float64Array(n).fill(NaN);
  const values = r.result[output];
  if (!values) throw new Error(`TA-Lib ${name} has no output ${output}: ${Object.keys(r.result).join(', ')}`);
  for (let i = 0; i < r.nbElement; i++) out[r.begIndex + i] = values[i]!;
  return out;
}

/**
 * The first bar where `ours` and `ref` disagree, or null: both NaN counts as agreement, NaN against a
 * number does not; numbers agree within `tol`·max(1, |ref|) (relative, absolute near 0). Bars before
 * `from` are skipped; `except(i)` may excuse a bar (documented by the caller).
 */
export function firstMismatch(
  ours: Float64Array,
  ref: ArrayLike<number>,
  tol: number,
  from = 0,
  except?: (i: number) => boolean,
): string | null {
  if (ours.length !== ref.length) return `length ${ours.length} vs ${ref.length}`;
  for (let i = from; i < ours.length; i++) {
    const a = ours[i]!;
    const b = ref[i]!;
    if (Number.isNaN(a) && Number.isNaN(b)) continue;
    const ok = !Number.isNaN(a) && !Number.isNaN(b) && Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
    if (ok || except?.(i)) continue;
    return `bar ${i}: ours ${a}, reference ${b}`;
  }
  return null;
}

/** The first bar where two series are not identical (=== or both NaN), or null. */
export function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): string | null {
  if (a.length !== b.length) return `length ${a.length} vs ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y || (Number.isNaN(x) && Number.isNaN(y))) continue;
    return `bar ${i}: ${x} vs ${y}`;
  }
  return null;
}

/** Index of the first non-NaN value (the warm-up length), or the length if there is none. */
export function warmup(values: ArrayLike<number>): number {
  let i = 0;
  while (i < values.length && Number.isNaN(values[i]!)) i++;
  return i;
}

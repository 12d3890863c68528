// The runner's ask/tell loop (src-main/optimize/search.ts) with a fake evaluator instead of the pool:
// several batches in flight finishing out of order, replay of stored rows, cancellation, and the
// progress line.
import { describe, expect, it } from 'vitest';
import { BatchSizer } from '../../../src-main/optimize/batch-size.ts';
import type { StoredRow } from '../../../src-main/optimize/optimize-repo.ts';
import { resultRow } from '../../../src-main/optimize/result-rows.ts';
import { search, type SearchBest } from '../../../src-main/optimize/search.ts';
import { formatDuration, SearchProgress } from '../../../src-main/optimize/search-progress.ts';
import type { ParamValues } from '../../../src-workers/backtest/strategy.ts';
import { smaCross } from '../../../src-workers/backtest/strategies/sma-cross.ts';
import type { BatchRow } from '../../../src-workers/optimize/batch.ts';
import { validateSetup, type PreparedOptimization } from '../../../src-workers/optimize/index.ts';
import { drive, hill } from './drive.ts';

function prepare(method: 'grid' | 'genetic', seed = 5): PreparedOptimization {
  const check = validateSetup({
    strategy: smaCross, ranges: { fast: { min: 5, max: 50, step: 5 }, slow: { min: 20, max: 200, step: 5 } }, method, budget: 120, seed,
    objective: 'sharpe', constraints: ['tradeCount >= 50'], bars: 5000,
  });
  if (!check.ok) throw new Error('setup refused');
  return check.prepared;
}

/** The hill of drive.ts as batch rows, with a trade count that makes some sets infeasible. */
const rowOf = (params: ParamValues): BatchRow => ({ params, metrics: { ...hill(params), tradeCount: (params.slow as number) % 10 === 0 ? 100 : 10 } as never });

interface Run {
  best: SearchBest | null;
  rows: StoredRow[];
  evaluated: ParamValues[][];
}

/** Runs the loop with batches that finish after pseudo-random delays (so out of order). */
async function runLoop(prepared: PreparedOptimization, options: { stored?: Map<string, StoredRow>; signal?: AbortSignal; onBatch?: () => void } = {}): Promise<Run> {
  const rows: StoredRow[] = [];
  const evaluated: ParamValues[][] = [];
  let delay = 7;
  const best = await search({
    optimizer: prepared.createOptimizer(), space: prepared.space, window: 0, stored: options.stored ?? new Map(),
    evaluate: (sets, signal) => {
      evaluated.push([...sets]);
      delay = (delay * 13) % 17;
      return new Promise<BatchRow[]>((resolve, reject) => {
        const abort = () => (clearTimeout(timer), reject(new Error('aborted')));
        const timer = setTimeout(() => {
          signal.removeEventListener('abort', abort);
          resolve(sets.map(rowOf));
        }, delay);
        signal.addEventListener('abort', abort, { once: true });
      });
    },
    toRow: (place, params, row) => resultRow(prepared.objective, 100_000, place, params, row),
    slots: 3, sizer: new BatchSizer(3, 2, 5000), rate: () => null, remaining: () => 60,
    signal: options.signal ?? new AbortController().signal,
    onBatch: (batch) => {
      rows.push(...batch);
      options.onBatch?.();
    },
    onReplay: () => {},
  });
  return { best, rows: rows.sort((a, b) => a.seq - b.seq), evaluated };
}

describe('the optimization loop', () => {
  it('finds what a plain ask/tell drive finds, with several batches in flight told out of order', async () => {
    for (const method of ['grid', 'genetic'] as const) {
      const prepared = prepare(method);
      const { best, rows, evaluated } = await runLoop(prepared);
      const plain = prepared.createOptimizer();
      drive(plain, (p) => rowOf(p).metrics as never);
      expect(best!.scored.params).toEqual(plain.best!.params);
      expect(best!.scored.objective).toBe(plain.best!.objective);
      expect(rows.length).toBe(plain.evaluated);
      expect(rows.map((r) => r.seq)).toEqual([...rows.keys()]);
      expect(rows[best!.seq]!.params).toEqual(best!.scored.params);
      expect(evaluated.length).toBeGreaterThan(3);
      // Infeasible sets are stored too, marked with the constraint they broke.
      expect(rows.find((r) => !r.feasible)).toMatchObject({ violations: ['tradeCount >= 50'] });
    }
  });

  it('answers asks from stored rows and evaluates only the rest, to the same outcome', async () => {
    const prepared = prepare('genetic');
    const whole = await runLoop(prepared);
    const stored = new Map(whole.rows.filter((r) => r.seq % 3 !== 0).map((r) => [r.key, r]));
    const resumed = await runLoop(prepared, { stored });
    expect(resumed.evaluated.flat().map((p) => prepared.space.key(p)).sort()).toEqual(whole.rows.filter((r) => r.seq % 3 === 0).map((r) => r.key).sort());
    expect(resumed.best).toEqual(whole.best);
    expect([...resumed.rows, ...stored.values()].sort((a, b) => a.seq - b.seq)).toEqual(whole.rows);
  });

  it('stops when a stored row comes back at another place: the replay diverged', async () => {
    const prepared = prepare('grid');
    const whole = await runLoop(prepared);
    const shifted = new Map(whole.rows.slice(0, 5).map((r) => [r.key, { ...r, seq: r.seq + 1 }]));
    await expect(runLoop(prepared, { stored: shifted })).rejects.toThrow(/resuming diverged/);
  });

  it('rejects with CANCELLED when cancelled, keeping every batch that had finished', async () => {
    const prepared = prepare('grid');
    const controller = new AbortController();
    const rows: number[] = [];
    const run = runLoop(prepared, {
      signal: controller.signal,
      onBatch: () => {
        rows.push(1);
        if (rows.length === 2) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.length).toBeLessThan(10);
  });
});

describe('the progress line', () => {
  it('says the window, the best so far with its varied parameters, the rate and the time left', () => {
    const reports: string[] = [];
    const progress = new SearchProgress((_d, _t, phase) => reports.push(phase), 1000, 'sharpe', ['fast', 'slow']);
    progress.advance(10, false, null);
    expect(reports.at(-1)).toBe('no feasible set yet');
    progress.enterWindow(1, 5);
    progress.advance(10, false, { params: { fast: 10, slow: 135, ma: 'sma' }, objective: 0.5302 });
    expect(reports.at(-1)).toBe('window 2/5 · best sharpe 0.53 (fast=10 slow=135)');
    progress.phase('Backtesting the best set');
    expect(reports.at(-1)).toBe('window 2/5 · Backtesting the best set');
    expect(formatDuration(3.2)).toBe('4 s');
    expect(formatDuration(250)).toBe('4 min 10 s');
    expect(formatDuration(7500)).toBe('2 h 5 min');
  });

  it('sizes batches to the measured pace, spread over the slots', () => {
    const sizer = new BatchSizer(4, 2, 5000);
    expect(sizer.next(342, null)).toBe(22);
    // 100 sets/s over 2 workers is 20 ms a set: 12 sets fill 250 ms.
    expect(sizer.next(1_000_000, 100)).toBe(12);
    expect(sizer.next(1_000_000, 1e7)).toBe(512);
    expect(sizer.next(0, 10)).toBe(1);
  });
});

import { AppFailure } from '../../src-shared/contract/errors.ts';
import type { ParamValues } from '../../src-workers/backtest/strategy.ts';
import type { BatchRow } from '../../src-workers/optimize/batch.ts';
import type { EvaluatedSet, Optimizer, ParamSpace, ScoredSet } from '../../src-workers/optimize/index.ts';
import type { BatchSizer } from './batch-size.ts';
import type { StoredRow } from './optimize-repo.ts';
import { answerOf, type RowPlace } from './result-rows.ts';

/** The best so far with the place the optimizer asked for it. */
export interface SearchBest {
  readonly scored: ScoredSet;
  readonly seq: number;
}

export interface SearchOptions {
  readonly optimizer: Optimizer;
  readonly space: ParamSpace;
  readonly window: number;
  /** Rows a previous session stored, by key: asks they answer are told from here, not evaluated again. */
  readonly stored: ReadonlyMap<string, StoredRow>;
  readonly evaluate: (sets: readonly ParamValues[], signal: AbortSignal) => Promise<BatchRow[]>;
  /** Makes the stored row of an evaluated set (metrics, judgement). */
  readonly toRow: (place: RowPlace, params: ParamValues, row: BatchRow) => StoredRow;
  /** Batches kept in flight, so that no worker waits between batches. */
  readonly slots: number;
  readonly sizer: BatchSizer;
  /** Evaluations per second so far (for the batch size), and the evaluations still expected. */
  readonly rate: () => number | null;
  readonly remaining: () => number;
  readonly signal: AbortSignal;
  /** A batch came back and was told: its rows and the best so far are to be stored, in one transaction. */
  readonly onBatch: (rows: readonly StoredRow[], best: SearchBest | null) => void;
  /** Asks answered from the stored rows. */
  readonly onReplay: (count: number, best: SearchBest | null) => void;
}

interface Flight {
  readonly id: number;
  readonly sets: readonly { params: ParamValues; place: RowPlace }[];
  readonly rows: BatchRow[];
}

/**
 * Runs one optimizer to the end over the worker pool: asks for sets, answers those a previous
 * session stored straight from the database, sends the rest in batches (several in flight), and
 * tells each batch back and stores it (with the best so far) the moment it finishes, so a cancel
 * never loses a finished batch. The asks come in the same order for the same seed and results, which is what
 * lets a resumed run replay the stored part exactly: each stored row must come back at the place
 * it was stored at, or the run has diverged (a bug) and stops.
 *
 * Cancelling (the signal) stops the batches in flight — their sets are simply not stored — and
 * rejects with CANCELLED once they have settled.
 */
export async function search(o: SearchOptions): Promise<SearchBest | null> {
  const seqOf = new Map<string, number>();
  let nextSeq = 0;
  let nextFlight = 0;
  const inFlight = new Map<number, Promise<Flight>>();
  // Our own controller: a batch that fails stops its siblings too, not only a cancel.
  const controller = new AbortController();
  const stop = () => controller.abort();
  o.signal.addEventListener('abort', stop, { once: true });
  const best = (): SearchBest | null => {
    const scored = o.optimizer.best;
    return scored ? { scored, seq: seqOf.get(scored.key)! } : null;
  };

  const fill = () => {
    while (inFlight.size < o.slots && !controller.signal.aborted) {
      const sets = o.optimizer.ask(o.sizer.next(o.remaining(), o.rate()));
      if (sets.length === 0) return;
      const replayed: EvaluatedSet[] = [];
      const fresh: Flight['sets'][number][] = [];
      for (const params of sets) {
        const key = o.space.key(params);
        const place = { window: o.window, seq: nextSeq++, key };
        seqOf.set(key, place.seq);
        const known = o.stored.get(key);
        if (!known) fresh.push({ params, place });
        else if (known.seq !== place.seq) throw new Error(`bug: resuming diverged: set ${key} was stored as #${known.seq} and asked now as #${place.seq}`);
        else replayed.push(answerOf(params, known));
      }
      if (replayed.length > 0) {
        o.optimizer.tell(replayed);
        o.onReplay(replayed.length, best());
      }
      if (fresh.length > 0) {
        const id = nextFlight++;
        inFlight.set(id, o.evaluate(fresh.map((f) => f.params), controller.signal).then((rows) => ({ id, sets: fresh, rows })));
      }
    }
  };

  const take = (flight: Flight) => {
    if (flight.rows.length !== flight.sets.length) throw new Error(`bug: a batch of ${flight.sets.length} sets came back with ${flight.rows.length} rows`);
    const rows = flight.sets.map((s, k) => o.toRow(s.place, s.params, flight.rows[k]!));
    o.optimizer.tell(rows.map((r, k) => answerOf(flight.sets[k]!.params, r)));
    o.onBatch(rows, best());
  };

  try {
    for (;;) {
      if (o.signal.aborted) throw new AppFailure('CANCELLED', 'Cancelled');
      fill();
      if (inFlight.size === 0) {
        if (o.optimizer.done) return best();
        throw new Error(`bug: the ${o.optimizer.method} optimizer asked for nothing with nothing out, yet is not done`);
      }
      const flight = await Promise.race(inFlight.values());
      inFlight.delete(flight.id);
      take(flight);
    }
  } catch (error) {
    controller.abort();
    const settled = await Promise.allSettled(inFlight.values());
    if (!o.signal.aborted) throw error;
    // Cancelled: batches that had finished by then are kept like the others.
    for (const s of settled) if (s.status === 'fulfilled') take(s.value);
    throw new AppFailure('CANCELLED', 'Cancelled');
  } finally {
    o.signal.removeEventListener('abort', stop);
  }
}

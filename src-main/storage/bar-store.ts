import type Database from 'better-sqlite3';
import { emptyBars, type BarColumns } from '../../src-shared/domain/bars.ts';
import { lowerBound, mergeBars, type MergeCounts } from '../../src-workers/bars/merge.ts';
import { ChunkReader, chunkKey, chunkSpan, encodeChunk } from './bar-chunk.ts';

interface ChunkRow {
  chunk_start: number;
  count: number;
  data: Buffer;
}

export interface RangeQuery {
  readonly from?: number;
  readonly to?: number;
  /** Keep only the last `limit` bars of the range. */
  readonly limit?: number;
}

/**
 * Bars of every instrument and timeframe in columnar chunks (see schema.ts). Writes go through
 * `upsert`, which merges into existing chunks so that re-importing the same data changes nothing;
 * reads copy chunk columns straight into one set of typed arrays.
 */
export class BarStore {
  private readonly selectChunk: Database.Statement<[number, string, number], ChunkRow>;
  private readonly writeChunk: Database.Statement<[number, string, number, number, number, number, Buffer]>;
  private readonly selectRange: Database.Statement<[number, string, number, number], ChunkRow>;
  private readonly selectRangeDesc: Database.Statement<[number, string, number, number], ChunkRow>;
  private readonly refreshSeries: Database.Statement<[number, string]>;
  private readonly upsertTx: (id: number, tf: string, bars: BarColumns) => MergeCounts;
  private readonly deleteChunk: Database.Statement<[number, string, number]>;
  private readonly removeTx: (id: number, tf: string, times: readonly number[]) => number;

  constructor(private readonly sqlite: Database.Database) {
    this.selectChunk = sqlite.prepare(
      'SELECT chunk_start, count, data FROM bar_chunks WHERE instrument_id = ? AND timeframe = ? AND chunk_start = ?',
    );
    this.writeChunk = sqlite.prepare(
      'INSERT OR REPLACE INTO bar_chunks (instrument_id, timeframe, chunk_start, count, first_time, last_time, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const range =
      'SELECT chunk_start, count, data FROM bar_chunks WHERE instrument_id = ? AND timeframe = ? AND chunk_start >= ? AND chunk_start <= ?';
    this.selectRange = sqlite.prepare(`${range} ORDER BY chunk_start`);
    this.selectRangeDesc = sqlite.prepare(`${range} ORDER BY chunk_start DESC`);
    this.refreshSeries = sqlite.prepare(
      `INSERT OR REPLACE INTO bar_series (instrument_id, timeframe, count, first_time, last_time)
       SELECT instrument_id, timeframe, SUM(count), MIN(first_time), MAX(last_time) FROM bar_chunks
       WHERE instrument_id = ? AND timeframe = ? GROUP BY instrument_id, timeframe`,
    );
    this.upsertTx = sqlite.transaction((id: number, tf: string, bars: BarColumns) => this.upsertChunks(id, tf, bars));
    this.deleteChunk = sqlite.prepare('DELETE FROM bar_chunks WHERE instrument_id = ? AND timeframe = ? AND chunk_start = ?');
    this.removeTx = sqlite.transaction((id: number, tf: string, times: readonly number[]) => this.removeFromChunks(id, tf, times));
  }

  /** Deletes the bars at these open times (quarantine); returns how many existed. One transaction. */
  remove(instrumentId: number, timeframe: string, times: readonly number[]): number {
    return this.removeTx(instrumentId, timeframe, times);
  }

  private removeFromChunks(instrumentId: number, timeframe: string, times: readonly number[]): number {
    const span = chunkSpan(timeframe);
    const byChunk = new Map<number, Set<number>>();
    for (const t of times) {
      const key = chunkKey(t, span);
      let set = byChunk.get(key);
      if (!set) byChunk.set(key, (set = new Set()));
      set.add(t);
    }
    let removed = 0;
    for (const [key, drop] of byChunk) {
      const row = this.selectChunk.get(instrumentId, timeframe, key);
      if (!row) continue;
      const old = new ChunkReader(row.data, row.count).columns();
      const kept = emptyBars(row.count);
      let n = 0;
      for (let i = 0; i < row.count; i++) {
        if (drop.has(old.time[i]!)) continue;
        for (const f of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) kept[f][n] = old[f][i]!;
        n++;
      }
      removed += row.count - n;
      if (n === 0) this.deleteChunk.run(instrumentId, timeframe, key);
      else if (n < row.count) this.put(instrumentId, timeframe, key, kept, 0, n);
    }
    if (removed > 0) {
      this.refreshSeries.run(instrumentId, timeframe);
      // A series whose last bar went: refreshSeries finds no chunk and leaves the old totals behind.
      this.sqlite.prepare('DELETE FROM bar_series WHERE instrument_id = ? AND timeframe = ? AND NOT EXISTS (SELECT 1 FROM bar_chunks WHERE instrument_id = ? AND timeframe = ?)').run(instrumentId, timeframe, instrumentId, timeframe);
    }
    return removed;
  }

  /**
   * Inserts or replaces bars (sorted by time, unique times) in one transaction — nested inside the
   * caller's when there is one, so an import lands whole or not at all.
   */
  upsert(instrumentId: number, timeframe: string, bars: BarColumns): MergeCounts {
    return this.upsertTx(instrumentId, timeframe, bars);
  }

  private upsertChunks(instrumentId: number, timeframe: string, bars: BarColumns): MergeCounts {
    const counts: MergeCounts = { inserted: 0, updated: 0, unchanged: 0 };
    const n = bars.time.length;
    if (n === 0) return counts;
    const span = chunkSpan(timeframe);
    let start = 0;
    while (start < n) {
      const key = chunkKey(bars.time[start]!, span);
      const end = lowerBound(bars.time, key + span, start, n);
      const existing = this.selectChunk.get(instrumentId, timeframe, key);
      if (!existing) {
        counts.inserted += end - start;
        this.put(instrumentId, timeframe, key, bars, start, end);
      } else {
        const old = new ChunkReader(existing.data, existing.count).columns();
        const merged = emptyBars(existing.count + end - start);
        const before = counts.inserted + counts.updated;
        const len = mergeBars(old, 0, existing.count, bars, start, end, merged, counts);
        // A chunk that only matched existing bars is left untouched: a re-import writes nothing.
        if (counts.inserted + counts.updated > before) this.put(instrumentId, timeframe, key, merged, 0, len);
      }
      start = end;
    }
    this.refreshSeries.run(instrumentId, timeframe);
    return counts;
  }

  private put(instrumentId: number, tf: string, key: number, bars: BarColumns, start: number, end: number): void {
    const blob = encodeChunk(bars, start, end);
    this.writeChunk.run(instrumentId, tf, key, end - start, bars.time[start]!, bars.time[end - 1]!, blob);
  }

  /** Bars with from ≤ time ≤ to (both optional), as one set of typed arrays. */
  read(instrumentId: number, timeframe: string, query: RangeQuery = {}): BarColumns {
    const from = query.from ?? -Number.MAX_SAFE_INTEGER;
    const to = query.to ?? Number.MAX_SAFE_INTEGER;
    const span = chunkSpan(timeframe);
    const lowKey = query.from === undefined ? -Number.MAX_SAFE_INTEGER : chunkKey(from, span);
    const limit = query.limit ?? Infinity;
    const rows: ChunkReader[] = [];
    const slices: number[] = [];
    let total = 0;
    // Newest chunks first when only the last `limit` bars are wanted, so a chart's first screen
    // of a million-bar history reads a few chunks, not all of them.
    const iterate = query.limit === undefined ? this.selectRange : this.selectRangeDesc;
    for (const row of iterate.iterate(instrumentId, timeframe, lowKey, to)) {
      const chunk = new ChunkReader(row.data, row.count);
      const [a, b] = chunk.bounds(from, to);
      if (b <= a) continue;
      rows.push(chunk);
      slices.push(a, b);
      total += b - a;
      if (total >= limit) break;
    }
    if (query.limit !== undefined) {
      rows.reverse();
      const pairs: number[] = [];
      for (let i = slices.length - 2; i >= 0; i -= 2) pairs.push(slices[i]!, slices[i + 1]!);
      slices.splice(0, slices.length, ...pairs);
    }
    const skip = Math.max(0, total - limit);
    const out = emptyBars(total - skip);
    let pos = 0;
    let toSkip = skip;
    for (let r = 0; r < rows.length; r++) {
      let a = slices[2 * r]!;
      const b = slices[2 * r + 1]!;
      const dropped = Math.min(toSkip, b - a);
      a += dropped;
      toSkip -= dropped;
      if (a >= b) continue;
      rows[r]!.copyInto(a, b, out, pos);
      pos += b - a;
    }
    return out;
  }
}

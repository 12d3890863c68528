import { join } from 'node:path';
import Database from 'better-sqlite3';
import { emptyBars, type BarColumns } from '../src-shared/domain/bars.ts';
import type { Timeframe } from '../src-shared/domain/timeframe.ts';
import { generateBars } from '../src-workers/bars/demo-data.ts';
import { BarStore } from '../src-main/storage/bar-store.ts';
import { openWorkspace } from '../src-main/storage/database.ts';
import { InstrumentRepo } from '../src-main/services/instrument-repo.ts';
import { medianMs, timeOnce, type BenchResult } from './measure.ts';

const N = 1_000_000;

/** Bar store figures of the spine issue, on 1,000,000 generated 1-minute bars. */
export function benchBarStore(work: string): BenchResult[] {
  const bars = generateBars({
    seed: 7, start: Date.UTC(2020, 0, 1), count: N, timeframe: '1m' as Timeframe,
    startPrice: 100, annualVolatility: 0.3, annualDrift: 0.05, session: 'always',
  });
  const ws = openWorkspace(join(work, 'columnar'));
  const id = new InstrumentRepo(ws.db).ensure({
    symbol: 'BENCH', venue: '', assetClass: 'crypto', currency: 'USD', tickSize: 0.01, lotSize: 1, source: 'bench',
  }).id;
  const store = new BarStore(ws.sqlite);
  const insert = timeOnce(() => store.upsert(id, '1m', bars));
  if (insert.value.inserted !== N) throw new Error(`inserted ${insert.value.inserted}, expected ${N}`);
  const again = timeOnce(() => store.upsert(id, '1m', bars));
  let whole: BarColumns = emptyBars();
  const readAll = medianMs(9, () => (whole = store.read(id, '1m')));
  if (whole.time.length !== N || whole.close[N - 1] !== bars.close[N - 1]) throw new Error('read back differs');
  let k = 0;
  const starts = Array.from({ length: 64 }, (_, i) => bars.time[(i * 15_485_863) % (N - 10_000)]!);
  const readWindow = medianMs(63, () => {
    const from = starts[k++ % starts.length]!;
    const w = store.read(id, '1m', { from, to: from + 9_999 * 60_000 });
    if (w.time.length !== 10_000) throw new Error(`window has ${w.time.length} bars`);
  });
  ws.close();

  const baseline = rowPerBarBaseline(join(work, 'rows.sqlite'), bars);
  return [
    {
      name: 'bar store insert 1M 1m bars', value: N / (insert.ms / 1000), unit: 'bars/s', target: '≥ 2,000,000',
      pass: N / (insert.ms / 1000) >= 2_000_000, baseline: N / (baseline.insertMs / 1000), speedup: baseline.insertMs / insert.ms,
    },
    {
      name: 'bar store load whole range (1M) to arrays', value: readAll, unit: 'ms', target: '≤ 50', pass: readAll <= 50,
      baseline: baseline.readMs, speedup: baseline.readMs / readAll, runs: 9,
    },
    { name: 'bar store load 10,000-bar window', value: readWindow, unit: 'ms', target: '≤ 2', pass: readWindow <= 2, runs: 63 },
    {
      name: 're-import same 1M bars: inserted', value: again.value.inserted, unit: 'bars', target: '0',
      pass: again.value.inserted === 0 && again.value.unchanged === N,
    },
    { name: 're-import same 1M bars: time', value: again.ms, unit: 'ms' },
  ];
}

/** The plain way: one row per bar, prepared insert in one transaction, read into typed arrays. */
function rowPerBarBaseline(file: string, bars: BarColumns): { insertMs: number; readMs: number } {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE bars (t INTEGER PRIMARY KEY, o REAL, h REAL, l REAL, c REAL, v REAL)');
  const ins = db.prepare('INSERT OR REPLACE INTO bars VALUES (?, ?, ?, ?, ?, ?)');
  const insert = timeOnce(() =>
    db.transaction(() => {
      for (let i = 0; i < bars.time.length; i++) {
        ins.run(bars.time[i], bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i]);
      }
    })(),
  );
  const sel = db.prepare('SELECT t, o, h, l, c, v FROM bars ORDER BY t').raw();
  const read = timeOnce(() => {
    const out = emptyBars(bars.time.length);
    let i = 0;
    for (const row of sel.iterate() as Iterable<number[]>) {
      out.time[i] = row[0]!; out.open[i] = row[1]!; out.high[i] = row[2]!;
      out.low[i] = row[3]!; out.close[i] = row[4]!; out.volume[i] = row[5]!;
      i++;
    }
    return out;
  });
  db.close();
  return { insertMs: insert.ms, readMs: read.ms };
}

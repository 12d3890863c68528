import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyBars, type BarColumns } from '../../../src-shared/domain/bars.ts';
import { CHUNK_BARS } from '../../../src-main/storage/bar-chunk.ts';
import { BarStore } from '../../../src-main/storage/bar-store.ts';
import { openWorkspace, type Workspace } from '../../../src-main/storage/database.ts';
import { InstrumentRepo } from '../../../src-main/services/instrument-repo.ts';

const MINUTE = 60_000;
const T0 = Date.UTC(2024, 0, 1);

function minuteBars(count: number, startIndex = 0, priceOffset = 0): BarColumns {
  const bars = emptyBars(count);
  for (let i = 0; i < count; i++) {
    const k = startIndex + i;
    bars.time[i] = T0 + k * MINUTE;
    bars.open[i] = 100 + (k % 50) + priceOffset;
    bars.high[i] = 102 + (k % 50) + priceOffset;
    bars.low[i] = 99 + (k % 50) + priceOffset;
    bars.close[i] = 101 + (k % 50) + priceOffset;
    bars.volume[i] = k;
  }
  return bars;
}

describe('BarStore', () => {
  let ws: Workspace;
  let store: BarStore;
  let id: number;

  beforeEach(() => {
    ws = openWorkspace(':memory:');
    store = new BarStore(ws.sqlite);
    id = new InstrumentRepo(ws.db).ensure({
      symbol: 'TEST', venue: '', assetClass: 'stock', currency: 'USD', tickSize: 0.01, lotSize: 1, source: 'csv',
    }).id;
  });
  afterEach(() => ws.close());

  it('reads back exactly what was written, across many chunks', () => {
    const bars = minuteBars(3 * CHUNK_BARS + 17);
    expect(store.upsert(id, '1m', bars)).toEqual({ inserted: bars.time.length, updated: 0, unchanged: 0 });
    const back = store.read(id, '1m');
    expect(back.time).toEqual(bars.time);
    expect(back.close).toEqual(bars.close);
    expect(back.volume).toEqual(bars.volume);
  });

  it('re-inserting the same bars inserts 0 and counts them unchanged', () => {
    const bars = minuteBars(10_000);
    store.upsert(id, '1m', bars);
    expect(store.upsert(id, '1m', bars)).toEqual({ inserted: 0, updated: 0, unchanged: 10_000 });
    expect(store.read(id, '1m').time.length).toBe(10_000);
  });

  it('merges overlapping imports: new times inserted, changed values updated', () => {
    store.upsert(id, '1m', minuteBars(100));
    // Bars 50..149: 50 overlap with new prices, 50 are new.
    const counts = store.upsert(id, '1m', minuteBars(100, 50, 0.5));
    expect(counts).toEqual({ inserted: 50, updated: 50, unchanged: 0 });
    const back = store.read(id, '1m');
    expect(back.time.length).toBe(150);
    expect(back.close[49]).toBe(101 + 49); // untouched
    expect(back.close[50]).toBe(101 + (50 % 50) + 0.5); // replaced
    expect(back.close[149]).toBe(101 + (149 % 50) + 0.5);
  });

  it('filters by inclusive time range and by the last N bars', () => {
    store.upsert(id, '1m', minuteBars(20_000));
    const window = store.read(id, '1m', { from: T0 + 5000 * MINUTE, to: T0 + 14_999 * MINUTE });
    expect(window.time.length).toBe(10_000);
    expect(window.time[0]).toBe(T0 + 5000 * MINUTE);
    expect(window.time[9999]).toBe(T0 + 14_999 * MINUTE);
    const last = store.read(id, '1m', { limit: 5000 });
    expect(last.time.length).toBe(5000);
    expect(last.time[4999]).toBe(T0 + 19_999 * MINUTE);
    expect(last.time[0]).toBe(T0 + 15_000 * MINUTE);
    const lastOfRange = store.read(id, '1m', { to: T0 + 99 * MINUTE, limit: 10 });
    expect(Array.from(lastOfRange.volume)).toEqual([90, 91, 92, 93, 94, 95, 96, 97, 98, 99]);
  });

  it('returns empty arrays for an empty range and keeps timeframes apart', () => {
    store.upsert(id, '1m', minuteBars(10));
    expect(store.read(id, '5m').time.length).toBe(0);
    expect(store.read(id, '1m', { from: T0 + 100 * MINUTE }).time.length).toBe(0);
  });

  it('keeps the series summary in step with the chunks', () => {
    store.upsert(id, '1m', minuteBars(9000));
    const row = ws.sqlite.prepare('SELECT count, first_time, last_time FROM bar_series WHERE instrument_id = ?').get(id);
    expect(row).toEqual({ count: 9000, first_time: T0, last_time: T0 + 8999 * MINUTE });
  });

  it('deleting the instrument removes its bars (foreign key cascade)', () => {
    store.upsert(id, '1m', minuteBars(5000));
    new InstrumentRepo(ws.db).remove(id);
    expect(ws.sqlite.prepare('SELECT COUNT(*) AS n FROM bar_chunks').get()).toEqual({ n: 0 });
    expect(ws.sqlite.prepare('SELECT COUNT(*) AS n FROM bar_series').get()).toEqual({ n: 0 });
  });
});

describe('chunk encoding', () => {
  let ws: Workspace;
  let store: BarStore;
  let id: number;
  beforeEach(() => {
    ws = openWorkspace(':memory:');
    store = new BarStore(ws.sqlite);
    id = new InstrumentRepo(ws.db).ensure({
      symbol: 'ENC', venue: '', assetClass: 'stock', currency: 'USD', tickSize: 0.01, lotSize: 1, source: 'csv',
    }).id;
  });
  afterEach(() => ws.close());

  const blobSizes = () =>
    ws.sqlite.prepare('SELECT count, length(data) AS bytes FROM bar_chunks ORDER BY chunk_start').all() as { count: number; bytes: number }[];

  it('stores regular bars with decimal prices compactly (32 + 24 bytes per bar) and reads them back exactly', () => {
    const bars = minuteBars(5000);
    for (let i = 0; i < 5000; i++) {
      bars.open[i] = Number((100.01 + i * 0.01).toFixed(2)); // as parsed from decimal text
      bars.close[i] = 45.549999; // six decimals, as Yahoo writes them
      bars.volume[i] = 0.5 + i;
    }
    store.upsert(id, '1m', bars);
    for (const { count, bytes } of blobSizes()) expect(bytes).toBe(32 + 24 * count);
    const back = store.read(id, '1m');
    expect(back.time).toEqual(bars.time);
    expect(back.open).toEqual(bars.open);
    expect(back.close).toEqual(bars.close);
    expect(back.volume).toEqual(bars.volume);
    const window = store.read(id, '1m', { from: bars.time[1234]! + 1, to: bars.time[2345]! });
    expect(window.time[0]).toBe(bars.time[1235]);
    expect(window.open).toEqual(bars.open.subarray(1235, 2346));
  });

  it('keeps raw float64 columns when times are irregular or a price has no exact decimal form', () => {
    const gappy = minuteBars(100);
    gappy.time[50] = gappy.time[50]! + 1; // one odd time
    store.upsert(id, '1m', gappy);
    const irrational = minuteBars(100, 10_000);
    irrational.close[7] = Math.PI;
    store.upsert(id, '1m', irrational);
    for (const { count, bytes } of blobSizes()) expect(bytes).toBe(48 * count);
    const back = store.read(id, '1m');
    expect(back.time.length).toBe(200);
    expect(back.close[107]).toBe(Math.PI);
    expect(back.time[50]).toBe(gappy.time[50]);
  });

  it('merges a raw update into a compact chunk and counts exactly', () => {
    store.upsert(id, '1m', minuteBars(300));
    const changed = minuteBars(300);
    changed.close[10] = Math.E;
    expect(store.upsert(id, '1m', changed)).toEqual({ inserted: 0, updated: 1, unchanged: 299 });
    expect(store.read(id, '1m').close[10]).toBe(Math.E);
  });
});

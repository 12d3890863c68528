import { describe, expect, it } from 'vitest';
import type { Timeframe } from '../../../../src-shared/domain/timeframe.ts';
import { runPortfolio } from '../../../../src-workers/backtest/portfolio/run.ts';
import { sharedDataDir } from '../../../support/shared-data.ts';
import { loadDaily, type DailyBars } from '../../indicators/kernels/fixtures.ts';

if (!sharedDataDir) console.warn('notice: ../shared/data is absent; the ORCL/NVDA/YHOO portfolio tests are skipped');

interface RefFill {
  date: string;
  symbol: string;
  side: 'BUY' | 'SELL';
  qty: number;
  price: number;
  commission: number;
}

/**
 * Equal-weight monthly rebalancing as docs/backtesting.md words it, written from scratch with dates
 * as strings and plain loops: walk the sorted union of dates; at each date fill waiting orders of the
 * instruments that trade that day at their open (sells first; buys scaled by cash / cost when they cost
 * more than the cash, then cut to what is left); value each instrument at its last close; on the first
 * date of the series and of each new month, aim for 1/M of equity in each of the M instruments that
 * have started, in whole shares at the close, and queue the difference.
 */
function reference(files: DailyBars[], symbols: string[], cash: number, rate: number) {
  const rows = files.map((f) => new Map(f.date.map((d, i) => [d, i])));
  const dates = [...new Set(files.flatMap((f) => f.date))].sort();
  const shares = symbols.map(() => 0);
  const last = symbols.map(() => NaN);
  const waiting = symbols.map(() => 0);
  const fills: RefFill[] = [];
  const equity: number[] = [];
  let month = '';
  for (const date of dates) {
    const open = files.map((f, k) => (rows[k]!.has(date) ? f.open[rows[k]!.get(date)!]! : NaN));
    for (let k = 0; k < symbols.length; k++) {
      if (Number.isNaN(open[k]!) || waiting[k]! >= 0) continue;
      const q = -waiting[k]!;
      const value = q * open[k]!;
      const fee = value * rate;
      cash = cash + (value - fee);
      shares[k] = shares[k]! - q;
      fills.push({ date, symbol: symbols[k]!, side: 'SELL', qty: q, price: open[k]!, commission: fee });
      waiting[k] = 0;
    }
    let cost = 0;
    for (let k = 0; k < symbols.length; k++) if (!Number.isNaN(open[k]!) && waiting[k]! > 0) cost += waiting[k]! * open[k]! + waiting[k]! * open[k]! * rate;
    const scale = cost > cash ? cash / cost : 1;
    for (let k = 0; k < symbols.length; k++) {
      if (Number.isNaN(open[k]!) || !(waiting[k]! > 0)) continue;
      const p = open[k]!;
      let q = scale < 1 ? Math.floor(waiting[k]! * scale) : waiting[k]!;
      if (q * p + q * p * rate > cash) {
        let most = Math.floor(cash / (p * (1 + rate)));
        while (most > 0 && most * p + most * p * rate > cash) most--;
        while ((most + 1) * p + (most + 1) * p * rate <= cash) most++;
        q = Math.min(q, most);
      }
      if (q > 0) {
        const value = q * p;
        const fee = value * rate;
        cash = cash - (value + fee);
        shares[k] = shares[k]! + q;
        fills.push({ date, symbol: symbols[k]!, side: 'BUY', qty: q, price: p, commission: fee });
      }
      waiting[k] = 0;
    }
    files.forEach((f, k) => {
      if (rows[k]!.has(date)) last[k] = f.close[rows[k]!.get(date)!]!;
    });
    let invested = 0;
    for (let k = 0; k < symbols.length; k++) if (shares[k] !== 0) invested += shares[k]! * last[k]!;
    const e = cash + invested;
    equity.push(e);
    if (date.slice(0, 7) !== month) {
      month = date.slice(0, 7);
      const started = last.filter((c) => !Number.isNaN(c)).length;
      for (let k = 0; k < symbols.length; k++) {
        const target = Number.isNaN(last[k]!) ? 0 : Math.floor(((1 / started) * e) / last[k]!);
        waiting[k] = target - shares[k]!;
      }
    }
  }
  return { fills, equity, dates, cash, shares };
}

describe.skipIf(!sharedDataDir)('equal-weight monthly portfolio of ORCL, NVDA, YHOO daily', () => {
  const symbols = ['ORCL', 'NVDA', 'YHOO'];
  const files = sharedDataDir ? ['orcl-1995-2014.csv', 'nvda-1999-2014.csv', 'yhoo-1996-2014.csv'].map(loadDaily) : [];
  const instruments = () => files.map((f, k) => ({ symbol: symbols[k]!, bars: { time: f.time, open: f.open, high: f.high, low: f.low, close: f.close, volume: f.volume } }));
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

  it.each([0.001, 0])('every fill and every equity value equal an independent re-implementation (commission %f)', (rate) => {
    const cash = 100_000;
    const r = runPortfolio({
      instruments: instruments(), timeframe: '1d' as Timeframe, calendar: 'stock', config: { schedule: 'monthly', weights: { kind: 'equal' } },
      settings: { initialCash: cash, commission: rate > 0 ? { kind: 'percent', rate } : { kind: 'none' } },
    });
    const ref = reference(files, symbols, cash, rate);
    const date = (t: number) => new Date(t).toISOString().slice(0, 10);
    expect(r.time.length).toBe(ref.dates.length);
    expect(Array.from(r.time, date)).toEqual(ref.dates);
    // 20 years of months, three instruments: hundreds of fills.
    expect(ref.fills.length).toBeGreaterThan(500);
    expect(r.fills.length).toBe(ref.fills.length);
    r.fills.forEach((f, i) => {
      const want = ref.fills[i]!;
      expect({ date: date(f.time), symbol: f.symbol, side: f.side, qty: f.qty, price: f.price }).toEqual({
        date: want.date, symbol: want.symbol, side: want.side, qty: want.qty, price: want.price,
      });
      expect(close(f.commission, want.commission)).toBe(true);
    });
    let worst = 0;
    r.equity.forEach((e, i) => (worst = Math.max(worst, Math.abs(e - ref.equity[i]!) / ref.equity[i]!)));
    expect(worst).toBeLessThanOrEqual(1e-9);
    expect(close(r.finalCash, ref.cash)).toBe(true);
    expect(r.positions.map((p) => p.qty)).toEqual(ref.shares);
    expect(Math.min(...r.cash)).toBeGreaterThanOrEqual(0);
    expect(r.rejections).toEqual([]);
  });

  it('benchmarks buy and hold of the first targets: ORCL alone, the only series on 1995-01-03', () => {
    const r = runPortfolio({ instruments: instruments(), timeframe: '1d' as Timeframe, calendar: 'stock', config: { schedule: 'monthly' }, settings: { initialCash: 100_000 } });
    expect(r.benchmark.targets).toEqual([1, 0, 0]);
    const orcl = files[0]!;
    const units = 100_000 / orcl.open[1]!;
    expect(r.benchmark.finalEquity).toBeCloseTo(units * orcl.close[orcl.close.length - 1]!, 6);
    // NVDA joins at the first month start after its first bar (1999-01-22), YHOO after 1996-04-12.
    const date = (t: number) => new Date(t).toISOString().slice(0, 10);
    const firstWith = (k: number) => date(r.rebalances.find((x) => x.targets[k]! > 0)!.time);
    expect(firstWith(2)).toBe('1996-05-01');
    expect(firstWith(1)).toBe('1999-02-01');
  });
});

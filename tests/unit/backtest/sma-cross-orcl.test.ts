import { describe, expect, it } from 'vitest';
import type { Timeframe } from '../../../src-shared/domain/timeframe.ts';
import { runBacktest } from '../../../src-workers/backtest/run.ts';
import { smaCross } from '../../../src-workers/backtest/strategies/sma-cross.ts';
import { sharedDataDir } from '../../support/shared-data.ts';
import { loadDaily } from '../indicators/kernels/fixtures.ts';

if (!sharedDataDir) console.warn('notice: ../shared/data is absent; the ORCL sma-cross backtest tests are skipped');

interface RefFill {
  index: number;
  side: 'BUY' | 'SELL';
  qty: number;
  price: number;
  commission: number;
}

/**
 * The SMA crossover as the issue words it, written independently of the engine: SMAs as plain window
 * means (compared with a relative tolerance where they are nearly equal), a cross on bar i filled at
 * bar i + 1's open; entries buy the most whole shares the cash affords including the commission,
 * exits sell everything.
 */
function reference(b: ReturnType<typeof loadDaily>, fast: number, slow: number, cash: number, rate: number): { fills: RefFill[]; cash: number; shares: number } {
  const n = b.close.length;
  const sma = (p: number, i: number) => {
    if (i < p - 1) return NaN;
    let s = 0;
    for (let j = i - p + 1; j <= i; j++) s += b.close[j]!;
    return s / p;
  };
  const fills: RefFill[] = [];
  let last = 0;
  let shares = 0;
  for (let i = 0; i < n - 1; i++) {
    const f = sma(fast, i);
    const s = sma(slow, i);
    if (Number.isNaN(f) || Number.isNaN(s)) continue;
    const d = f - s;
    // Treat differences within rounding noise as equal (the engine's SMAs are exact).
    if (Math.abs(d) <= 1e-12 * Math.abs(s)) continue;
    const price = b.open[i + 1]!;
    if (d > 0 && last < 0 && shares === 0) {
      let qty = Math.floor(cash / (price * (1 + rate)));
      while (qty > 0 && qty * price * (1 + rate) > cash) qty--;
      const commission = qty * price * rate;
      cash -= qty * price + commission;
      shares = qty;
      fills.push({ index: i + 1, side: 'BUY', qty, price, commission });
    } else if (d < 0 && last > 0 && shares > 0) {
      const commission = shares * price * rate;
      cash += shares * price - commission;
      fills.push({ index: i + 1, side: 'SELL', qty: shares, price, commission });
      shares = 0;
    }
    last = d > 0 ? 1 : -1;
  }
  return { fills, cash, shares };
}

describe.skipIf(!sharedDataDir)('sma-cross on ORCL daily 1995–2014', () => {
  const b = sharedDataDir ? loadDaily('orcl-1995-2014.csv') : null!;
  const bars = () => ({ time: b.time, open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume });

  it.each([
    [10, 30, 0.001],
    [20, 50, 0],
    [5, 100, 0.0025],
  ])('SMA(%i)/SMA(%i), commission %f: every fill equals the independent reference', (fast, slow, rate) => {
    const cash = 100_000;
    const result = runBacktest({
      bars: bars(), timeframe: '1d' as Timeframe, calendar: 'stock', strategy: smaCross, params: { fast, slow },
      settings: { initialCash: cash, commission: { kind: 'percent', rate }, sizing: { kind: 'percent', percent: 100 } },
    });
    const ref = reference(b, fast, slow, cash, rate);
    expect(ref.fills.length).toBeGreaterThan(20);
    expect(result.fills.length).toBe(ref.fills.length);
    result.fills.forEach((fill, k) => {
      const r = ref.fills[k]!;
      expect({ date: b.date[fill.barIndex], side: fill.side, qty: fill.qty, price: fill.price }).toEqual({
        date: b.date[r.index], side: r.side, qty: r.qty, price: r.price,
      });
      expect(fill.commission).toBeCloseTo(r.commission, 9);
    });
    // An open position at the end is valued at the last close.
    const last = b.close.length - 1;
    expect(result.finalEquity).toBeCloseTo(ref.cash + ref.shares * b.close[last]!, 6);
    expect(result.rejections).toEqual([]);
  });

  it('trades pair the fills: entry and exit prices, quantity, and P&L net of both commissions', () => {
    const rate = 0.001;
    const result = runBacktest({
      bars: bars(), timeframe: '1d' as Timeframe, calendar: 'stock', strategy: smaCross, params: { fast: 10, slow: 30 },
      settings: { initialCash: 100_000, commission: { kind: 'percent', rate }, sizing: { kind: 'percent', percent: 100 } },
    });
    const closed = result.trades.filter((t) => !t.open);
    expect(closed.length).toBe(Math.floor(result.fills.length / 2));
    closed.forEach((t, k) => {
      const entry = result.fills[2 * k]!;
      const exit = result.fills[2 * k + 1]!;
      expect([t.entryPrice, t.exitPrice, t.qty, t.direction]).toEqual([entry.price, exit.price, entry.qty, 'long']);
      expect(t.pnl).toBeCloseTo((exit.price - entry.price) * entry.qty - entry.commission - exit.commission, 8);
      expect(t.barsHeld).toBe(exit.barIndex - entry.barIndex);
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { BacktestSettingsInput } from '../../../src-shared/domain/backtest.ts';
import type { Timeframe } from '../../../src-shared/domain/timeframe.ts';
import type { OrderRequest } from '../../../src-workers/backtest/orders.ts';
import { runBacktest } from '../../../src-workers/backtest/run.ts';
import { defineStrategy, type Trader } from '../../../src-workers/backtest/strategy.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);

/** Bars from [open, high, low, close] rows, one per day. */
function bars(rows: [number, number, number, number][]) {
  return {
    time: Float64Array.from(rows, (_, i) => T0 + i * DAY),
    open: Float64Array.from(rows, (r) => r[0]),
    high: Float64Array.from(rows, (r) => r[1]),
    low: Float64Array.from(rows, (r) => r[2]),
    close: Float64Array.from(rows, (r) => r[3]),
    volume: Float64Array.from(rows, () => 1000),
  };
}

/** A strategy that runs a script: on bar i, do what `script[i]` says. */
function scripted(script: Record<number, (t: Trader) => void>) {
  return defineStrategy({
    id: 'scripted', name: 'scripted', description: '', version: '0', params: [],
    setup: () => ({ onBar: (i, t) => script[i]?.(t) }),
  });
}

function run(rows: [number, number, number, number][], script: Record<number, (t: Trader) => void>, settings: BacktestSettingsInput = {}) {
  return runBacktest({
    bars: bars(rows), timeframe: '1d' as Timeframe, calendar: 'stock', strategy: scripted(script),
    settings: { initialCash: 10_000, sizing: { kind: 'fixed', qty: 10 }, ...settings },
  });
}

const order = (req: OrderRequest) => (t: Trader) => void t.order(req);
const fillsOf = (r: ReturnType<typeof run>) => r.fills.map((f) => [f.barIndex, f.side, f.qty, f.price]);

describe('order types fill where the bar path says', () => {
  // Bar 1 is bullish: path 100 → 95 (low) → 110 (high) → 108 (close). Bar 2 bearish: 108 → 112 → 101 → 102.
  const rows: [number, number, number, number][] = [
    [100, 101, 99, 100],
    [100, 110, 95, 108],
    [108, 112, 101, 102],
    [102, 104, 100, 103],
  ];

  it('a market order placed on bar 0 fills at bar 1 open, never at bar 0 close', () => {
    expect(fillsOf(run(rows, { 0: order({ side: 'BUY' }) }))).toEqual([[1, 'BUY', 10, 100]]);
  });

  it('a buy limit below the open fills at the limit when the low reaches it; above the open at the open', () => {
    expect(fillsOf(run(rows, { 0: order({ side: 'BUY', limit: 97 }) }))).toEqual([[1, 'BUY', 10, 97]]);
    expect(fillsOf(run(rows, { 0: order({ side: 'BUY', limit: 103 }) }))).toEqual([[1, 'BUY', 10, 100]]);
    expect(fillsOf(run(rows, { 0: order({ side: 'BUY', limit: 90 }) }))).toEqual([]);
  });

  it('a buy stop fills at the stop when the high reaches it, at the open on a gap above it', () => {
    expect(fillsOf(run(rows, { 0: order({ side: 'BUY', stop: 105 }) }))).toEqual([[1, 'BUY', 10, 105]]);
    expect(fillsOf(run(rows, { 1: order({ side: 'BUY', stop: 106 }) }))).toEqual([[2, 'BUY', 10, 108]]);
  });

  it('a sell stop-limit triggers at its stop and then rests as a limit', () => {
    // Bar 2 (bearish) path 108 → 112 → 101 → 102: the sell stop 104 triggers on the way down; a sell
    // limit 103 accepts any price ≥ 103, and at the trigger the price is 104: filled at 104.
    expect(fillsOf(run(rows, { 0: order({ side: 'BUY' }), 1: order({ side: 'SELL', stop: 104, limit: 103, qty: 10 }) }))).toEqual([
      [1, 'BUY', 10, 100],
      [2, 'SELL', 10, 104],
    ]);
    // Limit 106 above the trigger price 104: not fillable after the trigger on bar 2 (the path only
    // falls to 101 and ends at 102); bar 3 never reaches 106 either.
    expect(fillsOf(run(rows, { 0: order({ side: 'BUY' }), 1: order({ side: 'SELL', stop: 104, limit: 106, qty: 10 }) }))).toEqual([[1, 'BUY', 10, 100]]);
  });

  it('a bracket: the stop-loss and take-profit become OCO children; the one the path reaches first fills', () => {
    // Entry at bar 1 open 100; bar 1 path goes to 95 first (bullish bar): the stop at 96 fills before
    // the take-profit at 109 could.
    const r = run(rows, { 0: order({ side: 'BUY', stopLoss: 96, takeProfit: 109 }) });
    expect(fillsOf(r)).toEqual([
      [1, 'BUY', 10, 100],
      [1, 'SELL', 10, 96],
    ]);
    expect(r.orders.filter((o) => o.tag === 'take-profit').map((o) => o.status)).toEqual(['cancelled']);
    // With the stop out of reach (94) the take-profit fills at 109 on the rise.
    expect(fillsOf(run(rows, { 0: order({ side: 'BUY', stopLoss: 94, takeProfit: 109 }) }))).toEqual([
      [1, 'BUY', 10, 100],
      [1, 'SELL', 10, 109],
    ]);
  });

  it('a trailing stop follows the price along the path and fills when it falls back by the trail', () => {
    // Long at bar 1 open 100. Placed on bar 1 (close 108): stop 108 − 5 = 103. Bar 2's path
    // 108 → 112 → 101: the stop follows the rise to 112 − 5 = 107, and the fall reaches it: sold at 107.
    const r = run(rows, { 0: order({ side: 'BUY' }), 1: order({ side: 'SELL', type: 'trailing-stop', trailAmount: 5, qty: 10 }) });
    expect(fillsOf(r)).toEqual([
      [1, 'BUY', 10, 100],
      [2, 'SELL', 10, 107],
    ]);
    // A 10 % trail: 108 → 97.2 at placement, 112 → 100.8 on bar 2 (low 101: not reached); bar 3
    // (102 → 100 → 104 → 103, bullish) falls to 100 first: sold at 100.8.
    const pct = run(rows, { 0: order({ side: 'BUY' }), 1: order({ side: 'SELL', type: 'trailing-stop', trailPercent: 10, qty: 10 }) });
    expect(fillsOf(pct).at(-1)![3]).toBeCloseTo(100.8, 10);
    expect(fillsOf(pct).at(-1)![0]).toBe(3);
  });

  it('IOC fills at the open or is cancelled; DAY expires after its first day', () => {
    const ioc = run(rows, { 0: order({ side: 'BUY', limit: 97, tif: 'IOC' }) });
    expect(fillsOf(ioc)).toEqual([]);
    expect(ioc.orders[0]!.status).toBe('cancelled');
    const day = run(rows, { 0: order({ side: 'BUY', limit: 100.5, tif: 'DAY' }), 1: () => {} });
    expect(fillsOf(day)).toEqual([[1, 'BUY', 10, 100]]);
    const expired = run(rows, { 1: order({ side: 'BUY', limit: 100.5, tif: 'DAY' }) });
    // Bar 2 never goes below 101; bar 3 would (100) but the DAY order is gone by then.
    expect(fillsOf(expired)).toEqual([]);
    expect(expired.orders[0]!.status).toBe('expired');
  });
});

describe('positions, shorts, partial exits and cash checks', () => {
  const rows: [number, number, number, number][] = [
    [50, 51, 49, 50],
    [50, 52, 48, 51],
    [51, 53, 50, 52],
    [52, 54, 51, 53],
    [53, 55, 52, 54],
  ];

  it('a partial exit closes a trade for the quantity sold; the rest stays open and is valued at the last close', () => {
    const r = run(rows, { 0: order({ side: 'BUY', qty: 10 }), 1: order({ side: 'SELL', qty: 4 }) });
    expect(r.trades.map((t) => [t.qty, t.entryPrice, t.exitPrice, t.pnl, t.open])).toEqual([
      [4, 50, 51, 4, false],
      [6, 50, 54, 24, true],
    ]);
    // cash 10,000 − 500 + 204 = 9,704; 6 shares at the last close 54 = 324.
    expect(r.finalEquity).toBe(9_704 + 324);
  });

  it('a short profits when the price falls and pays financing per bar held', () => {
    const falling: [number, number, number, number][] = [
      [50, 51, 49, 50],
      [50, 50, 45, 46],
      [46, 47, 40, 41],
      [41, 42, 39, 40],
    ];
    const r = run(falling, { 0: order({ side: 'SELL', qty: 10 }), 2: (t) => void t.close() }, { shortFinancingRate: 0.0365, periodsPerYear: 365 });
    // Sold 10 at 50 (bar 1 open), bought back at 41 (bar 3 open): gross 90. Financing 0.01 % a bar on
    // the short's value at each close while short: bar 1 10×46×0.0001 = 0.046, bar 2 10×41×0.0001 = 0.041.
    const t = r.trades[0]!;
    expect([t.direction, t.entryPrice, t.exitPrice]).toEqual(['short', 50, 41]);
    expect(t.pnl).toBeCloseTo(90 - 0.046 - 0.041, 10);
  });

  it('an order the account cannot pay for is rejected with the reason recorded', () => {
    const r = run(rows, { 0: order({ side: 'BUY', qty: 1000 }) });
    expect(r.fills).toEqual([]);
    expect(r.rejections).toHaveLength(1);
    expect(r.rejections[0]!.reason).toMatch(/buying 1000 at 50 needs 50000\.00, cash is 10000\.00/);
  });

  it('a reversal: an unsized sell while long closes the long and opens a sized short', () => {
    const r = run(rows, { 0: order({ side: 'BUY', qty: 10 }), 1: (t) => void t.sell() });
    expect(fillsOf(r)).toEqual([
      [1, 'BUY', 10, 50],
      [2, 'SELL', 20, 51],
    ]);
    expect(r.trades.map((t) => [t.direction, t.qty, t.open])).toEqual([
      ['long', 10, false],
      ['short', 10, true],
    ]);
  });

  it('slippage moves market fills against the trader; limit fills get none', () => {
    // Volume model: 50 × impact 1 × (10 shares / 1,000 of the previous bar's volume) = 0.5 per share.
    const volume = run(rows, { 0: order({ side: 'BUY' }), 1: (t) => void t.close() }, { slippage: { kind: 'volume', impact: 1 } });
    expect(fillsOf(volume)).toEqual([
      [1, 'BUY', 10, 50.5],
      [2, 'SELL', 10, 50.49], // 51 − 51 × 10/1000
    ]);
    // Two ticks of 0.01, rounded to the tick against the trader.
    const ticks = run(rows, { 0: order({ side: 'BUY' }), 1: order({ side: 'SELL', limit: 51.5, qty: 10 }) }, { slippage: { kind: 'ticks', ticks: 2 }, tickSize: 0.01 });
    expect(fillsOf(ticks)).toEqual([
      [1, 'BUY', 10, 50.02],
      [2, 'SELL', 10, 51.5],
    ]);
  });

  it('malformed orders fail with a message naming the problem', () => {
    expect(() => run(rows, { 0: order({ side: 'BUY', type: 'limit' }) })).toThrow(/a limit order needs a limit price/);
    expect(() => run(rows, { 0: order({ side: 'BUY', qty: -1 }) })).toThrow(/qty must be a positive number, got -1/);
    expect(() => run(rows, { 0: order({ side: 'BUY', stopLoss: 60, takeProfit: 55 }) })).toThrow(/long bracket needs stopLoss \(60\) below takeProfit \(55\)/);
  });
});

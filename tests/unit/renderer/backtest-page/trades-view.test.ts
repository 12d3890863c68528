import { describe, expect, it } from 'vitest';
import type { Trade } from '../../../../src-shared/domain/backtest.ts';
import type { Metrics } from '../../../../src-shared/domain/metrics.ts';
import { ALL_TRADES, filterTrades } from '../../../../src-renderer/pages/backtest/results/trade-filter.ts';
import { FOCUS_COLOR, tradeMarkers } from '../../../../src-renderer/pages/backtest/results/trade-markers.ts';
import { bestIndex, METRIC_ROWS } from '../../../../src-renderer/pages/backtest/results/metric-rows.ts';

function trade(id: number, direction: 'long' | 'short', pnl: number, entryTime: number, open = false): Trade {
  return {
    id, direction, qty: 10, entryIndex: id, entryTime, entryPrice: 100, exitIndex: id + 1, exitTime: entryTime + 10, exitPrice: 100 + pnl / 10,
    pnl, returnPct: pnl / 1000, commission: 0, mae: 1, mfe: 2, barsHeld: id, open,
  };
}
const trades = [trade(1, 'long', 50, 100), trade(2, 'short', -20, 300), trade(3, 'long', -5, 200), trade(4, 'short', 0, 400, true)];

describe('the trade list', () => {
  it('filters by direction and outcome (a flat trade is neither a win nor a loss)', () => {
    expect(filterTrades(trades, { ...ALL_TRADES, direction: 'long' }, { key: 'id', descending: false }).map((t) => t.id)).toEqual([1, 3]);
    expect(filterTrades(trades, { ...ALL_TRADES, outcome: 'loss' }, { key: 'id', descending: false }).map((t) => t.id)).toEqual([2, 3]);
    expect(filterTrades(trades, { ...ALL_TRADES, outcome: 'win' }, { key: 'id', descending: false }).map((t) => t.id)).toEqual([1]);
    expect(filterTrades(trades, { ...ALL_TRADES, minReturn: -0.01, maxReturn: 0 }, { key: 'id', descending: false }).map((t) => t.id)).toEqual([3, 4]);
  });

  it('sorts by a column either way', () => {
    expect(filterTrades(trades, ALL_TRADES, { key: 'pnl', descending: true }).map((t) => t.id)).toEqual([1, 4, 3, 2]);
    expect(filterTrades(trades, ALL_TRADES, { key: 'entryTime', descending: false }).map((t) => t.id)).toEqual([1, 3, 2, 4]);
  });
});

describe('trade markers', () => {
  it('marks entries by direction and exits, in time order, with no exit for the open trade', () => {
    const m = tradeMarkers(trades, null);
    expect(m).toHaveLength(7);
    expect(m.map((x) => x.time)).toEqual([100, 110, 200, 210, 300, 310, 400]);
    expect(m[0]).toMatchObject({ shape: 'arrowUp', position: 'belowBar', text: '#1' });
    expect(m[4]).toMatchObject({ shape: 'arrowDown', position: 'aboveBar', text: '#2' });
  });

  it('labels the focused trade with its fills in the focus colour', () => {
    const m = tradeMarkers(trades, 2);
    const focused = m.filter((x) => x.color === FOCUS_COLOR);
    expect(focused.map((x) => x.text)).toEqual(['#2 Sell 10 @ 100', 'Exit @ 98']);
  });
});

describe('comparing metrics', () => {
  const row = (label: string) => METRIC_ROWS.find((r) => r.label === label)!;
  it('picks the best run of a row by its direction, and no best on a tie or a single value', () => {
    expect(bestIndex(row('Sharpe'), [0.5, 1.2, null])).toBe(1);
    expect(bestIndex(row('Volatility'), [0.3, 0.2, 0.25])).toBe(1);
    // Drawdowns are negative: the shallowest (highest) is best.
    expect(bestIndex(row('Max drawdown'), [-0.4, -0.1])).toBe(1);
    expect(bestIndex(row('Sharpe'), [1, 1])).toBeNull();
    expect(bestIndex(row('Sharpe'), [1, null])).toBeNull();
    expect(bestIndex(row('Beta'), [1, 2])).toBeNull();
  });

  it('reads each row from the metrics it names', () => {
    const m = { sharpe: 1.5, maxDrawdown: { depth: -0.25 } } as unknown as Metrics;
    expect(row('Sharpe').value(m)).toBe(1.5);
    expect(row('Max drawdown').format(row('Max drawdown').value(m))).toBe('−25.00 %');
  });
});

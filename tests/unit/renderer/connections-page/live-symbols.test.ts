import { describe, expect, it } from 'vitest';
import type { LiveSubscription } from '../../../../src-shared/contract/live.contract.ts';
import type { ConnectionSummary } from '../../../../src-shared/domain/connection.ts';
import type { Timeframe } from '../../../../src-shared/domain/timeframe.ts';
import { liveRow } from '../../../../src-renderer/pages/connections/live/live-symbols.ts';
import { marketOptions, marketsNote } from '../../../../src-renderer/pages/connections/live/market-picker.ts';

const market = (symbol: string, active = true, type = 'spot') => ({ symbol, base: symbol.split('/')[0]!, quote: symbol.split('/')[1] ?? '', active, type });

describe('the market picker', () => {
  it('lists each symbol once, inactive ones disabled, and offers the typed text when the venue did not list it', () => {
    const options = marketOptions([market('BTC/USDT'), market('BTC/USDT', true, 'swap'), market('BTC/EUR', false)], 'BTC/GBP');
    expect(options).toEqual([
      { value: 'BTC/USDT', label: 'BTC/USDT · spot' },
      { value: 'BTC/EUR', label: 'BTC/EUR · spot · inactive', disabled: true },
      { value: 'BTC/GBP', label: 'BTC/GBP (as typed)' },
    ]);
  });

  it('does not repeat the typed text when it is a listed symbol, nor offer blank text', () => {
    expect(marketOptions([market('ETH/USDT')], ' ETH/USDT ').map((o) => o.value)).toEqual(['ETH/USDT']);
    expect(marketOptions([], '   ')).toEqual([]);
  });

  it('notes when the venue has more markets than were sent', () => {
    expect(marketsNote(200, 1412)).toBe('Showing 200 of 1,412 markets — type to narrow');
    expect(marketsNote(12, 12)).toBeNull();
  });
});

describe('a live symbol row', () => {
  const sub: LiveSubscription = {
    subscriptionId: 'sub_abcdef', connectionId: 'con_abcdef', symbol: 'BTC/USDT', instrumentId: 4, timeframes: ['1m', '5m'] as Timeframe[],
    trades: 123_456, barsCompleted: 1_440, rejected: { late: 3, 'bad-price': 1, duplicate: 0 }, caughtUp: 17, lastTradeAt: 1_700_000_000_000,
  };
  const connections = [{ id: 'con_abcdef', settings: { name: 'Binance' } }] as unknown as ConnectionSummary[];

  it('names the connection and sums the rejections, each reason in the detail', () => {
    expect(liveRow(sub, connections)).toEqual({
      subscriptionId: 'sub_abcdef', connectionId: 'con_abcdef', connection: 'Binance', symbol: 'BTC/USDT', instrumentId: 4,
      timeframes: '1m, 5m', trades: '123,456', bars: '1,440', rejected: '4', rejectedDetail: 'bad-price 1 · late 3', caughtUp: '17',
      lastTradeAt: 1_700_000_000_000,
    });
  });

  it('shows the connection id when the connection is not (yet) listed', () => {
    expect(liveRow(sub, []).connection).toBe('con_abcdef');
  });
});

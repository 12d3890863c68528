import { describe, expect, it } from 'vitest';
import { historyCalls, ibDateTime, parseIbTime } from '../../../../src-main/connections/ib/ib-history-requests.ts';
import { assetClassOf, contractOf, symbolOf } from '../../../../src-main/connections/ib/ib-symbols.ts';
import type { Timeframe } from '../../../../src-shared/domain/timeframe.ts';

describe('IB symbol spelling', () => {
  it('reads plain stocks and LOCAL@EXCHANGE contracts', () => {
    expect(contractOf('aapl')).toEqual({ symbol: 'AAPL', secType: 'STK', exchange: 'SMART', currency: 'USD' });
    expect(contractOf('EUR.USD@IDEALPRO')).toEqual({ symbol: 'EUR', localSymbol: 'EUR.USD', secType: 'CASH', exchange: 'IDEALPRO', currency: 'USD' });
    expect(contractOf('ESZ6@CME')).toEqual({ localSymbol: 'ESZ6', secType: 'FUT', exchange: 'CME' });
    expect(contractOf('AAPL  261218C00200000@SMART').secType).toBe('OPT');
    expect(contractOf('BTC.USD@PAXOS').secType).toBe('CRYPTO');
    expect(assetClassOf('EUR.USD@IDEALPRO')).toBe('forex');
    expect(assetClassOf('ESZ6@CME')).toBe('future');
  });

  it('refuses spellings it cannot resolve, naming the symbol', () => {
    expect(() => contractOf('what ever')).toThrow(/"what ever" is not an IB symbol/);
    expect(() => contractOf('@CME')).toThrow(/LOCAL@EXCHANGE/);
  });

  it('spells a described contract so that it reads back to the same contract', () => {
    expect(symbolOf({ symbol: 'AAPL', secType: 'STK', exchange: 'SMART', currency: 'USD' })).toBe('AAPL');
    const fut = symbolOf({ symbol: 'ES', localSymbol: 'ESZ6', secType: 'FUT', exchange: 'CME', currency: 'USD' });
    expect(fut).toBe('ESZ6@CME');
    expect(contractOf(fut)).toMatchObject({ localSymbol: 'ESZ6', secType: 'FUT', exchange: 'CME' });
  });
});

describe('IB history requests', () => {
  const day = 86_400_000;
  const from = Date.UTC(2024, 0, 1);

  it('asks a week of 1-minute bars per request, newest first, covering the window exactly', () => {
    const calls = historyCalls('1m' as Timeframe, from, from + 15 * day);
    expect(calls.map((c) => c.duration)).toEqual(['7 D', '7 D', '86400 S']);
    expect(calls[0]!.end).toBe('20240116-00:00:00');
    expect(calls.map((c) => [c.from, c.to])).toEqual([[from + 8 * day, from + 15 * day], [from + day, from + 8 * day], [from, from + day]]);
    expect(calls.every((c) => c.barSize === '1 min' && !c.smallBars)).toBe(true);
  });

  it('uses seconds up to a day and the 30-minute limit for 1-second bars', () => {
    const calls = historyCalls('1s' as Timeframe, from, from + 3_600_000);
    expect(calls.map((c) => c.duration)).toEqual(['1800 S', '1800 S']);
    expect(calls.every((c) => c.smallBars)).toBe(true);
    expect(historyCalls('5m' as Timeframe, from, from + 90 * 60_000)[0]!.duration).toBe('5400 S');
  });

  it('refuses a timeframe IB does not serve', () => {
    expect(() => historyCalls('7m' as Timeframe, from, from + day)).toThrow(/IB has no 7m bars/);
  });

  it('formats and parses TWS times', () => {
    expect(ibDateTime(Date.UTC(2024, 2, 5, 14, 30, 9))).toBe('20240305-14:30:09');
    expect(parseIbTime('1709649000')).toBe(1_709_649_000_000);
    expect(parseIbTime('20240305')).toBe(Date.UTC(2024, 2, 5));
    expect(parseIbTime('soon')).toBeNaN();
  });
});

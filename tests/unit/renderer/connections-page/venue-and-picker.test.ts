import { describe, expect, it } from 'vitest';
import type { ConnectionSettings } from '../../../../src-shared/domain/connection.ts';
import { connectionSubtitle, urlOverrides, venueSummary } from '../../../../src-renderer/pages/connections/form/venue-summary.ts';
import {
  marketOptions, nothingFoundMessage, pickerPlaceholder, searchesOnly,
} from '../../../../src-renderer/pages/connections/live/market-picker.ts';

const base = {
  urls: {}, heartbeatSeconds: 15, pollSeconds: 60, breaker: { failureThreshold: 5, openSeconds: 30 },
  backoff: { initialMs: 1000, maxMs: 60_000, attemptsBeforeDown: 8 }, priority: 10,
};
const settings = (patch: Partial<ConnectionSettings>): ConnectionSettings => ({ ...base, name: 'x', kind: 'ccxt', ...patch });

describe('what a connection is, in a few words', () => {
  it('reads IB as host:port · client id N', () => {
    const s = settings({ kind: 'ib', ib: { host: '127.0.0.1', port: 7497, clientId: 17, live: 'bars', regularHoursOnly: true } });
    expect(venueSummary(s)).toBe('Interactive Brokers · 127.0.0.1:7497 · client id 17');
  });

  it('brackets an IPv6 host so its colons do not read as the port', () => {
    const s = settings({ kind: 'ib', ib: { host: '::1', port: 4002, clientId: 0, live: 'ticks', regularHoursOnly: false } });
    expect(venueSummary(s)).toBe('Interactive Brokers · [::1]:4002 · client id 0');
  });

  it('reads Alpaca as its account and feed, the defaults when it has no `alpaca` part', () => {
    expect(venueSummary(settings({ kind: 'alpaca', alpaca: { environment: 'live', feed: 'sip' } }))).toBe('Alpaca · live · SIP');
    expect(venueSummary(settings({ kind: 'alpaca' }))).toBe('Alpaca · paper · IEX');
  });

  it('reads exchanges and Yahoo as before', () => {
    expect(venueSummary(settings({ kind: 'ccxt', exchange: 'okx' }))).toBe('OKX (ccxt)');
    expect(venueSummary(settings({ kind: 'yahoo' }))).toBe('Yahoo Finance');
  });

  it('adds every URL override, the trading API included, and the priority to the card subtitle', () => {
    const s = settings({
      kind: 'alpaca', alpaca: { environment: 'paper', feed: 'iex' }, priority: 4,
      urls: { rest: 'http://127.0.0.1:4010', ws: 'ws://127.0.0.1:4011', trading: 'http://127.0.0.1:4012' },
    });
    expect(urlOverrides(s)).toBe('http://127.0.0.1:4010 · ws://127.0.0.1:4011 · http://127.0.0.1:4012');
    expect(connectionSubtitle(s)).toBe('Alpaca · paper · IEX · http://127.0.0.1:4010 · ws://127.0.0.1:4011 · http://127.0.0.1:4012 · priority 4');
    expect(connectionSubtitle(settings({ kind: 'yahoo' }))).toBe('Yahoo Finance · priority 10');
  });
});

describe('the symbol picker for stock venues', () => {
  const m = (symbol: string, type: string, active = true) => ({ symbol, base: symbol, quote: 'USD', active, type });

  it('treats Yahoo and IB as search-only; Alpaca and exchanges list their markets', () => {
    expect(['ccxt', 'yahoo', 'ib', 'alpaca'].map((k) => searchesOnly(k as never))).toEqual([false, true, true, false]);
    expect(searchesOnly(undefined)).toBe(false);
  });

  it('shows each market with its type: "AAPL · STK", "EUR.USD@IDEALPRO · CASH"', () => {
    expect(marketOptions([m('AAPL', 'STK'), m('EUR.USD@IDEALPRO', 'CASH')], 'a', 'ib').slice(0, 2)).toEqual([
      { value: 'AAPL', label: 'AAPL · STK' },
      { value: 'EUR.USD@IDEALPRO', label: 'EUR.USD@IDEALPRO · CASH' },
    ]);
  });

  it('offers the typed text of a search-only venue in capitals, and not again when the venue returned it', () => {
    expect(marketOptions([m('ESZ6@CME', 'FUT')], 'esz6@cme', 'ib')).toEqual([{ value: 'ESZ6@CME', label: 'ESZ6@CME · FUT' }]);
    expect(marketOptions([], ' nvda ', 'ib')).toEqual([{ value: 'NVDA', label: 'NVDA (as typed)' }]);
    expect(marketOptions([], '^gspc', 'yahoo')).toEqual([{ value: '^GSPC', label: '^GSPC (as typed)' }]);
  });

  it('keeps the typed text as it is for venues that list (their list decides)', () => {
    expect(marketOptions([], 'spy', 'alpaca')).toEqual([{ value: 'spy', label: 'spy (as typed)' }]);
    expect(marketOptions([], 'btc/usdt')).toEqual([{ value: 'btc/usdt', label: 'btc/usdt (as typed)' }]);
  });

  it('asks a search-only venue for a text instead of saying nothing matches', () => {
    expect(nothingFoundMessage('ib', '  ', false)).toBe('Type a symbol or a name: this venue searches, it has no list');
    expect(nothingFoundMessage('alpaca', '', false)).toBe('No market matches');
    expect(nothingFoundMessage('ib', 'AAPL', true)).toBe('Searching…');
  });

  it('shows symbols spelled the way the venue spells them as the placeholder', () => {
    expect(pickerPlaceholder('ib', true)).toBe('Type to search: AAPL, EUR.USD@IDEALPRO, ESZ6@CME…');
    expect(pickerPlaceholder('alpaca', true)).toBe('Type to search: AAPL, SPY…');
    expect(pickerPlaceholder(undefined, true)).toBe('Type to search: BTC, ETH/USDT…');
    expect(pickerPlaceholder('ib', false)).toBe('Choose a connection first');
  });
});

import { DAY_MS } from '../../../src-shared/calendar/index.ts';
import { fakeBars, INTRADAY_MINUTES, YAHOO_VALID_INTERVALS, type FakeRow } from './fake-bars.ts';
import type { QuoteField } from './fake-faults.ts';
import { aggregateMinutes, symbolSeed } from './fake-minutes.ts';
import type { FakeSymbol } from './fake-symbols.ts';

/** An answer: HTTP status and JSON body. */
export interface FakeAnswer {
  readonly status: number;
  readonly body: unknown;
}

const chartError = (status: number, code: string, description: string): FakeAnswer => ({
  status,
  body: { chart: { result: null, error: { code, description } } },
});

/** How far back Yahoo serves intraday bars, and how much one request may span (days). */
const LIMITS: Readonly<Record<string, { maxAgeDays: number; maxSpanDays?: number }>> = {
  '1m': { maxAgeDays: 30, maxSpanDays: 7 },
  '2m': { maxAgeDays: 60 }, '5m': { maxAgeDays: 60 }, '15m': { maxAgeDays: 60 }, '30m': { maxAgeDays: 60 }, '90m': { maxAgeDays: 60 },
  '60m': { maxAgeDays: 730 }, '1h': { maxAgeDays: 730 },
};

export interface ChartQuery {
  readonly symbol: FakeSymbol | undefined;
  readonly params: URLSearchParams;
  readonly now: number;
  readonly dataDir: string | null;
  readonly splitLiveRow: boolean;
  readonly nulls?: { rows: readonly number[]; fields?: readonly QuoteField[] };
}

/** `GET /v8/finance/chart/{symbol}` as Yahoo answers it, refusals included (with Yahoo's words). */
export function answerChart(q: ChartQuery): FakeAnswer {
  const interval = q.params.get('interval') ?? '1d';
  if (!YAHOO_VALID_INTERVALS.includes(interval)) {
    return chartError(400, 'Bad Request', `Invalid input - interval=${interval} is not supported. Valid intervals: [${YAHOO_VALID_INTERVALS.join(', ')}]`);
  }
  if (interval === '5d' || interval === '3mo') return chartError(400, 'Bad Request', `interval=${interval} is not served by the fake Yahoo`);
  const p1 = Number(q.params.get('period1'));
  const p2 = Number(q.params.get('period2'));
  if (!q.params.has('period1') || !q.params.has('period2') || !Number.isInteger(p1) || !Number.isInteger(p2)) {
    return chartError(400, 'Bad Request', 'Invalid input - period1 and period2 must be integers (seconds); the fake serves no range=');
  }
  if (!q.symbol) return chartError(404, 'Not Found', 'No data found, symbol may be delisted');
  if (p2 < p1) return chartError(400, 'Bad Request', `Invalid input - start date cannot be after end date. startDate = ${p1}, endDate = ${p2}`);

  const limit = LIMITS[interval];
  if (limit) {
    const notAvailable = `${interval} data not available for startTime=${p1} and endTime=${p2}.`;
    if (limit.maxSpanDays !== undefined && (p2 - p1) * 1000 > limit.maxSpanDays * DAY_MS) {
      return chartError(422, 'Unprocessable Entity', `${notAvailable} Only ${limit.maxSpanDays} days worth of ${interval} granularity data are allowed to be fetched per request.`);
    }
    if (p1 * 1000 < q.now - limit.maxAgeDays * DAY_MS) {
      return chartError(422, 'Unprocessable Entity', `${notAvailable} The requested range must be within the last ${limit.maxAgeDays} days.`);
    }
  }
  const rows = fakeBars(q.symbol, interval, p1 * 1000, p2 * 1000, q.now, { dataDir: q.dataDir, splitLiveRow: q.splitLiveRow });
  const daily = !(interval in INTRADAY_MINUTES);
  return { status: 200, body: { chart: { result: [chartResult(q.symbol, interval, rows, q.now, daily, q.nulls)], error: null } } };
}

function chartResult(symbol: FakeSymbol, interval: string, rows: FakeRow[], now: number, daily: boolean, nulls: ChartQuery['nulls']): unknown {
  const meta = chartMeta(symbol, interval, now);
  if (rows.length === 0) {
    // What Yahoo sends for a range without bars: no timestamp, empty quote objects.
    return { meta, indicators: { quote: [{}], ...(daily ? { adjclose: [{}] } : {}) } };
  }
  const quote: Record<QuoteField, Array<number | null>> = {
    open: rows.map((r) => r.open),
    high: rows.map((r) => r.high),
    low: rows.map((r) => r.low),
    close: rows.map((r) => r.close),
    volume: rows.map((r) => r.volume),
  };
  for (const row of nulls?.rows ?? []) {
    if (row >= rows.length) continue;
    for (const field of nulls?.fields ?? (Object.keys(quote) as QuoteField[])) quote[field][row] = null;
  }
  return {
    meta,
    timestamp: rows.map((r) => Math.floor(r.stamp / 1000)),
    indicators: { quote: [quote], ...(daily ? { adjclose: [{ adjclose: rows.map((r) => r.adjclose) }] } : {}) },
  };
}

/** Yahoo's chart meta with its real field names, describing the market as of `now`. */
export function chartMeta(symbol: FakeSymbol, interval: string, now: number): Record<string, unknown> {
  const offset = symbol.offsetMinutes(Math.floor(now / DAY_MS) * DAY_MS);
  const sessions = symbol.sessionsBetween(now - 10 * DAY_MS, now + 10 * DAY_MS);
  const current = [...sessions].reverse().find((s) => s.open <= now) ?? sessions[0]!;
  const today = aggregateMinutes(symbolSeed(symbol.symbol), symbol.basePrice, current.open, current.close, now);
  const seconds = (ms: number): number => Math.floor(ms / 1000);
  const period = (start: number, end: number): unknown => ({ timezone: symbol.zoneAbbreviation(offset), start: seconds(start), end: seconds(end), gmtoffset: offset * 60 });
  return {
    currency: symbol.currency,
    symbol: symbol.symbol,
    exchangeName: symbol.exchangeName,
    fullExchangeName: symbol.fullExchangeName,
    instrumentType: symbol.instrumentType,
    firstTradeDate: seconds(symbol.firstTradeDate),
    regularMarketTime: seconds(Math.min(now, current.close - 1000)),
    hasPrePostMarketData: symbol.extendedMinutes.pre > 0,
    gmtoffset: offset * 60,
    timezone: symbol.zoneAbbreviation(offset),
    exchangeTimezoneName: symbol.timeZone,
    regularMarketPrice: today?.close ?? symbol.basePrice,
    longName: symbol.longName,
    shortName: symbol.shortName,
    priceHint: 2,
    currentTradingPeriod: {
      pre: period(current.open - symbol.extendedMinutes.pre * 60_000, current.open),
      regular: period(current.open, current.close),
      post: period(current.close, current.close + symbol.extendedMinutes.post * 60_000),
    },
    dataGranularity: interval,
    range: '',
    validRanges: ['1d', '5d', '1mo', '3mo', '6mo', '1y', '2y', '5y', '10y', 'ytd', 'max'],
  };
}

import { AlpacaError } from './data-params.ts';
import { formatZoned, inSession, nextSessionAfter, newYorkDate, NEW_YORK, sessionOfUtcDay } from './market-hours.ts';
import { assetId, assetJson, findSymbol, type AlpacaSymbolSpec } from './symbols.ts';

export type Environment = 'paper' | 'live';

export interface TradingContext {
  readonly specs: readonly AlpacaSymbolSpec[];
  readonly now: number;
  readonly origin: number;
  readonly environment: Environment;
}

type Handler = (q: URLSearchParams, ctx: TradingContext, pathParam?: string) => unknown;

const DAY_MS = 86_400_000;
/** Settlement moved from T+2 to T+1 on this date. */
const T_PLUS_ONE_FROM = '2024-05-28';
const MAX_CALENDAR_DAYS = 366 * 30;

/** The trading endpoints the fake serves (paths after the `/paper` or `/live` prefix); null otherwise. */
export function tradingRoute(path: string): { handler: Handler; param?: string } | null {
  if (path === '/v2/account') return { handler: account };
  if (path === '/v2/assets') return { handler: assets };
  const asset = /^\/v2\/assets\/([^/]+)$/.exec(path);
  if (asset) return { handler: oneAsset, param: decodeURIComponent(asset[1]) };
  if (path === '/v2/clock') return { handler: clock };
  if (path === '/v2/calendar') return { handler: calendar };
  return null;
}

/** A funded, unrestricted account with no positions; paper and live have different ids and numbers. */
function account(_q: URLSearchParams, ctx: TradingContext): unknown {
  const cash = '100000';
  return {
    id: assetId(`account:${ctx.environment}`),
    account_number: ctx.environment === 'paper' ? 'PA3FAKE0ALPC' : '512345678',
    status: 'ACTIVE', crypto_status: 'ACTIVE', options_approved_level: 2, options_trading_level: 2, currency: 'USD',
    buying_power: '200000', regt_buying_power: '200000', daytrading_buying_power: '0', effective_buying_power: '200000',
    non_marginable_buying_power: cash, options_buying_power: cash, bod_dtbp: '0', cash, accrued_fees: '0',
    portfolio_value: cash, pattern_day_trader: false, trading_blocked: false, transfers_blocked: false, account_blocked: false,
    created_at: new Date(ctx.origin).toISOString(), trade_suspended_by_user: false, multiplier: '2', shorting_enabled: true,
    equity: cash, last_equity: cash, long_market_value: '0', short_market_value: '0', position_market_value: '0',
    initial_margin: '0', maintenance_margin: '0', last_maintenance_margin: '0', sma: '0', daytrade_count: 0,
    balance_asof: newYorkDate(ctx.now - DAY_MS), crypto_tier: 1, intraday_adjustments: '0', pending_reg_taf_fees: '0',
  };
}

const STATUSES = new Set(['active', 'inactive']);
const CLASSES = new Set(['us_equity', 'us_option', 'crypto']);
const EXCHANGES = new Set(['AMEX', 'ARCA', 'BATS', 'NYSE', 'NASDAQ', 'NYSEARCA', 'OTC', 'CRYPTO']);

function assets(q: URLSearchParams, ctx: TradingContext): unknown {
  const status = q.get('status');
  const assetClass = q.get('asset_class');
  const exchange = q.get('exchange');
  if (status !== null && !STATUSES.has(status)) throw new AlpacaError(422, 42210000, `invalid status: "${status}" (active or inactive)`);
  if (assetClass !== null && !CLASSES.has(assetClass)) throw new AlpacaError(422, 42210000, `invalid asset_class: "${assetClass}"`);
  if (exchange !== null && !EXCHANGES.has(exchange)) throw new AlpacaError(422, 42210000, `invalid exchange: "${exchange}"`);
  return ctx.specs
    .filter((s) => (status === null || s.status === status) && (assetClass === null || s.assetClass === assetClass) && (exchange === null || s.exchange === exchange))
    .map(assetJson);
}

function oneAsset(_q: URLSearchParams, ctx: TradingContext, symbol?: string): unknown {
  const spec = findSymbol(ctx.specs, symbol ?? '');
  if (!spec) throw new AlpacaError(404, 40410000, 'asset not found');
  return assetJson(spec);
}

/** `/v2/clock`: times in New York's offset, as Alpaca reports them. */
function clock(_q: URLSearchParams, ctx: TradingContext): unknown {
  const open = inSession(ctx.now);
  const today = sessionOfUtcDay(Math.floor(ctx.now / DAY_MS));
  const next = nextSessionAfter(ctx.now);
  const nextClose = open && today ? today.close : next.close;
  return {
    timestamp: formatZoned(ctx.now, NEW_YORK, (ctx.now % 1000) * 1e6),
    is_open: open,
    next_open: formatZoned(next.open, NEW_YORK),
    next_close: formatZoned(nextClose, NEW_YORK),
  };
}

/** `/v2/calendar?start&end`: every weekday in [start, end] (dates or RFC 3339; the fake has no holidays). */
function calendar(q: URLSearchParams, ctx: TradingContext): unknown {
  const start = dateParam(q, 'start') ?? newYorkDate(ctx.origin);
  const end = dateParam(q, 'end') ?? newYorkDate(ctx.now + 365 * DAY_MS);
  const days: unknown[] = [];
  const first = Date.parse(`${start}T00:00:00Z`) / DAY_MS;
  const last = Date.parse(`${end}T00:00:00Z`) / DAY_MS;
  if (last - first > MAX_CALENDAR_DAYS) throw new AlpacaError(422, 42210000, `calendar range ${start}..${end} is longer than ${MAX_CALENDAR_DAYS} days`);
  for (let day = first; day <= last; day++) {
    if (!sessionOfUtcDay(day)) continue;
    const date = isoDate(day);
    days.push({ date, open: '09:30', close: '16:00', session_open: '0400', session_close: '2000', settlement_date: settlement(day, date) });
  }
  return days;
}

function settlement(day: number, date: string): string {
  let left = date >= T_PLUS_ONE_FROM ? 1 : 2;
  let d = day;
  while (left > 0) {
    d++;
    if (sessionOfUtcDay(d)) left--;
  }
  return isoDate(d);
}

function isoDate(utcDay: number): string {
  return new Date(utcDay * DAY_MS).toISOString().slice(0, 10);
}

/** A date (`2024-01-02`) or an RFC 3339 time whose date part is taken (the SDK sends `toISOString()`). */
function dateParam(q: URLSearchParams, name: string): string | undefined {
  const text = q.get(name);
  if (text === null || text === '') return undefined;
  const date = text.slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || !Number.isFinite(Date.parse(`${date}T00:00:00Z`))) {
    throw new AlpacaError(400, 40010000, `invalid ${name}: "${text}" (a date like 2024-01-02)`);
  }
  return date;
}

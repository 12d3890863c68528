import { hash3, stringSeed } from '../exchange/random.ts';

export type AssetClass = 'us_equity' | 'crypto';

/** One instrument the fake lists and generates trades for. */
export interface AlpacaSymbolSpec {
  /** As Alpaca spells it: `AAPL`, `BTC/USD`. */
  readonly symbol: string;
  readonly assetClass: AssetClass;
  readonly name: string;
  readonly exchange: 'NASDAQ' | 'NYSE' | 'ARCA' | 'CRYPTO';
  /** An inactive (delisted) asset is listed by `/v2/assets?status=inactive` and has no trades. */
  readonly status: 'active' | 'inactive';
  /** Price at the reference minute (2016-01-01T00:00Z), in dollars. */
  readonly startPrice: number;
  /** Prices are integer ticks of 10^-priceDecimals dollars. */
  readonly priceDecimals: number;
  /** Sizes are integer steps of 10^-sizeDecimals units (0 for whole shares). */
  readonly sizeDecimals: number;
  /** Volatility of the per-minute price path (log scale per unit of noise). */
  readonly sigma: number;
  /** Mean number of trades per second on all venues together (SIP). */
  readonly tradesPerSecond: number;
  /** Typical trade size in steps (crypto; stocks draw round and odd lots). */
  readonly typicalSteps: number;
  /** The SIP tape: A (NYSE), B (ARCA and regional), C (Nasdaq). */
  readonly tape: 'A' | 'B' | 'C';
}

export const DEFAULT_SYMBOLS: readonly AlpacaSymbolSpec[] = [
  stock('AAPL', 'Apple Inc. Common Stock', 'NASDAQ', 'C', 105.26, 0.0004),
  stock('MSFT', 'Microsoft Corporation Common Stock', 'NASDAQ', 'C', 55.48, 0.00035),
  stock('SPY', 'SPDR S&P 500 ETF Trust', 'ARCA', 'B', 203.87, 0.00025),
  stock('TSLA', 'Tesla, Inc. Common Stock', 'NASDAQ', 'C', 223.41, 0.0007),
  { ...stock('TWTR', 'Twitter, Inc. Common Stock', 'NYSE', 'A', 17.4, 0.0006), status: 'inactive' },
  crypto('BTC/USD', 'Bitcoin / US Dollar', 430.05, 2, 4, 0.0006, 150),
  crypto('ETH/USD', 'Ethereum / US Dollar', 0.95, 4, 3, 0.0008, 2_000),
];

function stock(symbol: string, name: string, exchange: AlpacaSymbolSpec['exchange'], tape: AlpacaSymbolSpec['tape'], startPrice: number, sigma: number): AlpacaSymbolSpec {
  return {
    symbol, assetClass: 'us_equity', name, exchange, status: 'active', startPrice, priceDecimals: 2, sizeDecimals: 0,
    sigma, tradesPerSecond: 0.35, typicalSteps: 100, tape,
  };
}

function crypto(symbol: string, name: string, startPrice: number, priceDecimals: number, sizeDecimals: number, sigma: number, typicalSteps: number): AlpacaSymbolSpec {
  return {
    symbol, assetClass: 'crypto', name, exchange: 'CRYPTO', status: 'active', startPrice, priceDecimals, sizeDecimals,
    sigma, tradesPerSecond: 0.2, typicalSteps, tape: 'A',
  };
}

/** A stable UUID-shaped id per symbol, as Alpaca gives every asset one. */
export function assetId(symbol: string): string {
  const seed = stringSeed(symbol);
  const hex = [1, 2, 3, 4].map((i) => hash3(seed, 0xa55e7, i).toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The asset object of `GET /v2/assets` (field names and types as Alpaca sends them). */
export function assetJson(spec: AlpacaSymbolSpec): Record<string, unknown> {
  const active = spec.status === 'active';
  const common = {
    id: assetId(spec.symbol),
    class: spec.assetClass,
    exchange: spec.exchange,
    symbol: spec.symbol,
    name: spec.name,
    status: spec.status,
    tradable: active,
  };
  if (spec.assetClass === 'crypto') {
    return {
      ...common, marginable: false, maintenance_margin_requirement: 100, margin_requirement_long: '100', margin_requirement_short: '100',
      shortable: false, easy_to_borrow: false, fractionable: true, attributes: [],
      min_order_size: (10 ** -spec.sizeDecimals).toFixed(spec.sizeDecimals), min_trade_increment: (10 ** -spec.sizeDecimals).toFixed(spec.sizeDecimals),
      price_increment: (10 ** -spec.priceDecimals).toFixed(spec.priceDecimals),
    };
  }
  return {
    ...common, marginable: active, maintenance_margin_requirement: 30, margin_requirement_long: '50', margin_requirement_short: '50',
    shortable: active, easy_to_borrow: active, fractionable: active, attributes: active ? ['has_options'] : [],
  };
}

/** Looks a symbol up as Alpaca does in paths: `BTC/USD`, `BTCUSD` or the asset id all name the same asset. */
export function findSymbol(specs: readonly AlpacaSymbolSpec[], text: string): AlpacaSymbolSpec | undefined {
  return specs.find((s) => s.symbol === text || s.symbol.replace('/', '') === text || assetId(s.symbol) === text);
}

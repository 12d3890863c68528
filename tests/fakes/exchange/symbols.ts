/**
 * The spot markets the fake lists, with the filters Binance publishes for them. Prices are held
 * as integer ticks and quantities as integer steps, so that every aggregate is exact.
 */
export interface SymbolSpec {
  /** Binance's id: `BTCUSDT`. */
  readonly symbol: string;
  readonly baseAsset: string;
  readonly quoteAsset: string;
  /** 'TRADING', or 'BREAK' for a halted market (listed, no trades). */
  readonly status: 'TRADING' | 'BREAK';
  /** Decimals of the tick size: 2 means a tick of 0.01. */
  readonly tickDecimals: number;
  /** Decimals of the lot step: 5 means a step of 0.00001. */
  readonly stepDecimals: number;
  /** Price at the origin of the history. */
  readonly startPrice: number;
  /** Scale of the per-minute log-price noise (a random walk's σ per minute, roughly). */
  readonly sigma: number;
  /** A typical trade size, in steps. */
  readonly typicalSteps: number;
  readonly minNotional: string;
}

export const DEFAULT_SYMBOLS: readonly SymbolSpec[] = [
  { symbol: 'BTCUSDT', baseAsset: 'BTC', quoteAsset: 'USDT', status: 'TRADING', tickDecimals: 2, stepDecimals: 5, startPrice: 42_283.58, sigma: 0.0004, typicalSteps: 2_000, minNotional: '5.00000000' },
  { symbol: 'ETHUSDT', baseAsset: 'ETH', quoteAsset: 'USDT', status: 'TRADING', tickDecimals: 2, stepDecimals: 4, startPrice: 2_281.87, sigma: 0.0005, typicalSteps: 3_000, minNotional: '5.00000000' },
  { symbol: 'SOLUSDT', baseAsset: 'SOL', quoteAsset: 'USDT', status: 'TRADING', tickDecimals: 2, stepDecimals: 3, startPrice: 101.6, sigma: 0.0008, typicalSteps: 5_000, minNotional: '5.00000000' },
  { symbol: 'BNBUSDT', baseAsset: 'BNB', quoteAsset: 'USDT', status: 'TRADING', tickDecimals: 2, stepDecimals: 3, startPrice: 312.4, sigma: 0.0005, typicalSteps: 1_000, minNotional: '5.00000000' },
  { symbol: 'ETHBTC', baseAsset: 'ETH', quoteAsset: 'BTC', status: 'TRADING', tickDecimals: 5, stepDecimals: 4, startPrice: 0.05397, sigma: 0.0003, typicalSteps: 5_000, minNotional: '0.00010000' },
  // Bitcoin Cash ABC's old pair: listed, halted. It proves a client reads `status`.
  { symbol: 'BCCUSDT', baseAsset: 'BCC', quoteAsset: 'USDT', status: 'BREAK', tickDecimals: 2, stepDecimals: 5, startPrice: 300, sigma: 0.0005, typicalSteps: 1_000, minNotional: '5.00000000' },
];

/** `digits` as a decimal string with `decimals` places, padded to `width` places (Binance pads to 8). */
export function formatScaled(digits: number, decimals: number, width = 8): string {
  const negative = digits < 0;
  const text = Math.abs(digits).toString().padStart(decimals + 1, '0');
  const whole = decimals === 0 ? text : text.slice(0, -decimals);
  const fraction = (decimals === 0 ? '' : text.slice(-decimals)).padEnd(width, '0');
  return `${negative ? '-' : ''}${whole}${width > 0 ? `.${fraction}` : ''}`;
}

/** The symbol's entry in `GET /api/v3/exchangeInfo`, in Binance's field order and spelling. */
export function exchangeInfoSymbol(spec: SymbolSpec): Record<string, unknown> {
  const tick = formatScaled(1, spec.tickDecimals);
  const step = formatScaled(1, spec.stepDecimals);
  return {
    symbol: spec.symbol,
    status: spec.status,
    baseAsset: spec.baseAsset,
    baseAssetPrecision: 8,
    quoteAsset: spec.quoteAsset,
    quotePrecision: 8,
    quoteAssetPrecision: 8,
    baseCommissionPrecision: 8,
    quoteCommissionPrecision: 8,
    orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'],
    icebergAllowed: true,
    ocoAllowed: true,
    otoAllowed: true,
    quoteOrderQtyMarketAllowed: true,
    allowTrailingStop: true,
    cancelReplaceAllowed: true,
    isSpotTradingAllowed: true,
    isMarginTradingAllowed: spec.status === 'TRADING',
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: tick, maxPrice: '1000000.00000000', tickSize: tick },
      { filterType: 'LOT_SIZE', minQty: step, maxQty: '9000.00000000', stepSize: step },
      { filterType: 'ICEBERG_PARTS', limit: 10 },
      { filterType: 'MARKET_LOT_SIZE', minQty: '0.00000000', maxQty: '100.00000000', stepSize: '0.00000000' },
      { filterType: 'TRAILING_DELTA', minTrailingAboveDelta: 10, maxTrailingAboveDelta: 2000, minTrailingBelowDelta: 10, maxTrailingBelowDelta: 2000 },
      { filterType: 'PERCENT_PRICE_BY_SIDE', bidMultiplierUp: '5', bidMultiplierDown: '0.2', askMultiplierUp: '5', askMultiplierDown: '0.2', avgPriceMins: 5 },
      { filterType: 'NOTIONAL', minNotional: spec.minNotional, applyMinToMarket: true, maxNotional: '9000000.00000000', applyMaxToMarket: false, avgPriceMins: 5 },
      { filterType: 'MAX_NUM_ORDERS', maxNumOrders: 200 },
      { filterType: 'MAX_NUM_ALGO_ORDERS', maxNumAlgoOrders: 5 },
    ],
    permissions: [],
    permissionSets: [['SPOT', 'MARGIN']],
    defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
    allowedSelfTradePreventionModes: ['EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH'],
  };
}

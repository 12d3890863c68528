import { PricePath, type PriceModel } from './generator.ts';
import type { SessionKind } from './sessions.ts';
import { DAY_MS, dayOfWall, dayText, utcToWall, wallAt, wallToUtc, weekdayOf } from './time-zone.ts';

/** One contract the fake TWS knows, with what contract details report about it. */
export interface Instrument {
  readonly conId: number;
  readonly symbol: string;
  readonly secType: 'STK' | 'OPT' | 'FUT' | 'CASH' | 'CRYPTO';
  /** The exchange a contract-details answer names (SMART for routed stocks). */
  readonly exchange: string;
  readonly primaryExch: string;
  readonly currency: string;
  readonly localSymbol: string;
  readonly tradingClass: string;
  readonly marketName: string;
  /** `yyyyMMdd` expiry for futures and options, else ''. */
  readonly lastTradeDateOrContractMonth: string;
  readonly strike: number;
  readonly right: '' | 'C' | 'P';
  readonly multiplier: string;
  readonly minTick: number;
  readonly longName: string;
  readonly industry: string;
  readonly category: string;
  readonly subcategory: string;
  readonly validExchanges: string;
  readonly orderTypes: string;
  readonly underConId: number;
  readonly underSymbol: string;
  readonly underSecType: string;
  readonly stockType: string;
  readonly isin: string;
  readonly marketRuleIds: string;
  readonly minSize: string;
  readonly sizeIncrement: string;
  readonly suggestedSizeIncrement: string;
  /** What a symbol search lists as derivatives of it (reqMatchingSymbols). */
  readonly derivativeSecTypes: readonly string[];
  /** The exchange named on tick-by-tick trades. */
  readonly tickExchange: string;
  readonly session: SessionKind;
  /** No history before this instant (listing of a future or option); the server origin applies too. */
  readonly listedAt: number | null;
  /** Decimals in price strings (one more than the tick's, so half-tick midpoints print exactly). */
  readonly priceDecimals: number;
  readonly sizeDecimals: number;
  readonly model: PriceModel;
  readonly path: PricePath;
}

type Base = Omit<Instrument, 'path' | 'model' | 'priceDecimals' | 'sizeDecimals' | 'marketRuleIds' | 'minSize' | 'sizeIncrement' | 'suggestedSizeIncrement' | 'underConId' | 'underSymbol' | 'underSecType' | 'stockType' | 'isin' | 'listedAt' | 'strike' | 'right' | 'multiplier' | 'lastTradeDateOrContractMonth'> &
  Partial<Pick<Instrument, 'underConId' | 'underSymbol' | 'underSecType' | 'stockType' | 'isin' | 'listedAt' | 'strike' | 'right' | 'multiplier' | 'lastTradeDateOrContractMonth' | 'minSize' | 'sizeIncrement' | 'suggestedSizeIncrement'>> & {
    readonly level: number;
    readonly volumePer5s: number;
    readonly volatility?: number;
    readonly sizeDecimals?: number;
  };

const STOCK_ORDER_TYPES = 'ACTIVETIM,AD,ADJUST,ALERT,ALGO,ALLOC,AON,AVGCOST,BASKET,COND,CONDORDER,DAY,DEACT,DEACTDIS,DIS,GAT,GTC,GTD,GTT,HID,IBKRATS,ICE,IMB,IOC,LIT,LMT,LOC,MIT,MKT,MOC,MTL,NGCOMB,NONALGO,OCA,PEGBENCH,REL,RELPCTOFS,RTH,SCALE,SNAPMID,STP,STPLMT,TRAIL,TRAILLIT,TRAILLMT,VWAP,WHATIF';
const STOCK_EXCHANGES = 'SMART,AMEX,NYSE,CBOE,PHLX,ISE,CHX,ARCA,NASDAQ,DRCTEDGE,BEX,BATS,EDGEA,BYX,IEX,EDGX,FOXRIVER,PEARL,NYSENAT,LTSE,MEMX,IBEOS,OVERNIGHT,TPLUS0,PSX';

function build(base: Base): Instrument {
  const tickDecimals = Math.max(0, Math.ceil(-Math.log10(base.minTick) - 1e-9));
  const priceDecimals = tickDecimals + 1;
  const unitsPerPrice = 10 ** priceDecimals;
  const sizeDecimals = base.sizeDecimals ?? 0;
  const model: PriceModel = {
    conId: base.conId, level: base.level, unitsPerPrice, stepUnits: Math.round(base.minTick * unitsPerPrice),
    sizeScale: 10 ** sizeDecimals, volumePer5s: base.volumePer5s * 10 ** sizeDecimals, volatility: base.volatility ?? 1,
  };
  return {
    underConId: 0, underSymbol: '', underSecType: '', stockType: '', isin: '', listedAt: null, strike: 0, right: '', multiplier: '',
    lastTradeDateOrContractMonth: '', minSize: '1', sizeIncrement: '1', suggestedSizeIncrement: '100',
    marketRuleIds: [26, 26].join(','),
    ...base,
    priceDecimals, sizeDecimals, model, path: new PricePath(model),
  };
}

function stock(conId: number, symbol: string, longName: string, primary: string, isin: string, level: number, volume: number, extra: Partial<Base> = {}): Instrument {
  return build({
    conId, symbol, secType: 'STK', exchange: 'SMART', primaryExch: primary, currency: 'USD', localSymbol: symbol, tradingClass: primary === 'NASDAQ' ? 'NMS' : symbol,
    marketName: primary === 'NASDAQ' ? 'NMS' : symbol, minTick: 0.01, longName, industry: 'Technology', category: 'Computers', subcategory: 'Computers',
    validExchanges: STOCK_EXCHANGES, orderTypes: STOCK_ORDER_TYPES, derivativeSecTypes: ['CFD', 'OPT', 'IOPT', 'WAR', 'BAG'], tickExchange: primary,
    session: 'stock', stockType: 'COMMON', isin, level, volumePer5s: volume, minSize: '0.0001', sizeIncrement: '0.0001', ...extra,
  });
}

/** The third Friday of a month (the usual expiry of equity-index futures and monthly options). */
export function thirdFriday(year: number, month0: number): number {
  const first = Math.floor(Date.UTC(year, month0, 1) / DAY_MS);
  const firstFriday = first + ((5 - weekdayOf(first) + 7) % 7);
  return firstFriday + 14;
}

const MONTH_CODES = 'FGHJKMNQUVXZ';

/** The front quarterly E-mini S&P 500 future at `now`: the next March/June/September/December expiry. */
function esFuture(now: number): Instrument {
  const today = dayOfWall(utcToWall(now));
  const date = new Date(today * DAY_MS);
  let year = date.getUTCFullYear();
  let month = date.getUTCMonth() - (date.getUTCMonth() % 3) + 2;
  while (thirdFriday(year, month) < today) {
    month += 3;
    if (month > 11) [year, month] = [year + 1, month - 12];
  }
  const expiry = thirdFriday(year, month);
  const contractMonth = `${year}${String(month + 1).padStart(2, '0')}`;
  return build({
    conId: 620_700_000 + (year % 100) * 100 + month + 1, symbol: 'ES', secType: 'FUT', exchange: 'CME', primaryExch: '', currency: 'USD',
    localSymbol: `ES${MONTH_CODES[month]}${year % 10}`, tradingClass: 'ES', marketName: 'ES', minTick: 0.25, multiplier: '50',
    lastTradeDateOrContractMonth: dayText(expiry), longName: 'E-mini S&P 500', industry: '', category: '', subcategory: '',
    validExchanges: 'CME,QBALGO', orderTypes: 'ACTIVETIM,AD,ADJUST,ALERT,ALGO,ALLOC,AVGCOST,BASKET,COND,CONDORDER,DAY,DEACT,GAT,GTC,GTD,GTT,HID,ICE,IOC,LIT,LMT,MIT,MKT,MTL,NGCOMB,OCA,REL,RTH,SCALE,STP,STPLMT,TRAIL,TRAILLIT,TRAILLMT,WHATIF',
    underConId: 11_004_968, underSymbol: 'ES', underSecType: 'IND', derivativeSecTypes: [], tickExchange: 'CME', session: 'future',
    listedAt: wallToUtc(wallAt(expiry - 455, 18)), level: 5300, volumePer5s: 120, volatility: 0.9, suggestedSizeIncrement: '1',
  });
}

/** An AAPL call expiring on the third Friday two months on, struck near the money. */
function aaplCall(now: number): Instrument {
  const date = new Date(dayOfWall(utcToWall(now)) * DAY_MS);
  const month = date.getUTCMonth() + 2;
  const year = date.getUTCFullYear() + Math.floor(month / 12);
  const expiry = thirdFriday(year, month % 12);
  const ymd = dayText(expiry);
  const strike = 190;
  return build({
    conId: 700_000_000 + Number(ymd.slice(2)), symbol: 'AAPL', secType: 'OPT', exchange: 'SMART', primaryExch: '', currency: 'USD',
    localSymbol: `AAPL  ${ymd.slice(2)}C${String(strike * 1000).padStart(8, '0')}`, tradingClass: 'AAPL', marketName: 'AAPL', minTick: 0.01,
    strike, right: 'C', multiplier: '100', lastTradeDateOrContractMonth: ymd, longName: 'APPLE INC', industry: 'Technology', category: 'Computers',
    subcategory: 'Computers', validExchanges: 'SMART,AMEX,CBOE,PHLX,PSE,ISE,BOX,BATS,NASDAQOM,CBOE2,NASDAQBX,MIAX,GEMINI,EDGX,MERCURY,PEARL,EMERALD,MEMX,IBUSOPT',
    orderTypes: 'ACTIVETIM,AD,ADJUST,ALERT,ALLOC,AVGCOST,BASKET,COND,CONDORDER,DAY,DEACT,DEACTDIS,DIS,GAT,GTC,GTD,GTT,HID,ICE,IOC,LIT,LMT,MIT,MKT,MTL,NGCOMB,NONALGO,OCA,OPENCLOSE,PEGMID,REL,RELPCTOFS,SCALE,SIZECHK,STP,STPLMT,TRAIL,TRAILLIT,TRAILLMT,VOLAT,WHATIF',
    underConId: 265_598, underSymbol: 'AAPL', underSecType: 'STK', derivativeSecTypes: [], tickExchange: 'CBOE', session: 'option',
    listedAt: wallToUtc(wallAt(expiry - 180, 9, 30)), level: 8.5, volumePer5s: 6, volatility: 4, suggestedSizeIncrement: '1',
  });
}

/**
 * The instruments of a fake TWS started at `now` (the future and the option are the ones live then).
 * conIds of the stocks, the currency pair and the coin are IB's own.
 */
export function defaultInstruments(now: number): Instrument[] {
  return [
    stock(265_598, 'AAPL', 'APPLE INC', 'NASDAQ', 'US0378331005', 190, 3000),
    stock(272_093, 'MSFT', 'MICROSOFT CORP', 'NASDAQ', 'US5949181045', 410, 1800),
    stock(756_733, 'SPY', 'SPDR S&P 500 ETF TRUST', 'ARCA', 'US78462F1030', 520, 6000, {
      stockType: 'ETF', industry: 'Funds', category: 'Equity Fund', subcategory: 'Growth&Income-Large Cap', volatility: 0.7,
    }),
    esFuture(now),
    build({
      conId: 12_087_792, symbol: 'EUR', secType: 'CASH', exchange: 'IDEALPRO', primaryExch: '', currency: 'USD', localSymbol: 'EUR.USD',
      tradingClass: 'EUR.USD', marketName: 'EUR.USD', minTick: 0.00005, longName: 'European Monetary Union Euro', industry: '', category: '',
      subcategory: '', validExchanges: 'IDEALPRO', orderTypes: 'ACTIVETIM,AD,ADJUST,ALERT,ALGO,ALLOC,AVGCOST,BASKET,CASHQTY,COND,CONDORDER,DAY,DEACT,DEACTDIS,DIS,GAT,GTC,GTD,GTT,HID,IOC,LIT,LMT,MIT,MKT,NONALGO,OCA,REL,RELPCTOFS,SCALE,STP,STPLMT,TRAIL,TRAILLIT,TRAILLMT,WHATIF',
      derivativeSecTypes: ['CFD'], tickExchange: 'IDEALPRO', session: 'forex', level: 1.08, volumePer5s: 2_000_000, volatility: 0.35,
      suggestedSizeIncrement: '1', minSize: '1',
    }),
    aaplCall(now),
    build({
      conId: 479_624_278, symbol: 'BTC', secType: 'CRYPTO', exchange: 'PAXOS', primaryExch: '', currency: 'USD', localSymbol: 'BTC.USD',
      tradingClass: 'BTC', marketName: 'BTC', minTick: 0.25, longName: 'Bitcoin', industry: '', category: '', subcategory: '', validExchanges: 'PAXOS',
      orderTypes: 'ACTIVETIM,AD,ADJUST,ALERT,ALLOC,AVGCOST,BASKET,CASHQTY,COND,CONDORDER,DAY,DEACT,DEACTDIS,GTC,GTD,GTT,IOC,LMT,MKT,NONALGO,OCA,STP,STPLMT,WHATIF',
      derivativeSecTypes: [], tickExchange: 'PAXOS', session: 'crypto', level: 60_000, volumePer5s: 0.05, sizeDecimals: 4, volatility: 2.2,
      minSize: '0.0001', sizeIncrement: '0.0001', suggestedSizeIncrement: '0.0001',
    }),
  ];
}

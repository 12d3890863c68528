/** What a column may hold, as told by its header name. */
export type ColumnRole =
  | 'date'
  | 'time'
  | 'open'
  | 'high'
  | 'low'
  | 'close'
  | 'price'
  | 'volume'
  | 'tickVolume'
  | 'bid'
  | 'ask'
  | 'adjClose'
  | 'ignored';

const NAMES: Record<string, ColumnRole> = {};
function names(role: ColumnRole, ...list: string[]): void {
  for (const name of list) NAMES[name] = role;
}
names('date', 'date', 'datetime', 'timestamp', 'day', 'dt', 'ts', 'opentime', 'gmttime', 'localtime', 'datetimeutc', 'timestamputc', 'dateutc', 'tradedate');
names('time', 'time', 'hour', 'timeofday');
names('open', 'open', 'o', 'openprice', 'first');
names('high', 'high', 'h', 'highprice', 'max');
names('low', 'low', 'l', 'lowprice', 'min');
names('close', 'close', 'c', 'last', 'closeprice', 'closelast', 'lastprice');
names('price', 'price', 'tradeprice', 'px');
names('volume', 'volume', 'vol', 'v', 'size', 'qty', 'quantity', 'realvolume', 'basevolume', 'tradesize');
names('tickVolume', 'tickvol', 'tickvolume', 'ticks');
names('bid', 'bid', 'bidprice', 'bestbid');
names('ask', 'ask', 'askprice', 'offer', 'bestask');
names('adjClose', 'adjclose', 'adjustedclose');
names(
  'ignored',
  'openinterest', 'oi', 'openint', 'ticker', 'symbol', 'per', 'period', 'closetime', 'quotevolume',
  'quoteassetvolume', 'count', 'trades', 'numberoftrades', 'takerbuyvolume', 'takerbuybasevolume',
  'takerbuyquotevolume', 'takerbuybaseassetvolume', 'takerbuyquoteassetvolume', 'ignore', 'spread',
  'dividends', 'stocksplits', 'change', 'changepercent', 'vwap', 'bidsize', 'asksize', 'bidvolume', 'askvolume',
);

/** `<OPEN>`, `Adj Close`, `open_time` → `open`, `adjclose`, `opentime`. */
export function normalizeName(cell: string): string {
  return cell.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The role a header name announces, or null for a name not recognised. */
export function roleOfName(cell: string): ColumnRole | null {
  return NAMES[normalizeName(cell)] ?? null;
}


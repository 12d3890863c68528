/** Words in file names that describe the data rather than name the instrument. */
const NOISE = new Set([
  'data', 'daily', 'weekly', 'monthly', 'hourly', 'minute', 'min', 'ticks', 'tick', 'trades', 'quotes',
  'bidask', 'bid', 'ask', 'sample', 'export', 'history', 'historical', 'prices', 'price', 'bars', 'ohlc',
  'ohlcv', 'klines', 'kline', 'candles', 'intraday', 'test', 'copy',
]);

/** MetaTrader names history files `<SYMBOL><period in minutes>`: EURUSD60, XAUUSD1440. */
const METATRADER_NAME = /^([a-z]{6})(1|5|15|30|60|240|1440|10080|43200)$/i;

/**
 * Guesses the instrument symbol from a file name: the first word that is not a date, a number,
 * a timeframe or a descriptive word. `orcl-1995-2014.csv` → ORCL, `BTCUSDT-1m-2024-01.csv` →
 * BTCUSDT, `EURUSD60.csv` → EURUSD. Null when no word qualifies.
 */
export function suggestSymbol(fileName: string): string | null {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const stem = base.replace(/\.(csv|txt|tsv|prn|dat)$/i, '');
  for (const word of stem.split(/[-_\s.,()[\]]+/)) {
    if (!/[a-z]/i.test(word)) continue; // dates and numbers
    if (/^\d+[smhdwM]$|^\d+(min|mins|sec|hour|day)s?$/i.test(word)) continue; // 1m, 5min, 1day
    if (/^(m|h|d|w)\d+$/i.test(word)) continue; // M5, H1, D1 as MetaTrader writes periods
    if (NOISE.has(word.toLowerCase())) continue;
    const mt = METATRADER_NAME.exec(word);
    const symbol = (mt ? mt[1] : word).toUpperCase();
    if (/^[A-Z0-9^=!]{1,20}$/.test(symbol)) return symbol;
  }
  return null;
}

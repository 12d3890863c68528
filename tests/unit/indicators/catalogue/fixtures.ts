import { readFileSync } from 'node:fs';
import type { BarColumns } from '../../../../src-shared/domain/bars.ts';
import { sharedDataFile } from '../../../support/shared-data.ts';

/** Bars of a Yahoo-format file of the shared data (Date,Open,High,Low,Close,Adj Close,Volume), as UTC days. */
export function yahooBars(name: string): BarColumns {
  const lines = readFileSync(sharedDataFile(name), 'utf8').trim().split(/\r?\n/).slice(1);
  const n = lines.length;
  const bars = columns(n);
  lines.forEach((line, i) => {
    const [date, open, high, low, close, , volume] = line.split(',');
    bars.time[i] = Date.parse(`${date}T00:00:00Z`);
    bars.open[i] = Number(open);
    bars.high[i] = Number(high);
    bars.low[i] = Number(low);
    bars.close[i] = Number(close);
    bars.volume[i] = Number(volume);
  });
  return bars;
}

/**
 * The first `limit` one-minute bars of the Euro Stoxx 50 futures file, whose rows are
 * `date,time,open,high,low,close,volume,openinterest` under a header that omits the time.
 */
export function estxMinuteBars(limit: number): BarColumns {
  const lines = readFileSync(sharedDataFile('estx50-2006-1min.csv'), 'utf8').trim().split(/\r?\n/).slice(1, limit + 1);
  const bars = columns(lines.length);
  lines.forEach((line, i) => {
    const [date, time, open, high, low, close, volume] = line.split(',');
    bars.time[i] = Date.parse(`${date}T${time}Z`);
    bars.open[i] = Number(open);
    bars.high[i] = Number(high);
    bars.low[i] = Number(low);
    bars.close[i] = Number(close);
    bars.volume[i] = Number(volume);
  });
  return bars;
}

/** A deterministic random walk with intraday-like times (1-minute bars), for tests without real data. */
export function walkBars(n: number, seed = 7): BarColumns {
  const bars = columns(n);
  let x = seed;
  const rnd = (): number => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
  let price = 100;
  for (let i = 0; i < n; i++) {
    const open = price;
    const close = Math.max(1, open * (1 + (rnd() - 0.5) * 0.04));
    bars.time[i] = Date.UTC(2024, 0, 2, 9, 30) + i * 60_000;
    bars.open[i] = open;
    bars.close[i] = close;
    bars.high[i] = Math.max(open, close) * (1 + rnd() * 0.01);
    bars.low[i] = Math.min(open, close) * (1 - rnd() * 0.01);
    bars.volume[i] = Math.round(1000 + rnd() * 9000);
    price = close;
  }
  return bars;
}

function columns(n: number): BarColumns {
  return {
    time: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
}

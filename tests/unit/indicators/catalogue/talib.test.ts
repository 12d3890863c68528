import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { BarColumns } from '../../../../src-shared/domain/bars.ts';
import { getIndicator } from '../../../../src-workers/indicators/catalogue/index.ts';
import { sharedDataDir } from '../../../support/shared-data.ts';
import { yahooBars } from './fixtures.ts';

// Library-backed entries against TA-Lib (the C library, as an independent oracle) where TA-Lib
// defines the indicator. `settle` is how many bars an EMA-seeded library value needs before it
// agrees (trading-signals seeds EMAs with the first price, TA-Lib with an SMA: docs/indicators.md).
// Entries whose definition differs on purpose or by the library's choice are listed in the docs.

interface TalibResult {
  begIndex: number;
  result: Record<string, number[]>;
}
const talib = createRequire(import.meta.url)('talib') as { execute(args: Record<string, unknown>): TalibResult };

function ta(bars: BarColumns, name: string, options: Record<string, number>, inputs: Partial<Record<string, Float64Array>> = {}): TalibResult {
  const arr = (a: Float64Array) => Array.from(a);
  return talib.execute({
    name,
    startIdx: 0,
    endIdx: bars.time.length - 1,
    open: arr(bars.open),
    high: arr(inputs.high ?? bars.high),
    low: arr(inputs.low ?? bars.low),
    close: arr(inputs.close ?? bars.close),
    volume: arr(bars.volume),
    inReal: arr(inputs.inReal ?? bars.close),
    ...options,
  });
}

/** [our id, our output, TA-Lib function, its options, its output, bars to settle] */
const CASES: ReadonlyArray<readonly [string, string, string, Record<string, number>, string, number]> = [
  ['dema', 'value', 'DEMA', { optInTimePeriod: 20 }, 'outReal', 300],
  ['tema', 'value', 'TEMA', { optInTimePeriod: 20 }, 'outReal', 300],
  ['trima', 'value', 'TRIMA', { optInTimePeriod: 20 }, 'outReal', 0],
  ['kama', 'value', 'KAMA', { optInTimePeriod: 10 }, 'outReal', 0],
  ['t3', 'value', 'T3', { optInTimePeriod: 5, optInVFactor: 0.7 }, 'outReal', 300],
  ['mom', 'value', 'MOM', { optInTimePeriod: 10 }, 'outReal', 0],
  ['williams-r', 'value', 'WILLR', { optInTimePeriod: 14 }, 'outReal', 0],
  ['mfi', 'value', 'MFI', { optInTimePeriod: 14 }, 'outReal', 0],
  ['ultimate-oscillator', 'value', 'ULTOSC', { optInTimePeriod1: 7, optInTimePeriod2: 14, optInTimePeriod3: 28 }, 'outReal', 0],
  ['aroon', 'up', 'AROON', { optInTimePeriod: 25 }, 'outAroonUp', 0],
  ['aroon', 'down', 'AROON', { optInTimePeriod: 25 }, 'outAroonDown', 0],
  ['natr', 'value', 'NATR', { optInTimePeriod: 14 }, 'outReal', 300],
  ['tr', 'value', 'TRANGE', {}, 'outReal', 0],
  ['ad', 'value', 'AD', {}, 'outReal', 0],
  ['adosc', 'value', 'ADOSC', { optInFastPeriod: 3, optInSlowPeriod: 10 }, 'outReal', 0],
  ['bop', 'value', 'BOP', {}, 'outReal', 0],
  ['ppo', 'value', 'PPO', { optInFastPeriod: 12, optInSlowPeriod: 26, optInMAType: 1 }, 'outReal', 300],
  ['apo', 'value', 'APO', { optInFastPeriod: 12, optInSlowPeriod: 26, optInMAType: 1 }, 'outReal', 300],
  ['linreg', 'value', 'LINEARREG', { optInTimePeriod: 14 }, 'outReal', 0],
  ['tsf', 'value', 'TSF', { optInTimePeriod: 14 }, 'outReal', 0],
  ['linreg-slope', 'value', 'LINEARREG_SLOPE', { optInTimePeriod: 14 }, 'outReal', 0],
  ['psar', 'value', 'SAR', { optInAcceleration: 0.02, optInMaximum: 0.2 }, 'outReal', 0],
  ['trix', 'trix', 'TRIX', { optInTimePeriod: 15 }, 'outReal', 300],
  ['highest-lowest', 'highest', 'MAX', { optInTimePeriod: 20 }, 'outReal', 0],
  ['highest-lowest', 'lowest', 'MIN', { optInTimePeriod: 20 }, 'outReal', 0],
  ['ht-trendline', 'value', 'HT_TRENDLINE', {}, 'outReal', 0],
  ['mama', 'mama', 'MAMA', { optInFastLimit: 0.5, optInSlowLimit: 0.05 }, 'outMAMA', 0],
  ['mama', 'fama', 'MAMA', { optInFastLimit: 0.5, optInSlowLimit: 0.05 }, 'outFAMA', 0],
];

/** Largest difference relative to the series' mean magnitude, from bar `from` on. */
function compare(ours: Float64Array, reference: TalibResult, output: string, from: number): { worst: number; at: number } {
  const values = reference.result[output]!;
  const scale = values.reduce((s, v) => s + Math.abs(v), 0) / values.length || 1;
  let worst = 0;
  let at = -1;
  for (let i = Math.max(from, reference.begIndex); i < ours.length; i++) {
    const diff = Math.abs(ours[i]! - values[i - reference.begIndex]!) / scale;
    if (!(diff <= worst)) {
      worst = diff;
      at = i;
    }
  }
  return { worst, at };
}

describe.skipIf(!sharedDataDir)('library-backed indicators agree with TA-Lib over ORCL daily', () => {
  const bars = sharedDataDir ? yahooBars('orcl-1995-2014.csv') : (null as never);

  it.each(CASES)('%s.%s = TA-Lib %s', (id, output, name, options, taOutput, settle) => {
    const def = getIndicator(id);
    const ours = def.batch(bars, def.params.parse({}))[output]!;
    const reference = ta(bars, name, options);
    // Never a value where TA-Lib has none yet.
    expect(ours.findIndex((v) => !Number.isNaN(v))).toBeGreaterThanOrEqual(reference.begIndex);
    const { worst, at } = compare(ours, reference, taOutput, reference.begIndex + settle);
    expect(worst, `worst at bar ${at}`).toBeLessThan(1e-9);
  });

  it('stoch-rsi is TA-Lib STOCH (14, 3, 3) applied to TA-Lib RSI (14)', () => {
    const def = getIndicator('stoch-rsi');
    const ours = def.batch(bars, def.params.parse({}));
    const rsi = ta(bars, 'RSI', { optInTimePeriod: 14 });
    const rsiColumn = new Float64Array(bars.time.length).fill(0);
    rsiColumn.set(rsi.result.outReal!, rsi.begIndex);
    const tail = (a: Float64Array) => a.subarray(rsi.begIndex);
    const stoch = talib.execute({
      name: 'STOCH',
      startIdx: 0,
      endIdx: bars.time.length - 1 - rsi.begIndex,
      high: Array.from(tail(rsiColumn)),
      low: Array.from(tail(rsiColumn)),
      close: Array.from(tail(rsiColumn)),
      optInFastK_Period: 14,
      optInSlowK_Period: 3,
      optInSlowK_MAType: 0,
      optInSlowD_Period: 3,
      optInSlowD_MAType: 0,
    });
    const offset = rsi.begIndex + stoch.begIndex;
    for (const [out, taOut] of [
      ['k', 'outSlowK'],
      ['d', 'outSlowD'],
    ] as const) {
      const column = ours[out]!;
      expect(column.findIndex((v) => !Number.isNaN(v)), out).toBeGreaterThanOrEqual(offset - (out === 'k' ? 2 : 0));
      for (let i = offset; i < column.length; i++) {
        expect(Math.abs(column[i]! - stoch.result[taOut]![i - offset]!), `${out} at ${i}`).toBeLessThan(1e-9);
      }
    }
  });
});

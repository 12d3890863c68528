import { describe, expect, it } from 'vitest';
import { checkBars, QUALITY_RULES } from '../../../src-workers/quality/index.ts';
import { DAY, makeBars, T0 } from './make-bars.ts';

const rulesOf = (bars: ReturnType<typeof makeBars>) => checkBars(bars).findings.map((f) => [f.index, f.rule, f.field, f.severity]);

describe('integrity rules', () => {
  it('accepts equal OHLC and zero volume', () => {
    const r = checkBars(makeBars([[10, 10, 10, 10, 0], [10, 11, 9, 10.5, 5]]));
    expect(r.findings).toEqual([]);
    expect(r.rejected.length + r.quarantined.length).toBe(0);
  });

  it('flags low above min(open, close) and high below max(open, close)', () => {
    expect(rulesOf(makeBars([[10, 12, 10.5, 11, 1], [10, 10.5, 9, 11, 1]]))).toEqual([
      [0, QUALITY_RULES.ohlcIntegrity, 'low', 'error'],
      [1, QUALITY_RULES.ohlcIntegrity, 'high', 'error'],
    ]);
  });

  it('reports high below low once, naming time, field and values', () => {
    const r = checkBars(makeBars([[10, 9, 11, 10, 1]]));
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ index: 0, time: T0, rule: 'ohlc-integrity', field: 'high', value: 9 });
    expect(r.findings[0]!.message).toBe('2020-01-01 (bar 0): high 9 is below low 11');
    expect(Array.from(r.rejected)).toEqual([0]);
  });

  it('flags NaN, zero, negative and infinite prices, one finding per field, without OHLC noise', () => {
    expect(rulesOf(makeBars([[NaN, 10, 9, 9.5, 1], [10, 10, 9, 0, 1], [10, 10, -1, 9.5, 1], [10, Infinity, 9, 9.5, 1]]))).toEqual([
      [0, 'invalid-price', 'open', 'error'],
      [1, 'invalid-price', 'close', 'error'],
      [2, 'invalid-price', 'low', 'error'],
      [3, 'invalid-price', 'high', 'error'],
    ]);
  });

  it('flags negative and NaN volume', () => {
    const r = checkBars(makeBars([[10, 10, 10, 10, -1], [10, 10, 10, 10, NaN]]));
    expect(r.findings.map((f) => [f.rule, f.value])).toEqual([['invalid-volume', -1], ['invalid-volume', NaN]]);
    expect(r.findings[0]!.message).toBe('2020-01-01 (bar 0): volume -1 is not a finite non-negative number');
  });

  it('flags duplicated and out-of-order times against the latest accepted time', () => {
    const bars = makeBars([[10, 10, 10, 10, 1], [10, 10, 10, 10, 1], [10, 10, 10, 10, 1], [10, 10, 10, 10, 1], [10, 10, 10, 10, 1]]);
    bars.time.set([T0, T0, T0 + 3 * DAY, T0 + 2 * DAY, T0 + 4 * DAY]);
    const r = checkBars(bars);
    expect(r.findings.map((f) => [f.index, f.rule])).toEqual([[1, 'time-order'], [3, 'time-order']]);
    expect(r.findings[0]!.message).toBe("2020-01-01 (bar 1): time duplicates the previous bar's 2020-01-01");
    expect(r.findings[1]!.message).toBe("2020-01-03 (bar 3): time is before the previous bar's 2020-01-04");
  });

  it('flags a NaN time', () => {
    const bars = makeBars([[10, 10, 10, 10, 1], [10, 10, 10, 10, 1]]);
    bars.time[1] = NaN;
    expect(checkBars(bars).findings.map((f) => [f.index, f.rule])).toEqual([[1, 'time-order']]);
  });

  it('rejects columns of different lengths as a bug', () => {
    const bars = makeBars([[10, 10, 10, 10, 1]]);
    bars.volume = new Float64Array(2);
    expect(() => checkBars(bars)).toThrow(/volume has 2 values, time has 1/);
  });
});

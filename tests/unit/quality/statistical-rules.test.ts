import { describe, expect, it } from 'vitest';
import { checkBars, DEFAULT_QUALITY_CONFIG, resolveQualityConfig } from '../../../src-workers/quality/index.ts';
import { RollingRobust } from '../../../src-workers/quality/rolling-robust.ts';
import { calmBars, DAY } from './make-bars.ts';

const found = (bars: ReturnType<typeof calmBars>, ...args: Parameters<typeof checkBars> extends [unknown, ...infer R] ? R : never) =>
  checkBars(bars, ...args).findings.map((f) => [f.index, f.rule]);

describe('rolling median and MAD', () => {
  it('match a brute-force computation over the trailing window', () => {
    const window = new RollingRobust(7);
    const values = [5, 1, 4, 4, 9, -2, 7, 3, 3, 8, 0, 6, 2];
    values.forEach((v, i) => {
      window.push(v);
      const w = values.slice(Math.max(0, i - 6), i + 1).sort((a, b) => a - b);
      const median = (s: number[]) => (s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2);
      const m = median(w);
      expect(window.median()).toBe(m);
      expect(window.mad()).toBe(median(w.map((x) => Math.abs(x - m)).sort((a, b) => a - b)));
    });
  });
});

describe('price jumps', () => {
  it('finds nothing in a calm series', () => {
    expect(found(calmBars(200))).toEqual([]);
  });

  it('flags a one-bar spike once: the return leg is judged from the last accepted close', () => {
    const bars = calmBars(120);
    bars.close[80] = bars.close[80]! * 1.5;
    bars.high[80] = bars.close[80]!;
    const r = checkBars(bars);
    expect(r.findings.map((f) => [f.index, f.rule, f.field, f.severity])).toEqual([[80, 'price-jump', 'close', 'suspect']]);
    expect(r.findings[0]!.message).toMatch(/^2020-03-21 \(bar 80\): close [\d.]+ moved \+5\d\.\d% from [\d.]+ on 2020-03-20 \(robust z \d+\.\d over 63 returns\)$/);
    expect(Array.from(r.quarantined)).toEqual([80]);
    expect(r.rejected.length).toBe(0);
  });

  it('flags a lasting level shift once and then judges from the new level', () => {
    const bars = calmBars(150);
    for (const f of ['open', 'high', 'low', 'close'] as const) for (let i = 90; i < 150; i++) bars[f][i] = bars[f][i]! * 0.75;
    bars.open[90] = bars.close[89]!; // the gap happens within bar 90
    bars.high[90] = Math.max(bars.open[90]!, bars.close[90]!);
    expect(found(bars)).toEqual([[90, 'price-jump']]);
  });

  it('needs both the percent and the z-score: a 5 % move in a calm series is below minPercent', () => {
    const bars = calmBars(120);
    for (let i = 80; i < 120; i++) for (const f of ['open', 'high', 'low', 'close'] as const) bars[f][i] = bars[f][i]! * 1.05;
    bars.low[80] = Math.min(bars.low[80]!, bars.close[79]!);
    bars.open[80] = bars.close[79]!;
    expect(found(bars)).toEqual([]);
    expect(found(bars, { priceJump: { minPercent: 0.04 } })).toEqual([[80, 'price-jump']]);
  });

  it('skips bars with errors and measures the next bar from the last valid close', () => {
    const bars = calmBars(120);
    bars.close[80] = 0;
    expect(found(bars)).toEqual([[80, 'invalid-price']]);
  });

  it('waits for minHistory returns before judging', () => {
    const bars = calmBars(40);
    bars.close[10] = bars.close[10]! * 2;
    bars.high[10] = bars.close[10]!;
    expect(found(bars)).toEqual([]);
    expect(found(bars, { priceJump: { minHistory: 5 } })).toEqual([[10, 'price-jump']]);
  });
});

describe('volume spikes', () => {
  it('flags an upward spike, allows zero volume and can be disabled', () => {
    const bars = calmBars(120);
    bars.volume[70] = 20_000_000;
    bars.volume[90] = 0;
    const r = checkBars(bars);
    expect(r.findings.map((f) => [f.index, f.rule, f.field, f.value])).toEqual([[70, 'volume-spike', 'volume', 20_000_000]]);
    expect(r.findings[0]!.message).toMatch(/volume 20000000 is 2\d\.\d× the trailing median \d+ \(robust z \d+\.\d of log volume over 63 bars\)$/);
    expect(found(bars, { volumeSpike: { enabled: false } })).toEqual([]);
  });
});

describe('freshness', () => {
  const bars = calmBars(10);
  const lastClose = bars.time[9]! + DAY;
  const config = { freshness: { barPeriodMs: DAY, maxStaleBars: 3 } };

  it('passes a feed whose last bar closed within maxStaleBars periods', () => {
    expect(found(bars, config, { now: lastClose + 3 * DAY })).toEqual([]);
  });

  it('flags a stale feed on the last bar without quarantining it', () => {
    const r = checkBars(bars, config, { now: lastClose + 4 * DAY });
    expect(r.findings.map((f) => [f.index, f.rule, f.severity])).toEqual([[9, 'stale', 'suspect']]);
    expect(r.findings[0]!.message).toBe('2020-01-10 (bar 9): last bar is 4.0 bar periods old at 2020-01-15 (limit 3)');
    expect(r.quarantined.length).toBe(0);
  });

  it('is not checked without now or without a bar period', () => {
    expect(found(bars, config)).toEqual([]);
    expect(found(bars, {}, { now: lastClose + 100 * DAY })).toEqual([]);
  });
});

describe('config', () => {
  it('fills defaults and refuses bad values', () => {
    expect(resolveQualityConfig({ priceJump: { minPercent: 0.2 } }).priceJump).toEqual({ ...DEFAULT_QUALITY_CONFIG.priceJump, minPercent: 0.2 });
    expect(() => resolveQualityConfig({ volumeSpike: { window: 2 } })).toThrow();
  });
});

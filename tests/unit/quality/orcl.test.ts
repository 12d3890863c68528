// The acceptance test on real data: the clean ORCL daily file, then a copy with injected faults.
import { describe, expect, it } from 'vitest';
import type { BarColumns } from '../../../src-shared/domain/bars.ts';
import { barAnomalyScores, checkBars, findGaps, type QualityFinding } from '../../../src-workers/quality/index.ts';
import { loadDaily, type DailyBars } from '../indicators/kernels/fixtures.ts';
import { sharedDataDir } from '../../support/shared-data.ts';

const PRICE_JUMPS = ['1995-09-05', '1995-09-15', '1997-12-09', '1999-03-12', '1999-06-16', '2002-03-04', '2004-12-13', '2006-09-20', '2013-03-21', '2013-06-21', '2014-12-18'];
const VOLUME_SPIKES = ['1996-04-09', '1997-12-09', '2000-10-04', '2001-03-02', '2002-03-04', '2011-12-21', '2013-03-21', '2013-06-21', '2013-07-12'];

const key = (f: QualityFinding) => `${f.time}|${f.rule}|${f.field}|${f.severity}`;
const median = (values: ArrayLike<number>) => Array.from(values).sort((a, b) => a - b)[values.length >> 1]!;

/** The clean file's rows `pick` (in that order, copies allowed) as fresh columns. */
function rebuild(b: DailyBars, pick: readonly number[]): BarColumns {
  const col = (c: Float64Array) => Float64Array.from(pick, (i) => c[i]!);
  return { time: col(b.time), open: col(b.open), high: col(b.high), low: col(b.low), close: col(b.close), volume: col(b.volume) };
}

describe.skipIf(!sharedDataDir)('data quality on orcl-1995-2014.csv', () => {
  const clean = sharedDataDir ? loadDaily('orcl-1995-2014.csv') : (undefined as never);
  const cleanReport = sharedDataDir ? checkBars(clean) : (undefined as never);
  const row = (date: string) => {
    const i = clean.date.indexOf(date);
    if (i < 0) throw new Error(`${date} is not in the file`);
    return i;
  };
  const datesOf = (rule: string) => cleanReport.findings.filter((f) => f.rule === rule).map((f) => clean.date[f.index]);

  it('(a) has no impossible bars — confirmed by an independent count over the columns', () => {
    let broken = 0;
    for (let i = 0; i < clean.time.length; i++) {
      const [o, h, l, c, v] = [clean.open[i]!, clean.high[i]!, clean.low[i]!, clean.close[i]!, clean.volume[i]!];
      if (l > Math.min(o, c) || h < Math.max(o, c) || l > h || !(o > 0 && h > 0 && l > 0 && c > 0) || !(v >= 0)) broken++;
      if (i > 0 && clean.time[i]! <= clean.time[i - 1]!) broken++;
    }
    expect(broken).toBe(0);
    expect(cleanReport.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(cleanReport.rejected.length).toBe(0);
  });

  it('(a) finds 11 price jumps and 9 volume spikes on 16 bars, nothing else', () => {
    expect(datesOf('price-jump')).toEqual(PRICE_JUMPS);
    expect(datesOf('volume-spike')).toEqual(VOLUME_SPIKES);
    expect(cleanReport.findings).toHaveLength(20);
    expect(Array.from(cleanReport.quarantined, (i) => clean.date[i])).toEqual([...new Set([...PRICE_JUMPS, ...VOLUME_SPIKES])].sort());
  });

  it('(a) every price jump is a genuine move: heavy volume, the whole bar moved, and the new level holds', () => {
    for (const date of PRICE_JUMPS) {
      const i = row(date);
      const volumeRatio = clean.volume[i]! / median(clean.volume.subarray(i - 63, i));
      expect(volumeRatio, date).toBeGreaterThan(2.5);
      // A bad print moves one field; here the range sits beyond the previous close on the side of the move.
      const up = clean.close[i]! > clean.close[i - 1]!;
      expect(up ? clean.high[i]! > clean.close[i - 1]! * 1.08 : clean.low[i]! < clean.close[i - 1]! * 0.92, date).toBe(true);
      // A spike reverts the next days; a real repricing does not.
      expect(Math.abs(clean.close[i + 5]! / clean.close[i]! - 1), date).toBeLessThan(0.1);
    }
  });

  it('(a) every volume spike is an event, not a one-off volume typo: a big move or a busy next day', () => {
    for (const date of VOLUME_SPIKES) {
      const i = row(date);
      const move = Math.abs(clean.close[i]! / clean.close[i - 1]! - 1);
      const nextDayRatio = clean.volume[i + 1]! / median(clean.volume.subarray(i - 63, i));
      expect(move > 0.05 || nextDayRatio > 1.3, `${date}: move ${move}, next day ${nextDayRatio}× median`).toBe(true);
    }
  });

  it('(a) the only calendar gaps longer than a weekend are the 2001-09-11, 2007-01-02 and 2012 Sandy closures', () => {
    const long: string[] = [];
    for (let i = 1; i < clean.time.length; i++) if (clean.time[i]! - clean.time[i - 1]! > 4 * 86_400_000) long.push(clean.date[i - 1]!);
    expect(long).toEqual(['2001-09-10', '2006-12-29', '2012-10-26']);
  });

  describe('(b) injected faults', () => {
    const SPIKES = ['2003-07-15', '2007-05-16', '2010-08-11'];
    const ZERO_CLOSE = '2005-03-09';
    const NEGATIVE_LOW = '2009-11-04';
    const HIGH_BELOW_LOW = '2012-02-15';
    const DUPLICATED = ['2004-06-09', '2008-01-24'];
    const REMOVED = ['2006-02-07', '2011-05-18'];

    // Source rows in order: removed days left out, duplicated days twice.
    const pick: number[] = [];
    for (let i = 0; i < clean.time.length; i++) {
      if (REMOVED.includes(clean.date[i]!)) continue;
      pick.push(i);
      if (DUPLICATED.includes(clean.date[i]!)) pick.push(i);
    }
    const bars = sharedDataDir ? rebuild(clean, pick) : (undefined as never);
    const at = (date: string) => pick.indexOf(row(date));
    const expected: { index: number; rule: string; field: string }[] = [];
    if (sharedDataDir) {
      for (const d of SPIKES) {
        const i = at(d);
        bars.close[i] = bars.close[i]! * 3;
        bars.high[i] = Math.max(bars.high[i]!, bars.close[i]!); // OHLC stays valid: only the jump rules can see it
        expected.push({ index: i, rule: 'price-jump', field: 'close' });
      }
      bars.close[at(ZERO_CLOSE)] = 0;
      expected.push({ index: at(ZERO_CLOSE), rule: 'invalid-price', field: 'close' });
      bars.low[at(NEGATIVE_LOW)] = -bars.low[at(NEGATIVE_LOW)]!;
      expected.push({ index: at(NEGATIVE_LOW), rule: 'invalid-price', field: 'low' });
      const broken = at(HIGH_BELOW_LOW);
      bars.high[broken] = bars.low[broken]! * 0.98;
      expected.push({ index: broken, rule: 'ohlc-integrity', field: 'high' });
      for (const d of DUPLICATED) expected.push({ index: at(d) + 1, rule: 'time-order', field: 'time' });
      expected.sort((a, b) => a.index - b.index);
    }
    const report = sharedDataDir ? checkBars(bars) : (undefined as never);

    it('finds every injected fault with the right rule, field, bar and time', () => {
      for (const e of expected) {
        const hit = report.findings.find((f) => f.index === e.index && f.rule === e.rule && f.field === e.field);
        expect(hit, `${e.rule} at bar ${e.index}`).toBeDefined();
        expect(hit!.time).toBe(bars.time[e.index]);
      }
      expect(Array.from(report.rejected)).toEqual(expected.filter((e) => e.rule !== 'price-jump').map((e) => e.index));
    });

    it('flags nothing beyond the injected faults and the clean file’s own findings', () => {
      const injected = new Set(expected.map((e) => `${e.index}|${e.rule}|${e.field}`));
      const extra = report.findings.filter((f) => !injected.has(`${f.index}|${f.rule}|${f.field}`));
      expect(extra.map(key)).toEqual(cleanReport.findings.map(key));
    });

    it('lists exactly the removed days as missing against the clean file’s own calendar', () => {
      const gaps = findGaps(bars.time, { times: clean.time });
      expect(Array.from(gaps.missing, (t) => new Date(t).toISOString().slice(0, 10))).toEqual(REMOVED);
      expect(gaps.unexpected.length).toBe(0);
    });

    it('(c) the isolation forest ranks every spiked bar among its top scores', () => {
      const spiked = rebuild(clean, clean.date.map((_, i) => i));
      const spikeRows = SPIKES.map(row);
      for (const i of spikeRows) {
        spiked.close[i] = spiked.close[i]! * 3;
        spiked.high[i] = Math.max(spiked.high[i]!, spiked.close[i]!);
      }
      const scores = barAnomalyScores(spiked, { seed: 11 });
      const ranked = Array.from(scores.keys()).filter((i) => !Number.isNaN(scores[i]!)).sort((a, b) => scores[b]! - scores[a]!);
      // Each spike is two odd bars (up, then back down): the spiked bars are within the top 2 × spikes.
      const top = ranked.slice(0, 2 * SPIKES.length);
      for (const i of spikeRows) expect(top, clean.date[i]).toContain(i);
      for (const i of spikeRows) expect(scores[i]).toBeGreaterThan(0.7);
    });
  });
});

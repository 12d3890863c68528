import type { BarColumns } from '../../src-shared/domain/bars.ts';
import { formatBarTime, QUALITY_RULES, type FindingLog } from './finding.ts';

const PRICE_FIELDS = ['open', 'high', 'low', 'close'] as const;

/**
 * The rules a bar can fail outright — impossible data, severity 'error':
 * finite positive prices, finite non-negative volume, OHLC integrity and strictly increasing times.
 * OHLC integrity is judged only on bars whose four prices are valid, so one bad price gives one
 * finding (its own), not a cascade of comparisons against it.
 */
export function checkIntegrity(bars: BarColumns, log: FindingLog): void {
  const { time, open, high, low, close, volume } = bars;
  // The latest time accepted so far: a bar is judged against it, so after one bar that jumps
  // ahead, the bars behind it are flagged rather than the one that broke the order.
  let lastTime = -Infinity;
  for (let i = 0; i < time.length; i++) {
    const t = time[i]!;
    let pricesValid = true;
    for (const field of PRICE_FIELDS) {
      const p = bars[field][i]!;
      if (Number.isFinite(p) && p > 0) continue;
      pricesValid = false;
      log.add(i, t, QUALITY_RULES.invalidPrice, 'error', field, p, `${field} ${p} is not a finite positive price`);
    }
    const v = volume[i]!;
    if (!(Number.isFinite(v) && v >= 0)) {
      log.add(i, t, QUALITY_RULES.invalidVolume, 'error', 'volume', v, `volume ${v} is not a finite non-negative number`);
    }
    if (pricesValid) checkOhlc(i, t, open[i]!, high[i]!, low[i]!, close[i]!, log);

    if (!Number.isFinite(t)) {
      log.add(i, t, QUALITY_RULES.timeOrder, 'error', 'time', t, `time ${t} is not a finite timestamp`);
    } else if (t <= lastTime) {
      const what = t === lastTime ? 'duplicates' : 'is before';
      log.add(i, t, QUALITY_RULES.timeOrder, 'error', 'time', t, `time ${what} the previous bar's ${formatBarTime(lastTime)}`);
    } else {
      lastTime = t;
    }
  }
}

function checkOhlc(i: number, t: number, o: number, h: number, l: number, c: number, log: FindingLog): void {
  if (l > h) {
    log.add(i, t, QUALITY_RULES.ohlcIntegrity, 'error', 'high', h, `high ${h} is below low ${l}`);
    return; // with high < low every other comparison is noise
  }
  if (l > Math.min(o, c)) {
    log.add(i, t, QUALITY_RULES.ohlcIntegrity, 'error', 'low', l, `low ${l} is above min(open ${o}, close ${c})`);
  }
  if (h < Math.max(o, c)) {
    log.add(i, t, QUALITY_RULES.ohlcIntegrity, 'error', 'high', h, `high ${h} is below max(open ${o}, close ${c})`);
  }
}

/**
 * Freshness of live data: the last bar must close no more than `maxStaleBars` bar periods before
 * `now`. A 'suspect' finding on the last bar — it describes the feed, so it does not quarantine the bar.
 */
export function checkFreshness(time: Float64Array, now: number, barPeriodMs: number, maxStaleBars: number, log: FindingLog): void {
  const last = time.length - 1;
  if (last < 0) return;
  const lastClose = time[last]! + barPeriodMs;
  const staleBars = (now - lastClose) / barPeriodMs;
  if (staleBars > maxStaleBars) {
    log.add(last, time[last]!, QUALITY_RULES.stale, 'suspect', 'time', time[last]!,
      `last bar is ${staleBars.toFixed(1)} bar periods old at ${formatBarTime(now)} (limit ${maxStaleBars})`);
  }
}

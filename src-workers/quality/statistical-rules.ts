import type { BarColumns } from '../../src-shared/domain/bars.ts';
import { formatBarTime, QUALITY_RULES, type FindingLog } from './finding.ts';
import type { QualityConfig } from './quality-config.ts';
import { RollingRobust } from './rolling-robust.ts';

/**
 * Price jumps: a bar is suspect when its close moved at least `minPercent` from the reference close
 * AND the log return's robust z-score (median/MAD of the trailing accepted returns) is at least
 * `minRobustZ` — the percent test ignores moves that are ordinary for a volatile instrument, the
 * z-score test ignores moves too small to matter in a calm one.
 *
 * Bars with an error finding are skipped (they have no trustworthy close), and flagged returns do
 * not enter the window, so a fault does not teach the baseline. The bar after a flagged one is
 * measured from both the flagged close and the last accepted close and judged on the smaller move:
 * the return leg of a one-bar spike is then not a second finding, while after a genuine level shift
 * the next bar is compared with the new level.
 */
export function checkPriceJumps(bars: BarColumns, config: QualityConfig['priceJump'], log: FindingLog): void {
  if (!config.enabled) return;
  const { time, close } = bars;
  const window = new RollingRobust(config.window);
  let previous = -1; // the last bar without an error
  let accepted = -1; // the last bar without an error and not flagged as a jump
  for (let i = 0; i < close.length; i++) {
    if (log.hasError[i]) continue;
    if (previous < 0) {
      previous = accepted = i;
      continue;
    }
    let reference = previous;
    let r = Math.log(close[i]! / close[previous]!);
    if (accepted !== previous) {
      const fromAccepted = Math.log(close[i]! / close[accepted]!);
      if (Math.abs(fromAccepted) < Math.abs(r)) {
        r = fromAccepted;
        reference = accepted;
      }
    }
    let flagged = false;
    if (window.count >= config.minHistory) {
      const z = window.robustZ(r, config.minScale);
      const percent = Math.exp(r) - 1;
      if (Math.abs(percent) >= config.minPercent && Math.abs(z) >= config.minRobustZ) {
        flagged = true;
        const sign = percent > 0 ? '+' : '';
        log.add(i, time[i]!, QUALITY_RULES.priceJump, 'suspect', 'close', close[i]!,
          `close ${close[i]} moved ${sign}${(percent * 100).toFixed(1)}% from ${close[reference]} on ${formatBarTime(time[reference]!)}` +
          ` (robust z ${z.toFixed(1)} over ${window.count} returns)`);
      }
    }
    if (!flagged) {
      window.push(r);
      accepted = i;
    }
    previous = i;
  }
}

/**
 * Volume spikes: robust z-score of log(1 + volume) against the trailing window, upward only (a
 * quiet half-day session is not a data problem). log(1 + v) keeps zero volume — allowed — finite.
 */
export function checkVolumeSpikes(bars: BarColumns, config: QualityConfig['volumeSpike'], log: FindingLog): void {
  if (!config.enabled) return;
  const { time, volume } = bars;
  const window = new RollingRobust(config.window);
  for (let i = 0; i < volume.length; i++) {
    if (log.hasError[i]) continue;
    const x = Math.log1p(volume[i]!);
    if (window.count >= config.minHistory) {
      const z = window.robustZ(x, config.minScale);
      if (z >= config.minRobustZ) {
        const median = window.median();
        log.add(i, time[i]!, QUALITY_RULES.volumeSpike, 'suspect', 'volume', volume[i]!,
          `volume ${volume[i]} is ${Math.exp(x - median).toFixed(1)}× the trailing median ${Math.round(Math.expm1(median))}` +
          ` (robust z ${z.toFixed(1)} of log volume over ${window.count} bars)`);
        continue;
      }
    }
    window.push(x);
  }
}

/** The OHLCV of one bar, the input of {@link microPath}. */
export interface OhlcvBar {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** One state of a bar while it forms; reused between calls when passed back in as `out`. */
export interface FormingBar {
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** The micro-candle path model in words, for the docs and the UI. */
export const MICRO_PATH_RULE =
  'The price path starts at the open, then visits the low and the high in the order the bar implies — ' +
  'a bar that closes at or above its open (bullish) dips to the low first and then rallies to the high; ' +
  'a bar that closes below its open goes to the high first, then to the low — and ends at the close. ' +
  'Steps are spread over the three legs in proportion to their length (every non-empty leg gets at least one step ' +
  'when there are enough), with points linearly interpolated within a leg, so the price moves at an even speed. ' +
  'Volume accrues in proportion to the distance travelled along the path (all at an even rate over time for a flat bar). ' +
  'Each forming bar keeps the open, the running high and low, the path point as close and the cumulative volume; ' +
  'the last one is the bar itself.';

/**
 * The intrabar sequence of `steps` forming bars of `bar` (see {@link MICRO_PATH_RULE}): step 0 is
 * the bar just opened (open = high = low = close, no volume), the last step equals `bar` exactly.
 * With fewer than four steps a path cannot stop at both extremes, so the earlier waypoints are
 * skipped; the last step is still the whole bar.
 *
 * `out` is filled in place (grown when too short) and returned, so a caller that replays many bars
 * allocates nothing per bar or step. Only the first `steps` entries are meaningful.
 */
export function microPath(bar: OhlcvBar, steps: number, out: FormingBar[] = []): FormingBar[] {
  if (!Number.isInteger(steps) || steps < 2) throw new RangeError(`microPath needs at least 2 steps, got ${steps}`);
  while (out.length < steps) out.push({ open: 0, high: 0, low: 0, close: 0, volume: 0 });
  const { open, high, low, close, volume } = bar;
  const bullish = close >= open;
  const a = bullish ? low : high;
  const b = bullish ? high : low;
  const leg1 = Math.abs(a - open);
  const leg2 = Math.abs(b - a);
  const leg3 = Math.abs(close - b);
  const total = leg1 + leg2 + leg3;
  const intervals = steps - 1;
  const [n1, n2] = splitIntervals(intervals, leg1, leg2, leg3);
  const end1 = n1;
  const end2 = n1 + n2;
  const n3 = intervals - end2;

  let runHigh = open;
  let runLow = open;
  for (let i = 0; i < intervals; i++) {
    let price: number;
    let travelled: number;
    if (i === 0) {
      price = open;
      travelled = 0;
    } else if (i <= end1) {
      price = lerp(open, a, i / n1);
      travelled = leg1 * (i / n1);
    } else if (i <= end2) {
      price = lerp(a, b, (i - end1) / n2);
      travelled = leg1 + leg2 * ((i - end1) / n2);
    } else {
      price = lerp(b, close, (i - end2) / n3);
      travelled = leg1 + leg2 + leg3 * ((i - end2) / n3);
    }
    // Interpolation rounding must never poke outside the bar.
    price = Math.min(high, Math.max(low, price));
    if (price > runHigh) runHigh = price;
    if (price < runLow) runLow = price;
    const step = out[i]!;
    step.open = open;
    step.high = runHigh;
    step.low = runLow;
    step.close = price;
    step.volume = total > 0 ? (volume * travelled) / total : (volume * i) / intervals;
  }
  const last = out[intervals]!;
  last.open = open;
  last.high = high;
  last.low = low;
  last.close = close;
  last.volume = volume;
  return out;
}

/** a→b at fraction f, landing exactly on b at f = 1. */
function lerp(a: number, b: number, f: number): number {
  return f >= 1 ? b : a + (b - a) * f;
}

/**
 * Splits `intervals` steps over three legs in proportion to their lengths, at least one per
 * non-empty leg while there are enough; when there are not, the earliest legs go without.
 * Returns the counts of the first two legs (the third gets the rest).
 */
function splitIntervals(intervals: number, l1: number, l2: number, l3: number): [number, number] {
  const total = l1 + l2 + l3;
  if (total === 0) return [0, 0];
  const share = (l: number) => (l > 0 ? Math.max(1, Math.round((intervals * l) / total)) : 0);
  let c1 = share(l1);
  let c2 = share(l2);
  let c3 = share(l3);
  let excess = c1 + c2 + c3 - intervals;
  while (excess > 0) {
    // Take from the leg with most steps that keeps at least one; failing that, drop an early leg.
    if (c1 > 1 || c2 > 1 || c3 > 1) {
      if (c1 >= c2 && c1 >= c3) c1--;
      else if (c2 >= c3) c2--;
      else c3--;
    } else if (c1 > 0) c1--;
    else if (c2 > 0) c2--;
    else c3--;
    excess--;
  }
  while (excess < 0) {
    // Give to the leg furthest below its exact share.
    const d1 = (intervals * l1) / total - c1;
    const d2 = (intervals * l2) / total - c2;
    const d3 = (intervals * l3) / total - c3;
    if (d1 >= d2 && d1 >= d3) c1++;
    else if (d2 >= d3) c2++;
    else c3++;
    excess++;
  }
  return [c1, c2];
}

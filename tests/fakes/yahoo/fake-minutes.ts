/**
 * Deterministic minute prices: a pure function of the symbol and the minute, so that every request
 * (and every test computing what it expects) sees the same market. Slow and fast waves plus a
 * little hash noise; prices rounded to 4 decimals as a feed would send them.
 */

const MINUTE_MS = 60_000;

export interface Ohlcv {
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** FNV-1a of the symbol: the seed of its noise. */
export function symbolSeed(symbol: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < symbol.length; i++) h = Math.imul(h ^ symbol.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A uniform number in [0, 1) from (seed, n, k): a 32-bit integer hash (murmur3's finalizer). */
function noise(seed: number, n: number, k: number): number {
  let h = (seed ^ Math.imul(n | 0, 0x9e3779b1) ^ Math.imul(k + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4_294_967_296;
}

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

function price(seed: number, base: number, minute: number): number {
  const slow = 0.04 * Math.sin((minute * 2 * Math.PI) / (1440 * 9.7));
  const fast = 0.012 * Math.sin((minute * 2 * Math.PI) / 331);
  return base * (1 + slow + fast + 0.003 * (noise(seed, minute, 0) - 0.5));
}

/** The bar of the minute starting at `minuteStart` (ms, a multiple of 60,000). */
export function minuteBar(seed: number, base: number, minuteStart: number): Ohlcv {
  const m = Math.floor(minuteStart / MINUTE_MS);
  const open = round4(price(seed, base, m));
  const close = round4(price(seed, base, m + 1));
  return {
    open,
    close,
    high: round4(Math.max(open, close) * (1 + 0.0006 * noise(seed, m, 1))),
    low: round4(Math.min(open, close) * (1 - 0.0006 * noise(seed, m, 2))),
    volume: 100 + Math.floor(noise(seed, m, 3) * 4_900),
  };
}

/**
 * The minutes in [from, to) that have started by `now`, joined into one bar; null when none has.
 * A minute counts whole from its first instant: the fake's market moves a minute at a time.
 */
export function aggregateMinutes(seed: number, base: number, from: number, to: number, now: number): Ohlcv | null {
  const first = Math.ceil(from / MINUTE_MS) * MINUTE_MS;
  const last = Math.min(to - 1, now);
  if (first > last) return null;
  const bar = minuteBar(seed, base, first);
  for (let t = first + MINUTE_MS; t <= last; t += MINUTE_MS) {
    const m = minuteBar(seed, base, t);
    if (m.high > bar.high) bar.high = m.high;
    if (m.low < bar.low) bar.low = m.low;
    bar.close = m.close;
    bar.volume += m.volume;
  }
  return bar;
}

/** Joins consecutive bars (open of the first, close of the last, extremes, summed volume). */
export function joinBars(bars: readonly Ohlcv[]): Ohlcv | null {
  if (bars.length === 0) return null;
  const out = { ...bars[0]! };
  for (const b of bars.slice(1)) {
    out.high = Math.max(out.high, b.high);
    out.low = Math.min(out.low, b.low);
    out.close = b.close;
    out.volume += b.volume;
  }
  return out;
}

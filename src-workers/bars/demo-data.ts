import { type BarColumns, emptyBars } from '../../src-shared/domain/bars.ts';
import { AppFailure } from '../../src-shared/contract/errors.ts';
import type { AssetClass } from '../../src-shared/domain/instrument.ts';
import { bucketStart, parseTimeframe, timeframeMs, type Timeframe } from '../../src-shared/domain/timeframe.ts';

/** How to generate one series of demo bars; the same spec always gives the same bars. */
export interface DemoBarsSpec {
  readonly seed: number;
  /** Time of the first bar, ms UTC (moved back to the start of its bucket, then past a weekend). */
  readonly start: number;
  readonly count: number;
  readonly timeframe: Timeframe;
  readonly startPrice: number;
  /** Standard deviation of log returns over a year of trading time, e.g. 0.2 for 20 %. */
  readonly annualVolatility: number;
  /** Drift μ of the motion per year of trading time: the expected price grows like e^(μ·t), e.g. 0.05. */
  readonly annualDrift: number;
  /** `weekdays`: no bar opens on a Saturday or Sunday (UTC). Default `always`. */
  readonly session?: 'always' | 'weekdays';
}

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const YEAR_MS = 365.25 * DAY_MS;
/** A day's traded value in the demo, in the instrument's currency; sets the volume scale. */
const DAILY_NOTIONAL = 50_000_000;
const SQRT3 = Math.sqrt(3);

/**
 * Generates `count` bars of demo data: closes follow a geometric Brownian motion, each open is the
 * previous close plus a small gap, wicks enclose open and close, and volume is log-normal (shaped
 * like a U over the UTC day for intraday bars, and busier on big moves). Prices are rounded to
 * 2 decimals, or 4 when `startPrice` < 10. Deterministic for a given spec; no object per bar.
 *
 * @throws AppFailure `VALIDATION_FAILED` for a spec that cannot be generated.
 */
export function generateBars(spec: DemoBarsSpec): BarColumns {
  validate(spec);
  const { count, timeframe, startPrice, annualVolatility, annualDrift } = spec;
  const weekdays = spec.session === 'weekdays';
  const fixedMs = timeframeMs(timeframe);
  const months = parseTimeframe(timeframe)!.count;
  const nominalBarMs = fixedMs ?? (months * YEAR_MS) / 12;
  // Weekend hours carry no variance, so a weekday-only year is 5/7 as long.
  const tradingYearMs = weekdays && nominalBarMs < WEEK_MS ? (YEAR_MS * 5) / 7 : YEAR_MS;
  const dt = nominalBarMs / tradingYearMs;
  const stepSigma = annualVolatility * Math.sqrt(dt);
  const stepDrift = (annualDrift - (annualVolatility * annualVolatility) / 2) * dt;
  const gapSigma = 0.1 * stepSigma;
  const wickSigma = 0.35 * stepSigma;
  const intraday = fixedMs !== null && fixedMs < DAY_MS;
  const tradedShare = weekdays && nominalBarMs >= WEEK_MS ? 5 / 7 : 1;
  const meanVolume = (DAILY_NOTIONAL / startPrice) * (nominalBarMs / DAY_MS) * tradedShare;
  // Whole units where bars trade thousands of them (shares, FX units), else 4 decimals (coins).
  const volumeScale = meanVolume >= 1000 ? 1 : 10_000;
  const priceScale = startPrice < 10 ? 10_000 : 100;
  const minPrice = 1 / priceScale;

  const rng = new Rng(spec.seed);
  const bars = emptyBars(count);
  const { time, open, high, low, close, volume } = bars;

  let t = bucketStart(spec.start, timeframe);
  if (weekdays) t = skipWeekend(t, timeframe, fixedMs);
  // A bar can only open on a weekend once it crosses into a new UTC day.
  let nextDay = (Math.floor(t / DAY_MS) + 1) * DAY_MS;
  let previousClose = startPrice;
  for (let i = 0; i < count; i++) {
    const z = rng.normal();
    const nextClose = previousClose * Math.exp(stepDrift + stepSigma * z);
    // Gaps and wicks are a fraction of a bar's σ, where 1 + x is as good as eˣ and much cheaper.
    const o = roundPrice(previousClose * (1 + gapSigma * rng.roughNormal()), priceScale, minPrice);
    const c = roundPrice(nextClose, priceScale, minPrice);
    const top = o > c ? o : c;
    const bottom = o < c ? o : c;
    const h = roundPrice(top * (1 + wickSigma * Math.abs(rng.roughNormal())), priceScale, minPrice);
    const l = roundPrice(bottom / (1 + wickSigma * Math.abs(rng.roughNormal())), priceScale, minPrice);

    time[i] = t;
    open[i] = o;
    close[i] = c;
    high[i] = h > top ? h : top;
    low[i] = l < bottom ? l : bottom;
    // Log-normal around the mean (σ = 0.5, mean-preserving), busier on big moves (E|z| ≈ 0.8),
    // and U-shaped over the day for intraday bars.
    const profile = intraday ? uShape((t - Math.floor(t / DAY_MS) * DAY_MS) / DAY_MS) : 1;
    const v = meanVolume * profile * (0.8 + 0.25 * Math.abs(z)) * Math.exp(0.5 * rng.normal() - 0.125);
    volume[i] = Math.round(v * volumeScale) / volumeScale;

    previousClose = nextClose;
    t = fixedMs !== null ? t + fixedMs : bucketStart(t + months * 31 * DAY_MS, timeframe);
    if (weekdays && t >= nextDay) {
      t = skipWeekend(t, timeframe, fixedMs);
      nextDay = (Math.floor(t / DAY_MS) + 1) * DAY_MS;
    }
  }
  return bars;
}

/** Relative activity over the UTC day, x in [0, 1): busy at both ends, quiet mid-day; mean 1. */
function uShape(x: number): number {
  const d = 2 * x - 1;
  return 0.4 + 1.8 * d * d; // ∫₀¹ (0.4 + 1.8·(2x−1)²) dx = 0.4 + 0.6 = 1
}

function roundPrice(price: number, scale: number, minPrice: number): number {
  const rounded = Math.round(price * scale) / scale;
  return rounded > minPrice ? rounded : minPrice;
}

/** Day of week of a UTC time: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
function weekday(t: number): number {
  return (((Math.floor(t / DAY_MS) + 4) % 7) + 7) % 7;
}

/** `t` if it opens on a weekday, else the first bar of `tf` that opens on the following Monday or later. */
function skipWeekend(t: number, tf: Timeframe, fixedMs: number | null): number {
  if (fixedMs === null || fixedMs >= WEEK_MS) return t;
  // Multi-day bars off the Monday grid may land on a weekend again; at most a few rounds.
  for (let dow = weekday(t); dow === 0 || dow === 6; dow = weekday(t)) {
    const monday = (Math.floor(t / DAY_MS) + (dow === 6 ? 2 : 1)) * DAY_MS;
    const aligned = bucketStart(monday, tf);
    t = aligned === monday ? monday : aligned + fixedMs;
  }
  return t;
}

function validate(spec: DemoBarsSpec): void {
  const problems: string[] = [];
  if (!parseTimeframe(spec.timeframe)) problems.push(`timeframe "${spec.timeframe}" is not a timeframe`);
  if (!Number.isInteger(spec.count) || spec.count < 0) problems.push(`count ${spec.count} is not a whole number ≥ 0`);
  if (!Number.isFinite(spec.start)) problems.push(`start ${spec.start} is not a time`);
  if (!(spec.startPrice > 0) || !Number.isFinite(spec.startPrice)) problems.push(`startPrice ${spec.startPrice} is not > 0`);
  if (!(spec.annualVolatility >= 0) || !Number.isFinite(spec.annualVolatility)) {
    problems.push(`annualVolatility ${spec.annualVolatility} is not ≥ 0`);
  }
  if (!Number.isFinite(spec.annualDrift)) problems.push(`annualDrift ${spec.annualDrift} is not a number`);
  if (problems.length > 0) {
    throw new AppFailure('VALIDATION_FAILED', `Cannot generate demo bars: ${problems.join('; ')}`, { spec });
  }
}

/** Seeded randomness: mulberry32 uniforms, Box–Muller normals (the second of each pair is kept for the next call). */
class Rng {
  private state: number;
  private spare = 0;
  private hasSpare = false;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let a = (this.state = (this.state + 0x6d2b79f5) | 0);
    a = Math.imul(a ^ (a >>> 15), a | 1);
    a ^= a + Math.imul(a ^ (a >>> 7), a | 61);
    return ((a ^ (a >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** Irwin–Hall: the sum of four uniforms scaled to σ = 1; within ±3.5, cheap; for gaps and wicks. */
  roughNormal(): number {
    return (this.next() + this.next() + this.next() + this.next() - 2) * SQRT3;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - this.next()));
    const angle = 2 * Math.PI * this.next();
    this.spare = radius * Math.sin(angle);
    this.hasSpare = true;
    return radius * Math.cos(angle);
  }
}

/** A demo instrument of the first-run workspace; its bars are generated, and labelled so in its name. */
export interface DemoInstrument {
  readonly symbol: string;
  readonly name: string;
  readonly assetClass: AssetClass;
  readonly currency: string;
  readonly tickSize: number;
  readonly lotSize: number;
  readonly timeframe: Timeframe;
  readonly bars: DemoBarsSpec;
}

const tf = (text: string) => text as Timeframe;

/** The demo workspace's instruments; fixed times and seeds, so every install sees the same data. */
export const DEMO_INSTRUMENTS: readonly DemoInstrument[] = freezeAll([
  {
    symbol: 'DEMO-EQ',
    name: 'Demo Equity (generated data)',
    assetClass: 'stock',
    currency: 'USD',
    tickSize: 0.01,
    lotSize: 1,
    timeframe: tf('1d'),
    // Monday 2015-01-05, ten years of weekdays.
    bars: { seed: 11, start: Date.UTC(2015, 0, 5), count: 2609, timeframe: tf('1d'), startPrice: 100, annualVolatility: 0.25, annualDrift: 0.08, session: 'weekdays' },
  },
  {
    symbol: 'DEMO-IDX',
    name: 'Demo Index (generated data)',
    assetClass: 'index',
    currency: 'USD',
    tickSize: 0.01,
    lotSize: 1,
    timeframe: tf('1d'),
    bars: { seed: 19, start: Date.UTC(2015, 0, 5), count: 2609, timeframe: tf('1d'), startPrice: 4000, annualVolatility: 0.16, annualDrift: 0.06, session: 'weekdays' },
  },
  {
    symbol: 'DEMO-FX',
    name: 'Demo EUR/USD-like pair (generated data)',
    assetClass: 'forex',
    currency: 'USD',
    tickSize: 0.0001,
    lotSize: 1000,
    timeframe: tf('1h'),
    // Monday 2023-01-02, two years of weekday hours.
    bars: { seed: 10, start: Date.UTC(2023, 0, 2), count: 2 * 261 * 24, timeframe: tf('1h'), startPrice: 1.1, annualVolatility: 0.08, annualDrift: 0, session: 'weekdays' },
  },
  {
    symbol: 'DEMO-BTC',
    name: 'Demo Bitcoin-like coin (generated data)',
    assetClass: 'crypto',
    currency: 'USD',
    tickSize: 0.01,
    lotSize: 0.0001,
    timeframe: tf('1m'),
    // 60 days of minutes, around the clock, from 2024-01-01.
    bars: { seed: 9, start: Date.UTC(2024, 0, 1), count: 60 * 1440, timeframe: tf('1m'), startPrice: 42_000, annualVolatility: 0.6, annualDrift: 0.3, session: 'always' },
  },
]);

function freezeAll(list: DemoInstrument[]): readonly DemoInstrument[] {
  for (const item of list) Object.freeze(Object.freeze(item).bars);
  return Object.freeze(list);
}

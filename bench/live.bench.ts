import { BarBuilder } from '../src-workers/live/bar-builder.ts';
import { medianMs, type BenchResult } from './measure.ts';

const TIMEFRAMES = ['1m', '5m', '15m', '1h', '4h', '1d'];
const START = Date.UTC(2024, 0, 1);

/** A seeded random walk of trades, generated before timing so only the builder is measured. */
function trades(count: number, minGapMs: number, maxGapMs: number, seed: number) {
  let s = seed >>> 0;
  const random = () => ((s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0) / 4_294_967_296);
  const time = new Float64Array(count);
  const price = new Float64Array(count);
  const size = new Float64Array(count);
  let t = START;
  let p = 100;
  for (let i = 0; i < count; i++) {
    t += minGapMs + (maxGapMs - minGapMs) * random();
    p = Math.max(0.01, p * (1 + (random() - 0.5) * 0.001));
    time[i] = Math.floor(t);
    price[i] = p;
    size[i] = 1 + Math.floor(random() * 100);
  }
  return { time, price, size };
}

/**
 * The live tick → bar builder (issue "Live market data", item 4): trades per second through one
 * builder of six timeframes, and how long after the call that closes a period the completed bars
 * of every timeframe that closed reach the caller.
 */
export function benchLive(): BenchResult[] {
  const n = 5_000_000;
  const feed = trades(n, 10, 50, 1);
  let bars = 0;
  const runs = 5;
  const ms = medianMs(runs, () => {
    bars = 0;
    const b = new BarBuilder({ timeframes: TIMEFRAMES, onBars: (events) => (bars += events.length) });
    for (let i = 0; i < n; i++) b.push(feed.time[i]!, feed.price[i]!, feed.size[i]!);
  });
  const rate = n / (ms / 1000);

  // Sparse trades (2–8 s apart) so that a period closes every few calls; half the closes come from
  // a timer's advanceTo at the period end, the other half from the first trade after it.
  const sparse = trades(400_000, 2_000, 8_000, 2);
  const latencies: number[] = [];
  let called = 0;
  const b = new BarBuilder({
    timeframes: TIMEFRAMES,
    onBars: () => latencies.push(performance.now() - called),
  });
  for (let i = 0; i < sparse.time.length; i++) {
    const next = b.nextCloseAt();
    if (next !== null && i % 2 === 0 && next <= sparse.time[i]!) {
      called = performance.now();
      b.advanceTo(next);
    }
    called = performance.now();
    b.push(sparse.time[i]!, sparse.price[i]!, sparse.size[i]!);
  }
  latencies.sort((x, y) => x - y);
  const p99 = latencies[Math.floor(latencies.length * 0.99)]!;
  console.log(
    `\ntick → bar, 6 timeframes: ${n.toLocaleString('en-US')} trades in ${ms.toFixed(1)} ms (${bars.toLocaleString('en-US')} bars per run); ` +
      `completion latency over ${latencies.length.toLocaleString('en-US')} closes: p50 ${(latencies[latencies.length >> 1]! * 1000).toFixed(1)} µs, ` +
      `p99 ${(p99 * 1000).toFixed(1)} µs, max ${(latencies[latencies.length - 1]! * 1000).toFixed(1)} µs`,
  );
  return [
    { name: 'tick → bar, 6 timeframes', value: rate, unit: 'trades/s', target: '≥ 2,000,000', pass: rate >= 2_000_000, runs },
    { name: 'bar completion latency p99', value: p99, unit: 'ms', target: '≤ 1', pass: p99 <= 1, runs: latencies.length },
  ];
}

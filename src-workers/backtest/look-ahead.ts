import type { BarColumns } from '../../src-shared/domain/bars.ts';
import { sliceBars } from '../../src-shared/domain/bars.ts';
import type { Order } from './orders.ts';
import { simulate, type BacktestRequest } from './run.ts';

/** One difference between the full run and a run on a truncated history. */
export interface LookAheadFinding {
  /** The truncated history ended before this bar (bars [0, cut) were given). */
  cut: number;
  kind: 'order' | 'fill';
  barIndex: number;
  time: number;
  full: string;
  truncated: string;
}

export interface LookAheadReport {
  cuts: number[];
  findings: LookAheadFinding[];
  /** True when no signal or fill changed: the strategy used nothing from the future. */
  clean: boolean;
}

/**
 * Re-runs the strategy on histories cut short and compares what it did before each cut with the
 * full run: every order placed (a signal) and every fill on bars before the cut must be the same.
 * A strategy that peeks at later bars — an indicator column read at i + 1, a centred filter, a
 * normalisation over the whole series — acts differently once those bars are gone, and the first
 * difference per cut is reported with its bar.
 */
export function lookAheadCheck(req: BacktestRequest, cutCount = 8): LookAheadReport {
  const n = req.bars.close.length;
  const full = simulate(req).engine;
  const cuts = cutPoints(n, cutCount);
  const findings: LookAheadFinding[] = [];
  for (const cut of cuts) {
    const truncated = simulate({ ...req, bars: sliceBars(req.bars, 0, cut), onProgress: undefined, shouldStop: undefined }).engine;
    const order = firstDifference(
      full.orders.filter((o) => o.placedIndex < cut).map((o) => [o.placedIndex, describeOrder(o)] as const),
      truncated.orders.map((o) => [o.placedIndex, describeOrder(o)] as const),
    );
    if (order) findings.push({ cut, kind: 'order', ...order, time: timeAt(req.bars, order.barIndex) });
    const fill = firstDifference(
      full.fills.filter((f) => f.barIndex < cut).map((f) => [f.barIndex, `${f.side} ${f.qty} @ ${f.price}`] as const),
      truncated.fills.map((f) => [f.barIndex, `${f.side} ${f.qty} @ ${f.price}`] as const),
    );
    if (fill) findings.push({ cut, kind: 'fill', ...fill, time: timeAt(req.bars, fill.barIndex) });
  }
  return { cuts, findings, clean: findings.length === 0 };
}

/** Cut points spread over the second half-and-more of the history (warm-ups need the start). */
function cutPoints(n: number, count: number): number[] {
  const cuts = new Set<number>();
  for (let k = 1; k <= count; k++) {
    const cut = Math.floor(n * (0.3 + (0.7 * k) / (count + 1)));
    if (cut >= 2 && cut < n) cuts.add(cut);
  }
  return [...cuts];
}

/** An order as placed (a trailing stop by its trail: its stop moves with later bars). */
function describeOrder(o: Order): string {
  const stop = o.type === 'trailing-stop' ? priceText('trail', Number.isNaN(o.trailAmount) ? o.trailPercent : o.trailAmount) : priceText('stop', o.stop);
  return `${o.side} ${o.type} ${o.requestedQty ?? 'sized'}${priceText('limit', o.limit)}${stop}${o.tag ? ` [${o.tag}]` : ''}`;
}

function priceText(label: string, v: number): string {
  return Number.isNaN(v) ? '' : ` ${label} ${v}`;
}

function firstDifference(
  full: readonly (readonly [number, string])[],
  truncated: readonly (readonly [number, string])[],
): { barIndex: number; full: string; truncated: string } | null {
  const length = Math.max(full.length, truncated.length);
  for (let k = 0; k < length; k++) {
    const a = full[k];
    const b = truncated[k];
    if (a && b && a[0] === b[0] && a[1] === b[1]) continue;
    return { barIndex: Math.min(a?.[0] ?? Infinity, b?.[0] ?? Infinity), full: a ? `bar ${a[0]}: ${a[1]}` : 'nothing', truncated: b ? `bar ${b[0]}: ${b[1]}` : 'nothing' };
  }
  return null;
}

function timeAt(bars: BarColumns, i: number): number {
  return bars.time[Math.min(i, bars.time.length - 1)]!;
}

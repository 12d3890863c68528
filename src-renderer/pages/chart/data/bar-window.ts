import type { BarColumns } from '../../../../src-shared/domain/bars.ts';

/** One bar as the chart holds it; `time` in ms since the epoch (UTC). */
export interface Bar {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** Indicator values aligned with a list of bars: key → output id → one number per bar (NaN: none). */
export type AlignedValues = Map<string, Map<string, number[]>>;

/** A block of consecutive bars from the core, with the indicator values at the same bars. */
export interface Block {
  readonly bars: Bar[];
  readonly values: AlignedValues;
}

/** How a change moved the bars already shown, so the view can stay where it was. */
export interface WindowShift {
  /** Bars added before the first one (their logical indexes moved right by this). */
  readonly addedLeft: number;
  readonly droppedLeft: number;
  readonly addedRight: number;
  readonly droppedRight: number;
}

export function barsFromColumns(columns: BarColumns): Bar[] {
  const bars = new Array<Bar>(columns.time.length);
  for (let i = 0; i < bars.length; i++) {
    bars[i] = {
      time: columns.time[i]!,
      open: columns.open[i]!,
      high: columns.high[i]!,
      low: columns.low[i]!,
      close: columns.close[i]!,
      volume: columns.volume[i]!,
    };
  }
  return bars;
}

/**
 * Values of one column computed at `valueTimes`, placed at the bars with the same time
 * (NaN where the bar has no value): the two lists need not start or end together.
 */
export function alignColumn(bars: readonly Bar[], valueTimes: ArrayLike<number>, column: ArrayLike<number>): number[] {
  const out = new Array<number>(bars.length).fill(NaN);
  let j = 0;
  for (let i = 0; i < bars.length; i++) {
    const t = bars[i]!.time;
    while (j < valueTimes.length && valueTimes[j]! < t) j++;
    if (j < valueTimes.length && valueTimes[j] === t) out[i] = column[j]!;
  }
  return out;
}

/**
 * The bars a chart holds: a contiguous slice of the history near what is on screen, never more
 * than `max` bars, with the values of every indicator at the same bars. Older blocks are prepended
 * as the user scrolls back; the far side is dropped past `max` and loaded again when needed.
 */
export class BarWindow {
  bars: Bar[] = [];
  values: AlignedValues = new Map();
  /** The first bar is the first of the whole history. */
  atStart = false;
  /** The last bar is the newest there is (live updates may extend it). */
  atEnd = false;

  constructor(readonly max: number) {}

  get length(): number {
    return this.bars.length;
  }

  get firstTime(): number | null {
    return this.bars.length ? this.bars[0]!.time : null;
  }

  get lastTime(): number | null {
    return this.bars.length ? this.bars[this.bars.length - 1]!.time : null;
  }

  reset(block: Block, atStart: boolean, atEnd: boolean): void {
    this.bars = block.bars.slice(-this.max);
    const cut = block.bars.length - this.bars.length;
    this.values = new Map();
    for (const [key, outputs] of block.values) this.values.set(key, mapOutputs(outputs, (v) => v.slice(cut)));
    this.atStart = atStart && cut === 0;
    this.atEnd = atEnd;
  }

  /** Adds an older block before the first bar; drops the newest bars past `max`. */
  prepend(block: Block, reachedStart: boolean): WindowShift {
    const first = this.firstTime ?? Infinity;
    let n = block.bars.length;
    while (n > 0 && block.bars[n - 1]!.time >= first) n--;
    const keys = this.keys(block);
    const total = n + this.bars.length;
    const drop = Math.max(0, total - this.max);
    this.bars = [...block.bars.slice(0, n), ...this.bars].slice(0, total - drop);
    for (const key of keys) {
      const outputs = this.outputsOf(key, block);
      const merged = new Map<string, number[]>();
      for (const id of outputs) {
        const older = block.values.get(key)?.get(id)?.slice(0, n) ?? new Array<number>(n).fill(NaN);
        const newer = this.values.get(key)?.get(id) ?? [];
        merged.set(id, [...older, ...padTo(newer, total - n)].slice(0, total - drop));
      }
      this.values.set(key, merged);
    }
    this.atStart = reachedStart;
    if (drop > 0) this.atEnd = false;
    return { addedLeft: n, droppedLeft: 0, addedRight: 0, droppedRight: drop };
  }

  /** Adds a newer block after the last bar; drops the oldest bars past `max`. */
  append(block: Block, reachedEnd: boolean): WindowShift {
    const last = this.lastTime ?? -Infinity;
    let skip = 0;
    while (skip < block.bars.length && block.bars[skip]!.time <= last) skip++;
    const n = block.bars.length - skip;
    const keys = this.keys(block);
    const total = this.bars.length + n;
    const drop = Math.max(0, total - this.max);
    const before = this.bars.length;
    this.bars = [...this.bars, ...block.bars.slice(skip)].slice(drop);
    for (const key of keys) {
      const outputs = this.outputsOf(key, block);
      const merged = new Map<string, number[]>();
      for (const id of outputs) {
        const older = padTo(this.values.get(key)?.get(id) ?? [], before);
        const newer = block.values.get(key)?.get(id)?.slice(skip) ?? new Array<number>(n).fill(NaN);
        merged.set(id, [...older, ...newer].slice(drop));
      }
      this.values.set(key, merged);
    }
    this.atEnd = reachedEnd;
    if (drop > 0) this.atStart = false;
    return { addedLeft: 0, droppedLeft: drop, addedRight: n, droppedRight: 0 };
  }

  /**
   * A live bar: the same time as the last bar replaces it, a later one is appended. An older bar
   * is ignored (returns false). Indicator values come with it (null: still warming up).
   */
  upsert(bar: Bar, values: Record<string, Record<string, number | null>>): 'replaced' | 'appended' | false {
    const last = this.lastTime;
    if (last !== null && bar.time < last) return false;
    const replace = last === bar.time;
    if (replace) this.bars[this.bars.length - 1] = bar;
    else this.bars.push(bar);
    for (const [key, outputs] of this.values) {
      for (const [id, column] of outputs) {
        const value = values[key]?.[id];
        const v = value === null || value === undefined ? NaN : value;
        if (replace) column[column.length - 1] = v;
        else column.push(v);
      }
    }
    return replace ? 'replaced' : 'appended';
  }

  /** Drops the `n` oldest bars (a long live session); the view moves left by as many. */
  dropOldest(n: number): WindowShift {
    const drop = Math.min(n, this.bars.length);
    this.bars = this.bars.slice(drop);
    for (const outputs of this.values.values()) for (const [id, column] of outputs) outputs.set(id, column.slice(drop));
    if (drop > 0) this.atStart = false;
    return { addedLeft: 0, droppedLeft: drop, addedRight: 0, droppedRight: 0 };
  }

  /** Replaces (or adds) one indicator's values, aligned with the bars held now. */
  setValues(key: string, valueTimes: ArrayLike<number>, outputs: Record<string, ArrayLike<number>>): void {
    this.values.set(key, mapOutputs(new Map(Object.entries(outputs)), (column) => alignColumn(this.bars, valueTimes, column)));
  }

  removeValues(key: string): void {
    this.values.delete(key);
  }

  /** Index of the bar at `time`, or of the last bar before it (−1 before the first). */
  indexAtOrBefore(time: number): number {
    let lo = 0;
    let hi = this.bars.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.bars[mid]!.time <= time) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  private keys(block: Block): Set<string> {
    return new Set([...this.values.keys(), ...block.values.keys()]);
  }

  private outputsOf(key: string, block: Block): Set<string> {
    return new Set([...(this.values.get(key)?.keys() ?? []), ...(block.values.get(key)?.keys() ?? [])]);
  }
}

function mapOutputs<A, B>(outputs: Map<string, A>, f: (column: A) => B): Map<string, B> {
  const out = new Map<string, B>();
  for (const [id, column] of outputs) out.set(id, f(column));
  return out;
}

function padTo(column: number[], length: number): number[] {
  return column.length >= length ? column : [...column, ...new Array<number>(length - column.length).fill(NaN)];
}

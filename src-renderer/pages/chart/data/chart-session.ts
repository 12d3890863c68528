import type { IndicatorRequestSchema } from '../../../../src-shared/contract/indicators.contract.ts';
import type { BarUpdate } from '../../../../src-shared/domain/chart.ts';
import type { Instrument } from '../../../../src-shared/domain/instrument.ts';
import { bucketStart, nominalMs, timeframeMs, type Timeframe } from '../../../../src-shared/domain/timeframe.ts';
import type { Client } from '../../../client/client.ts';
import type { ChartController, ViewAfter } from '../controller/chart-controller.ts';
import { alignColumn, barsFromColumns, BarWindow, type AlignedValues, type Block } from './bar-window.ts';
import { historyBounds } from './timeframes.ts';
import type { z } from 'zod';

export type IndicatorRequest = z.input<typeof IndicatorRequestSchema>;

/** Bars fetched per request, and the most the chart holds at once. */
export const BLOCK_BARS = 5_000;
export const MAX_BARS = 20_000;
/** Load the next block once the view is this many bars from the edge of what is loaded. */
const PREFETCH_BARS = 800;
/** Bars on screen after opening a chart or jumping to an end. */
const INITIAL_VIEW = 160;

export interface SessionStatus {
  readonly loading: boolean;
  readonly loaded: number;
  readonly first: number | null;
  readonly last: number | null;
  readonly atStart: boolean;
  readonly atEnd: boolean;
  readonly resampledFrom: string | null;
  /** Set once the chart's symbol could not be read at all. */
  readonly error: string | null;
}

interface Target {
  readonly instrument: Instrument;
  readonly timeframe: Timeframe;
}

type Range = { from?: number; to?: number; limit?: number };

/**
 * Feeds one chart from the core: the newest block first, older blocks as the view nears the left
 * edge, newer ones when coming back, indicator values for exactly the bars held, and live bars.
 * Never more than {@link MAX_BARS} bars are held, whatever the length of the history.
 */
export class ChartSession {
  readonly window = new BarWindow(MAX_BARS);
  private target: Target | null = null;
  private indicators: IndicatorRequest[] = [];
  private generation = 0;
  private busy = false;
  /** A new window was handed to the chart and its view is not drawn yet. */
  private settling = false;
  private settleFrame = 0;
  private live = false;
  private resampledFrom: string | null = null;
  private error: string | null = null;
  private listeners = new Set<(status: SessionStatus) => void>();

  constructor(
    private readonly client: Client,
    private readonly controller: ChartController,
  ) {}

  /** Stops applying answers still in flight (the page is closing). */
  dispose(): void {
    cancelAnimationFrame(this.settleFrame);
    this.generation++;
    this.target = null;
    this.listeners.clear();
  }

  onStatus(listener: (status: SessionStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get status(): SessionStatus {
    const w = this.window;
    return {
      loading: this.busy,
      loaded: w.length,
      first: w.firstTime,
      last: w.lastTime,
      atStart: w.atStart,
      atEnd: w.atEnd,
      resampledFrom: this.resampledFrom,
      error: this.error,
    };
  }

  get isLive(): boolean {
    return this.live;
  }

  /** Shows the newest bars of an instrument at a timeframe. */
  async open(instrument: Instrument, timeframe: Timeframe, indicators: readonly IndicatorRequest[]): Promise<void> {
    this.target = { instrument, timeframe };
    this.indicators = [...indicators];
    this.live = false;
    await this.reload({ limit: BLOCK_BARS }, { latest: INITIAL_VIEW }, true);
  }

  /** The newest bars again (End). */
  async jumpToEnd(): Promise<void> {
    if (this.live) return;
    await this.reload({ limit: BLOCK_BARS }, { latest: INITIAL_VIEW }, true);
  }

  /** The first bars of the history (Home), without walking through everything in between. */
  async jumpToStart(): Promise<void> {
    const target = this.target;
    if (!target || this.live) return;
    const bounds = historyBounds(target.instrument, target.timeframe);
    if (!bounds) return;
    const from = bucketStart(bounds.first, target.timeframe);
    // A block's worth of time; widened when the start of the history is sparse (gaps, weekends).
    let span = BLOCK_BARS * nominalMs(target.timeframe);
    for (let attempt = 0; attempt < 4; attempt++, span *= 4) {
      const to = Math.min(from + span, bounds.last);
      const done = await this.reload({ from, to }, { first: INITIAL_VIEW }, to >= bounds.last, true);
      if (done !== 'empty' || to >= bounds.last) return;
    }
  }

  /**
   * Shows the bars from `from` to `to` (a trade, entry to exit) with `pad` bars either side, loading
   * a block of history around them when the window does not hold them already.
   */
  async showSpan(from: number, to: number, pad = 20): Promise<void> {
    const target = this.target;
    if (!target) return;
    const view = { span: [from, to] as const, pad };
    const w = this.window;
    if (w.firstTime !== null && w.lastTime !== null && from >= w.firstTime && to <= w.lastTime) {
      this.controller.placeView(view);
      this.settle();
      return;
    }
    const bounds = historyBounds(target.instrument, target.timeframe);
    if (!bounds) return;
    // Half a block before the span and the rest after it, so scrolling either way stays smooth.
    const step = nominalMs(target.timeframe);
    const start = Math.max(bounds.first, from - (BLOCK_BARS / 2) * step);
    const end = Math.min(bounds.last, Math.max(to, start + BLOCK_BARS * step));
    await this.reload({ from: start, to: end }, view, end >= bounds.last, start <= bounds.first);
  }

  /** History up to `time` (inclusive), for a replay that reveals what follows bar by bar. */
  async enterLive(time: number): Promise<void> {
    this.live = true;
    await this.reload({ to: time, limit: BLOCK_BARS }, { latest: INITIAL_VIEW }, true);
  }

  /** Back to the stored history after a replay. */
  async leaveLive(): Promise<void> {
    this.live = false;
    await this.jumpToEnd();
  }

  /**
   * Indicators changed: values of new or re-configured ones are computed for the bars held,
   * values of removed ones dropped. Returns once the new values are drawn.
   */
  async setIndicators(indicators: readonly IndicatorRequest[]): Promise<void> {
    const before = new Map(this.indicators.map((i) => [i.key, JSON.stringify(i.config)]));
    const changed = indicators.filter((i) => before.get(i.key) !== JSON.stringify(i.config));
    const keys = new Set(indicators.map((i) => i.key));
    for (const key of before.keys()) if (!keys.has(key)) this.window.removeValues(key);
    for (const i of changed) this.window.removeValues(i.key);
    this.indicators = [...indicators];
    const target = this.target;
    const first = this.window.firstTime;
    const last = this.window.lastTime;
    if (!target || changed.length === 0 || first === null || last === null) return;
    const generation = this.generation;
    const result = await this.compute(target, { from: first, to: last }, changed);
    if (!result || generation !== this.generation) return;
    for (const r of result.results) {
      this.window.setValues(r.key, result.time, r.outputs);
      this.controller.refreshIndicator(r.key);
    }
  }

  /** Called on every change of the visible range: loads the neighbouring block when it is near. */
  checkRange(): void {
    const range = this.controller.visibleRange();
    if (!range || this.settling || this.busy || !this.target || this.window.length === 0) return;
    if (range.from < PREFETCH_BARS && !this.window.atStart) void this.loadOlder();
    else if (range.to > this.window.length - PREFETCH_BARS && !this.window.atEnd && !this.live) void this.loadNewer();
  }

  /** Live bars, one per bar time, in order (already coalesced to one frame's worth). */
  applyUpdates(updates: readonly BarUpdate[]): void {
    let drawn = false;
    for (const u of updates) {
      const bar = { time: u.time, open: u.open, high: u.high, low: u.low, close: u.close, volume: u.volume };
      const result = this.window.upsert(bar, u.indicators);
      if (result) {
        this.controller.updateLast();
        drawn = true;
      }
    }
    // A long replay grows the window; drop the oldest block now and then.
    if (this.window.length > MAX_BARS + BLOCK_BARS) {
      const shift = this.window.dropOldest(this.window.length - MAX_BARS);
      this.draw({ keep: shift });
      this.settle();
    }
    if (drawn) this.emit();
  }

  private async loadOlder(): Promise<void> {
    const target = this.target;
    const first = this.window.firstTime;
    if (!target || first === null) return;
    const generation = this.generation;
    let loaded = false;
    this.busy = true;
    this.emit();
    try {
      const block = await this.fetch(target, { to: first - 1, limit: BLOCK_BARS });
      if (!block || generation !== this.generation) return;
      const shift = this.window.prepend(block, block.bars.length < BLOCK_BARS);
      this.draw({ keep: shift });
      loaded = true;
    } finally {
      if (generation === this.generation) this.busy = false;
      this.emit();
    }
    // The view may still be near the edge (a fast drag): keep going once it is drawn. A failure waits for the next scroll.
    if (loaded) this.settle();
  }

  private async loadNewer(): Promise<void> {
    const target = this.target;
    const last = this.window.lastTime;
    if (!target || last === null) return;
    const bounds = historyBounds(target.instrument, target.timeframe);
    // At most a block: the shortest a bar can be (a month is at least 28 days) times the block size.
    const span = BLOCK_BARS * (timeframeMs(target.timeframe) ?? nominalMs(target.timeframe) * (28 / 30));
    const generation = this.generation;
    let loaded = false;
    this.busy = true;
    this.emit();
    try {
      // Bars after the last one held: a time span of about a block, widened over gaps.
      let block: Block | null = null;
      let to = last;
      for (let attempt = 0; attempt < 4; attempt++) {
        to = last + span * 4 ** attempt;
        block = await this.fetch(target, { from: last + 1, to });
        if (!block || block.bars.length > 0 || (bounds && to >= bounds.last)) break;
      }
      if (!block || generation !== this.generation) return;
      const reachedEnd = block.bars.length === 0 || (bounds !== null && to >= bounds.last);
      const shift = this.window.append(block, reachedEnd);
      this.draw({ keep: shift });
      loaded = true;
    } finally {
      if (generation === this.generation) this.busy = false;
      this.emit();
    }
    if (loaded) this.settle();
  }

  /** Replaces everything held with one block; 'empty' when the range held no bars. */
  private async reload(range: Range, view: ViewAfter, atEnd: boolean, atStart = false): Promise<'done' | 'empty' | 'stale'> {
    const target = this.target;
    if (!target) return 'stale';
    const generation = ++this.generation;
    this.busy = true;
    this.emit();
    try {
      const block = await this.fetch(target, range);
      if (generation !== this.generation) return 'stale';
      if (!block) return 'empty';
      if (block.bars.length === 0 && atStart) return 'empty';
      this.error = null;
      const reachedStart = atStart || (range.limit !== undefined && block.bars.length < range.limit);
      this.window.reset(block, reachedStart, atEnd);
      this.draw(view);
      void this.fillMissing(target, generation);
      return block.bars.length ? 'done' : 'empty';
    } finally {
      if (generation === this.generation) {
        this.busy = false;
        this.emit();
        this.settle();
      }
    }
  }

  /** Indicators added while a block was on its way get their values for the whole window. */
  private async fillMissing(target: Target, generation: number): Promise<void> {
    const missing = this.indicators.filter((i) => !this.window.values.has(i.key));
    const first = this.window.firstTime;
    const last = this.window.lastTime;
    if (missing.length === 0 || first === null || last === null) return;
    const result = await this.compute(target, { from: first, to: last }, missing);
    if (!result || generation !== this.generation) return;
    for (const r of result.results) {
      if (this.window.values.has(r.key) || !this.indicators.some((i) => i.key === r.key)) continue;
      this.window.setValues(r.key, result.time, r.outputs);
      this.controller.refreshIndicator(r.key);
    }
  }

  private async fetch(target: Target, range: Range): Promise<Block | null> {
    const query = { instrumentId: target.instrument.id, timeframe: target.timeframe, ...range };
    const indicators = this.indicators;
    try {
      const [series, computed] = await Promise.all([
        this.client.call('bars.query', query),
        this.compute(target, range, indicators),
      ]);
      this.resampledFrom = series.resampledFrom;
      const bars = barsFromColumns(series.bars);
      const values: AlignedValues = new Map();
      for (const r of computed?.results ?? []) {
        const outputs = new Map<string, number[]>();
        for (const [id, column] of Object.entries(r.outputs)) outputs.set(id, alignColumn(bars, computed!.time, column));
        values.set(r.key, outputs);
      }
      return { bars, values };
    } catch (error) {
      // The client already showed the failure; the chart keeps what it has.
      this.error = error instanceof Error ? error.message : String(error);
      return null;
    }
  }

  /** Indicator values for a range; a failure leaves the bars drawn without them. */
  private async compute(target: Target, range: Range, indicators: readonly IndicatorRequest[]) {
    if (indicators.length === 0) return null;
    try {
      return await this.client.call('indicators.compute', {
        instrumentId: target.instrument.id,
        timeframe: target.timeframe,
        ...range,
        indicators: [...indicators],
      });
    } catch {
      return null;
    }
  }

  private draw(view: ViewAfter): void {
    this.settling = true;
    this.controller.setWindow(this.window, view);
  }

  /**
   * lightweight-charts applies a new visible range on its next frame; the range is read again (and
   * the next block maybe loaded) only once it has been drawn.
   */
  private settle(): void {
    cancelAnimationFrame(this.settleFrame);
    this.settleFrame = requestAnimationFrame(() => {
      this.settleFrame = requestAnimationFrame(() => {
        this.settling = false;
        this.checkRange();
      });
    });
  }

  private emit(): void {
    const status = this.status;
    for (const listener of this.listeners) listener(status);
  }
}

/**
 * How many sets one batch gets. Each task costs a message to a worker and back (about a millisecond
 * with the bars shared), so a batch should run long enough for that to be noise; and short enough
 * that progress moves, a cancel is felt quickly, and the last batches spread over every worker.
 */
const TARGET_BATCH_MS = 250;
const MAX_BATCH = 512;
/** Before anything is measured: a backtest with metrics runs at roughly this many bars per ms on one core. */
const GUESSED_BARS_PER_MS = 2_000;

export class BatchSizer {
  constructor(
    /** Batches kept in flight at once. */
    private readonly slots: number,
    /** Workers sharing them. */
    private readonly workers: number,
    /** Bars each set is backtested over. */
    private readonly bars: number,
  ) {}

  /**
   * The size of the next batch, given the evaluations still to come and the measured throughput of
   * the whole pool (sets per second, null before the first batch came back). Remaining work is cut
   * into at least four batches per slot, so that all workers stay busy to the end.
   */
  next(remaining: number, setsPerSecond: number | null): number {
    const msPerSet = setsPerSecond && setsPerSecond > 0 ? (1000 * this.workers) / setsPerSecond : Math.max(1e-3, this.bars / GUESSED_BARS_PER_MS);
    const byTime = Math.floor(TARGET_BATCH_MS / msPerSet);
    const bySpread = Math.ceil(Math.max(1, remaining) / (this.slots * 4));
    return Math.max(1, Math.min(MAX_BATCH, byTime, bySpread));
  }
}

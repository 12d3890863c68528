import { desc, eq, sql } from 'drizzle-orm';
import type { RunDetail, RunSummary } from '../../src-shared/contract/backtest.contract.ts';
import type { Db } from '../storage/database.ts';
import { backtestRuns } from '../storage/schema.ts';

/** The curves of a run stored as one blob: time, equity, drawdown, benchmark (n doubles each). */
const CURVES = ['time', 'equity', 'drawdown', 'benchmark'] as const;

type Row = typeof backtestRuns.$inferSelect;

/** Saved backtest runs: one row per run, written in one statement (a run lands whole or not at all). */
export class BacktestRepo {
  constructor(private readonly db: Db) {}

  insert(run: RunDetail): void {
    const n = run.time.length;
    const curves = new Float64Array(4 * n);
    CURVES.forEach((name, k) => curves.set(run[name], k * n));
    this.db
      .insert(backtestRuns)
      .values({
        id: run.id, createdAt: run.createdAt, instrumentId: run.instrumentId, symbol: run.symbol, timeframe: run.timeframe,
        fromTime: run.fromTime, toTime: run.toTime, bars: run.bars, dataFingerprint: run.dataFingerprint,
        strategyId: run.strategyId, strategyVersion: run.strategyVersion, strategyHash: run.strategyHash,
        params: run.params, settings: { ...run.settings, calendar: run.calendar, range: run.range }, engineVersion: run.engineVersion,
        rerunOf: run.rerunOf, identical: run.identical, resultHash: run.resultHash, finalEquity: run.finalEquity,
        metrics: run.metrics, fills: run.fills, trades: run.trades, rejections: run.rejections,
        curves: Buffer.from(curves.buffer, curves.byteOffset, curves.byteLength),
      })
      .run();
  }

  list(): RunSummary[] {
    const rows = this.db
      .select({
        id: backtestRuns.id, createdAt: backtestRuns.createdAt, instrumentId: backtestRuns.instrumentId, symbol: backtestRuns.symbol,
        timeframe: backtestRuns.timeframe, fromTime: backtestRuns.fromTime, toTime: backtestRuns.toTime, bars: backtestRuns.bars,
        strategyId: backtestRuns.strategyId, strategyVersion: backtestRuns.strategyVersion, params: backtestRuns.params,
        finalEquity: backtestRuns.finalEquity, rerunOf: backtestRuns.rerunOf, identical: backtestRuns.identical,
        totalReturn: sql<number | null>`json_extract(${backtestRuns.metrics}, '$.totalReturn')`,
        maxDrawdown: sql<number | null>`json_extract(${backtestRuns.metrics}, '$.maxDrawdown.depth')`,
        tradeCount: sql<number>`json_array_length(${backtestRuns.trades})`,
      })
      .from(backtestRuns)
      .orderBy(desc(backtestRuns.createdAt))
      .all();
    return rows.map((r) => ({ ...r, params: r.params as RunSummary['params'], identical: r.identical ?? null }));
  }

  get(id: string): RunDetail | null {
    const row = this.db.select().from(backtestRuns).where(eq(backtestRuns.id, id)).get();
    return row ? toDetail(row) : null;
  }

  remove(id: string): boolean {
    return this.db.delete(backtestRuns).where(eq(backtestRuns.id, id)).run().changes > 0;
  }
}

function toDetail(row: Row): RunDetail {
  const bytes = row.curves as Buffer;
  const all = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const n = all.length / 4;
  const curve = (k: number) => all.slice(k * n, (k + 1) * n);
  // The calendar and the range travel in the settings column; runs saved before the range was kept
  // re-run over their bar times.
  const { calendar, range, ...settings } = row.settings as RunDetail['settings'] & { calendar: RunDetail['calendar']; range?: RunDetail['range'] };
  const metrics = row.metrics as RunDetail['metrics'];
  const trades = row.trades as RunDetail['trades'];
  return {
    id: row.id, createdAt: row.createdAt, instrumentId: row.instrumentId, symbol: row.symbol, timeframe: row.timeframe,
    fromTime: row.fromTime, toTime: row.toTime, bars: row.bars, strategyId: row.strategyId, strategyVersion: row.strategyVersion,
    params: row.params as RunDetail['params'], finalEquity: row.finalEquity,
    totalReturn: (metrics as { totalReturn?: number | null }).totalReturn ?? null,
    maxDrawdown: (metrics as { maxDrawdown?: { depth?: number | null } }).maxDrawdown?.depth ?? null,
    tradeCount: trades.length, rerunOf: row.rerunOf, identical: row.identical ?? null,
    range: range ?? { from: row.fromTime, to: row.toTime }, settings, calendar, dataFingerprint: row.dataFingerprint, strategyHash: row.strategyHash, engineVersion: row.engineVersion,
    resultHash: row.resultHash, metrics, fills: row.fills as RunDetail['fills'], trades,
    rejections: row.rejections as RunDetail['rejections'],
    time: curve(0), equity: curve(1), drawdown: curve(2), benchmark: curve(3),
  };
}

import { desc, eq, sql } from 'drizzle-orm';
import type { PortfolioRunDetail, PortfolioRunSummary } from '../../src-shared/contract/portfolio.contract.ts';
import type { Db } from '../storage/database.ts';
import { portfolioRuns } from '../storage/schema.ts';

/** The per-bar curves of a run, packed into one blob in this order (n doubles each). */
const CURVES = ['time', 'equity', 'drawdown', 'cash', 'benchmark'] as const;

/** The range a run read its bars with: what a re-run reads again (not part of the contract). */
export interface ReadRange {
  from: number;
  to: number;
}

export interface SavedPortfolioRun {
  run: PortfolioRunDetail;
  range: ReadRange;
}

type Row = typeof portfolioRuns.$inferSelect;

/** Saved portfolio runs: one row per run, written in one statement (a run lands whole or not at all). */
export class PortfolioRepo {
  constructor(private readonly db: Db) {}

  insert({ run, range }: SavedPortfolioRun): void {
    const n = run.time.length;
    const curves = new Float64Array(CURVES.length * n);
    CURVES.forEach((name, k) => curves.set(run[name], k * n));
    this.db
      .insert(portfolioRuns)
      .values({
        id: run.id, createdAt: run.createdAt, instrumentIds: run.instrumentIds, symbols: run.symbols, timeframe: run.timeframe,
        calendar: run.calendar, rangeFrom: range.from, rangeTo: range.to, fromTime: run.fromTime, toTime: run.toTime, bars: run.bars,
        dataFingerprint: run.dataFingerprint, config: run.config, settings: run.settings, engineVersion: run.engineVersion,
        rerunOf: run.rerunOf, identical: run.identical, resultHash: run.resultHash, finalEquity: run.finalEquity,
        totalCommission: run.totalCommission, turnover: run.turnover, rebalanceCount: run.rebalanceCount, fillCount: run.fillCount,
        metrics: run.metrics, benchmarkMetrics: run.benchmarkMetrics, benchmarkTargets: run.benchmarkTargets,
        fills: run.fills, trades: run.trades, rejections: run.rejections, rebalances: run.rebalances, positions: run.positions,
        curves: bytesOf(curves), weights: bytesOf(run.weights),
      })
      .run();
  }

  /** Newest first, reading only the summary columns and two numbers out of the metrics JSON. */
  list(): PortfolioRunSummary[] {
    const t = portfolioRuns;
    const rows = this.db
      .select({
        id: t.id, createdAt: t.createdAt, instrumentIds: t.instrumentIds, symbols: t.symbols, timeframe: t.timeframe,
        fromTime: t.fromTime, toTime: t.toTime, bars: t.bars, config: t.config, finalEquity: t.finalEquity,
        totalReturn: sql<number | null>`json_extract(${t.metrics}, '$.totalReturn')`,
        benchmarkReturn: sql<number | null>`json_extract(${t.benchmarkMetrics}, '$.totalReturn')`,
        maxDrawdown: sql<number | null>`json_extract(${t.metrics}, '$.maxDrawdown.depth')`,
        rebalanceCount: t.rebalanceCount, fillCount: t.fillCount, rerunOf: t.rerunOf, identical: t.identical,
      })
      .from(t)
      // rowid breaks ties between runs saved in the same millisecond, so "newest" stays well defined.
      .orderBy(desc(t.createdAt), desc(sql`rowid`))
      .all();
    return rows.map((r) => ({
      ...r,
      instrumentIds: r.instrumentIds as number[], symbols: r.symbols as string[], config: r.config as PortfolioRunSummary['config'],
      identical: r.identical ?? null,
    }));
  }

  get(id: string): SavedPortfolioRun | null {
    const row = this.db.select().from(portfolioRuns).where(eq(portfolioRuns.id, id)).get();
    return row ? { run: toDetail(row), range: { from: row.rangeFrom, to: row.rangeTo } } : null;
  }

  remove(id: string): boolean {
    return this.db.delete(portfolioRuns).where(eq(portfolioRuns.id, id)).run().changes > 0;
  }
}

function bytesOf(column: Float64Array): Buffer {
  return Buffer.from(column.buffer, column.byteOffset, column.byteLength);
}

/** A copy, so the column owns aligned memory of its own rather than a view into SQLite's buffer. */
function float64Of(bytes: Buffer): Float64Array {
  return new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

function toDetail(row: Row): PortfolioRunDetail {
  const all = float64Of(row.curves as Buffer);
  const n = all.length / CURVES.length;
  const curve = (k: number) => all.slice(k * n, (k + 1) * n);
  const metrics = row.metrics as PortfolioRunDetail['metrics'];
  const benchmarkMetrics = row.benchmarkMetrics as PortfolioRunDetail['benchmarkMetrics'];
  return {
    id: row.id, createdAt: row.createdAt, instrumentIds: row.instrumentIds as number[], symbols: row.symbols as string[],
    timeframe: row.timeframe, fromTime: row.fromTime, toTime: row.toTime, bars: row.bars,
    config: row.config as PortfolioRunDetail['config'], finalEquity: row.finalEquity,
    totalReturn: metrics.totalReturn ?? null, benchmarkReturn: benchmarkMetrics.totalReturn ?? null,
    maxDrawdown: metrics.maxDrawdown?.depth ?? null, rebalanceCount: row.rebalanceCount, fillCount: row.fillCount,
    rerunOf: row.rerunOf, identical: row.identical ?? null,
    settings: row.settings as PortfolioRunDetail['settings'], calendar: row.calendar as PortfolioRunDetail['calendar'],
    dataFingerprint: row.dataFingerprint, engineVersion: row.engineVersion, resultHash: row.resultHash,
    metrics, benchmarkMetrics, benchmarkTargets: row.benchmarkTargets as number[],
    fills: row.fills as PortfolioRunDetail['fills'], trades: row.trades as PortfolioRunDetail['trades'],
    rejections: row.rejections as PortfolioRunDetail['rejections'], rebalances: row.rebalances as PortfolioRunDetail['rebalances'],
    positions: row.positions as PortfolioRunDetail['positions'], totalCommission: row.totalCommission, turnover: row.turnover,
    time: curve(0), equity: curve(1), drawdown: curve(2), cash: curve(3), benchmark: curve(4),
    weights: float64Of(row.weights as Buffer),
  };
}

import { and, asc, count, desc, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import type { AppError } from '../../src-shared/contract/errors.ts';
import type {
  BestSet, OptimizationDetail, OptimizationState, OptimizationSummary, OptimizeSetup, ResultRow, SetupIssueOutput, WalkForwardResult,
} from '../../src-shared/contract/optimize.contract.ts';
import type { SafeguardsReport } from '../../src-shared/domain/safeguards.ts';
import type { SetupEstimate } from '../../src-workers/optimize/index.ts';
import type { Db } from '../storage/database.ts';
import { optimizationResults, optimizations } from '../storage/schema.ts';

/** What an optimization row holds beyond its results; the walk-forward curve as plain arrays (JSON). */
export interface OptimizationRecord {
  id: string;
  createdAt: number;
  finishedAt: number | null;
  instrumentId: number;
  symbol: string;
  timeframe: string;
  range: { from: number; to: number };
  fromTime: number;
  toTime: number;
  bars: number;
  dataFingerprint: string;
  strategyId: string;
  strategyVersion: string;
  strategyHash: string;
  direction: 'maximize' | 'minimize';
  setup: OptimizeSetup;
  estimate: SetupEstimate;
  warnings: SetupIssueOutput[];
  state: OptimizationState;
  error: AppError | null;
  evaluated: number;
  planned: number;
  best: BestSet | null;
  safeguards: SafeguardsReport | null;
  walkForward: StoredWalkForward | null;
}

export type StoredWalkForward = Omit<WalkForwardResult, 'stitched'> & { stitched: { time: number[]; equity: number[]; starts: number[] } };

/** One evaluated set as stored. */
export interface StoredRow {
  window: number;
  seq: number;
  key: string;
  params: Record<string, number | string>;
  metrics: Record<string, number | null>;
  objective: number | null;
  feasible: boolean;
  violations: readonly string[];
  error: string | null;
}

export interface ResultsQuery {
  optimizationId: string;
  /** 'objective', 'seq', or a JSON field: `{ in: 'params' | 'metrics', name }`. */
  sort: 'objective' | 'seq' | { in: 'params' | 'metrics'; name: string };
  descending: boolean;
  offset: number;
  limit: number;
  feasibleOnly: boolean;
  window?: number;
  seq?: number;
  /** False: rows without their metrics (plots that need only parameters and the objective). */
  withMetrics?: boolean;
}

/** Rows per INSERT: 10 columns each, well under SQLite's limit of bound variables. */
const INSERT_CHUNK = 500;

/** Saved optimizations and their evaluated sets; a finished batch lands in one transaction with the row's counters. */
export class OptimizeRepo {
  constructor(private readonly db: Db) {}

  insert(record: OptimizationRecord): void {
    this.db.insert(optimizations).values(toRow(record)).run();
  }

  /** A finished batch: its rows, and the optimization's count and best so far, together or not at all. */
  saveBatch(id: string, rows: readonly StoredRow[], progress: { evaluated: number; best: BestSet | null }): void {
    this.db.transaction((tx) => {
      for (let at = 0; at < rows.length; at += INSERT_CHUNK) {
        tx.insert(optimizationResults)
          .values(rows.slice(at, at + INSERT_CHUNK).map((r) => ({
            optimizationId: id, window: r.window, seq: r.seq, key: r.key, params: r.params, metrics: r.metrics,
            objective: r.objective, feasible: r.feasible, violations: r.violations.length > 0 ? r.violations : null, error: r.error,
          })))
          .run();
      }
      tx.update(optimizations).set({ evaluated: progress.evaluated, best: progress.best }).where(eq(optimizations.id, id)).run();
    });
  }

  update(id: string, patch: Partial<Pick<OptimizationRecord, 'state' | 'error' | 'finishedAt' | 'evaluated' | 'planned' | 'best' | 'safeguards' | 'walkForward'>>): void {
    this.db.update(optimizations).set(patch).where(eq(optimizations.id, id)).run();
  }

  get(id: string): OptimizationRecord | null {
    const row = this.db.select().from(optimizations).where(eq(optimizations.id, id)).get();
    return row ? toRecord(row) : null;
  }

  /**
   * Newest first; rowid breaks ties between optimizations created in the same millisecond. The
   * safeguards and the walk-forward report (with its curve) are not read: a summary has no use for them.
   */
  list(): OptimizationSummary[] {
    const { safeguards: _safeguards, walkForward: _walkForward, ...columns } = getTableColumns(optimizations);
    const rows = this.db.select(columns).from(optimizations).orderBy(desc(optimizations.createdAt), desc(sql`rowid`)).all();
    return rows.map((row) => toSummary(toRecord({ ...row, safeguards: null, walkForward: null })));
  }

  remove(id: string): boolean {
    return this.db.delete(optimizations).where(eq(optimizations.id, id)).run().changes > 0;
  }

  /** Optimizations a stopped process left running: cancelled, and so resumable. */
  markInterrupted(now: number): string[] {
    const ids = this.db.select({ id: optimizations.id }).from(optimizations).where(eq(optimizations.state, 'running')).all().map((r) => r.id);
    if (ids.length === 0) return ids;
    this.db
      .update(optimizations)
      .set({ state: 'cancelled', finishedAt: now, error: { code: 'CANCELLED', message: 'Interrupted: Candlewick stopped while this optimization was running; resume it to continue' } })
      .where(inArray(optimizations.id, ids))
      .run();
    return ids;
  }

  /** Every stored row of one window, by key: what a resumed run answers asks with. */
  rowsOf(id: string, window: number): Map<string, StoredRow> {
    const t = optimizationResults;
    const rows = this.db.select().from(t).where(and(eq(t.optimizationId, id), eq(t.window, window))).all();
    return new Map(rows.map((r) => [r.key, toStoredRow(r)]));
  }

  /** The stored rows of one window with these keys (neighbours, the objective surface). */
  rowsByKeys(id: string, window: number, keys: readonly string[]): Map<string, StoredRow> {
    if (keys.length === 0) return new Map();
    const t = optimizationResults;
    const rows = this.db.select().from(t).where(and(eq(t.optimizationId, id), eq(t.window, window), inArray(t.key, [...keys]))).all();
    return new Map(rows.map((r) => [r.key, toStoredRow(r)]));
  }

  /** Every trial's annualized Sharpe ratio in one window (null where undefined), for the deflated Sharpe ratio. */
  trialSharpes(id: string, window: number): (number | null)[] {
    const t = optimizationResults;
    return this.db
      .select({ sharpe: sql<number | null>`json_extract(${t.metrics}, '$.sharpe')` })
      .from(t)
      .where(and(eq(t.optimizationId, id), eq(t.window, window)))
      .all()
      .map((r) => (typeof r.sharpe === 'number' ? r.sharpe : null));
  }

  /** The parameter names of the stored sets (each holds every parameter of the strategy); [] before the first. */
  paramNames(id: string): string[] {
    const t = optimizationResults;
    const row = this.db.select({ params: t.params }).from(t).where(eq(t.optimizationId, id)).limit(1).get();
    return row ? Object.keys(row.params as object) : [];
  }

  countRows(id: string): number {
    const t = optimizationResults;
    return this.db.select({ n: count() }).from(t).where(eq(t.optimizationId, id)).get()?.n ?? 0;
  }

  /** A page of rows in the chosen order, undefined values last either way, then in the order asked. */
  results(q: ResultsQuery): { total: number; rows: ResultRow[] } {
    const t = optimizationResults;
    const filters: SQL[] = [eq(t.optimizationId, q.optimizationId)];
    if (q.window !== undefined) filters.push(eq(t.window, q.window));
    if (q.feasibleOnly) filters.push(eq(t.feasible, true));
    if (q.seq !== undefined) filters.push(eq(t.seq, q.seq));
    const where = and(...filters);
    const key: SQL = q.sort === 'objective' ? sql`${t.objective}` : q.sort === 'seq' ? sql`${t.seq}`
      : sql`json_extract(${q.sort.in === 'params' ? t.params : t.metrics}, ${`$.${q.sort.name}`})`;
    const total = this.db.select({ n: count() }).from(t).where(where).get()?.n ?? 0;
    // Without metrics the JSON column is neither read nor parsed: most of a row's weight.
    const { metrics, ...lean } = getTableColumns(t);
    const rows = this.db
      .select(q.withMetrics === false ? lean : { ...lean, metrics })
      .from(t)
      .where(where)
      .orderBy(sql`${key} IS NULL`, q.descending ? desc(key) : asc(key), asc(t.window), asc(t.seq))
      .limit(q.limit)
      .offset(q.offset)
      .all();
    return { total, rows: rows.map((r) => toResultRow(toStoredRow({ metrics: {}, ...r }))) };
  }
}

type Row = typeof optimizations.$inferSelect;
type ResultRowRecord = typeof optimizationResults.$inferSelect;

function toRow(r: OptimizationRecord): typeof optimizations.$inferInsert {
  return {
    id: r.id, createdAt: r.createdAt, finishedAt: r.finishedAt, instrumentId: r.instrumentId, symbol: r.symbol, timeframe: r.timeframe,
    rangeFrom: r.range.from, rangeTo: r.range.to, fromTime: r.fromTime, toTime: r.toTime, bars: r.bars, dataFingerprint: r.dataFingerprint,
    strategyId: r.strategyId, strategyVersion: r.strategyVersion, strategyHash: r.strategyHash, method: r.setup.method,
    objective: r.setup.objective, direction: r.direction, setup: r.setup, estimate: r.estimate, warnings: r.warnings, state: r.state,
    error: r.error, evaluated: r.evaluated, planned: r.planned, best: r.best, safeguards: r.safeguards, walkForward: r.walkForward,
  };
}

function toRecord(row: Row): OptimizationRecord {
  return {
    id: row.id, createdAt: row.createdAt, finishedAt: row.finishedAt, instrumentId: row.instrumentId, symbol: row.symbol, timeframe: row.timeframe,
    range: { from: row.rangeFrom, to: row.rangeTo }, fromTime: row.fromTime, toTime: row.toTime, bars: row.bars,
    dataFingerprint: row.dataFingerprint, strategyId: row.strategyId, strategyVersion: row.strategyVersion, strategyHash: row.strategyHash,
    direction: row.direction as OptimizationRecord['direction'], setup: row.setup as OptimizeSetup, estimate: row.estimate as SetupEstimate, warnings: row.warnings as SetupIssueOutput[],
    state: row.state as OptimizationState, error: (row.error as AppError | null) ?? null, evaluated: row.evaluated, planned: row.planned,
    best: (row.best as BestSet | null) ?? null, safeguards: (row.safeguards as SafeguardsReport | null) ?? null,
    walkForward: (row.walkForward as StoredWalkForward | null) ?? null,
  };
}

export function toSummary(r: OptimizationRecord): OptimizationSummary {
  return {
    id: r.id, createdAt: r.createdAt, finishedAt: r.finishedAt, instrumentId: r.instrumentId, symbol: r.symbol, timeframe: r.timeframe,
    fromTime: r.fromTime, toTime: r.toTime, bars: r.bars, strategyId: r.strategyId, strategyVersion: r.strategyVersion,
    method: r.setup.method, objective: r.setup.objective, direction: r.direction, walkForward: r.setup.walkForward !== undefined,
    state: r.state, evaluated: r.evaluated, planned: r.planned,
    best: r.best ? { params: r.best.params, objective: r.best.objective } : null, error: r.error,
    // The repository knows no jobs; the service fills in the live one.
    jobId: null,
  };
}

export function toDetail(r: OptimizationRecord): OptimizationDetail {
  const wf = r.walkForward;
  return {
    ...toSummary(r), setup: r.setup, range: r.range, dataFingerprint: r.dataFingerprint, strategyHash: r.strategyHash,
    estimate: r.estimate, warnings: r.warnings, best: r.best, safeguards: r.safeguards,
    walkForward: wf && { ...wf, stitched: { time: Float64Array.from(wf.stitched.time), equity: Float64Array.from(wf.stitched.equity), starts: wf.stitched.starts } },
  };
}

function toStoredRow(r: ResultRowRecord): StoredRow {
  return {
    window: r.window, seq: r.seq, key: r.key, params: r.params as StoredRow['params'], metrics: r.metrics as StoredRow['metrics'],
    objective: r.objective, feasible: r.feasible, violations: (r.violations as string[] | null) ?? [], error: r.error,
  };
}

function toResultRow(r: StoredRow): ResultRow {
  return { window: r.window, seq: r.seq, params: r.params, metrics: r.metrics, objective: r.objective, feasible: r.feasible, violations: [...r.violations], error: r.error };
}

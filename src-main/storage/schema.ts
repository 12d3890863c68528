import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Instruments: one row per tradable thing, unique per source, venue and symbol. */
export const instruments = sqliteTable(
  'instruments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    symbol: text('symbol').notNull(),
    venue: text('venue').notNull().default(''),
    assetClass: text('asset_class').notNull(),
    currency: text('currency').notNull(),
    tickSize: real('tick_size').notNull(),
    lotSize: real('lot_size').notNull(),
    source: text('source').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('instruments_identity').on(t.source, t.venue, t.symbol)],
);

/**
 * Bars, columnar: each row is a chunk of up to CHUNK_BARS consecutive bar slots of one series, its
 * `data` blob holding its columns (time, open, high, low, close, volume): raw float64, or compact
 * (regular times, int32 prices at an exact decimal scale) — see bar-chunk.ts.
 * Read and written with raw statements (see bar-store.ts); drizzle only owns the DDL.
 */
export const barChunks = sqliteTable(
  'bar_chunks',
  {
    instrumentId: integer('instrument_id')
      .notNull()
      .references(() => instruments.id, { onDelete: 'cascade' }),
    timeframe: text('timeframe').notNull(),
    chunkStart: integer('chunk_start').notNull(),
    count: integer('count').notNull(),
    firstTime: integer('first_time').notNull(),
    lastTime: integer('last_time').notNull(),
    data: blob('data', { mode: 'buffer' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.instrumentId, t.timeframe, t.chunkStart] })],
);

/** Per-series totals, kept in step with bar_chunks in the same transaction, so listing is instant. */
export const barSeries = sqliteTable(
  'bar_series',
  {
    instrumentId: integer('instrument_id')
      .notNull()
      .references(() => instruments.id, { onDelete: 'cascade' }),
    timeframe: text('timeframe').notNull(),
    count: integer('count').notNull(),
    firstTime: integer('first_time'),
    lastTime: integer('last_time'),
  },
  (t) => [primaryKey({ columns: [t.instrumentId, t.timeframe] })],
);

/** Jobs: the persisted record of every long task (inputs, state, outcome). */
export const jobs = sqliteTable(
  'jobs',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    state: text('state').notNull(),
    progress: text('progress', { mode: 'json' }),
    input: text('input', { mode: 'json' }),
    result: text('result', { mode: 'json' }),
    error: text('error', { mode: 'json' }),
    createdAt: integer('created_at').notNull(),
    startedAt: integer('started_at'),
    finishedAt: integer('finished_at'),
  },
  (t) => [index('jobs_created').on(t.createdAt)],
);

/** Provenance of every import: what file, with which options, and what it changed. */
export const imports = sqliteTable('imports', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  jobId: text('job_id'),
  instrumentId: integer('instrument_id')
    .notNull()
    .references(() => instruments.id, { onDelete: 'cascade' }),
  fileName: text('file_name').notNull(),
  fileBytes: integer('file_bytes').notNull(),
  fileSha256: text('file_sha256').notNull(),
  options: text('options', { mode: 'json' }).notNull(),
  timeframe: text('timeframe').notNull(),
  inserted: integer('inserted').notNull(),
  updated: integer('updated').notNull(),
  unchanged: integer('unchanged').notNull(),
  rejected: integer('rejected').notNull(),
  importedAt: integer('imported_at')
    .notNull()
    .default(sql`(unixepoch() * 1000)`),
});

/** Small workspace facts: who created it, whether the demo was seeded. */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Per-workspace UI documents stored as validated JSON (key 'chart' holds the chart layout). */
export const layouts = sqliteTable('layouts', {
  key: text('key').primaryKey(),
  layout: text('layout', { mode: 'json' }).notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Named sets of chart indicators with their parameters. */
export const presets = sqliteTable('presets', {
  name: text('name').primaryKey(),
  indicators: text('indicators', { mode: 'json' }).notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const watchlists = sqliteTable('watchlists', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** A watchlist's instruments in order; removing an instrument removes it from every watchlist. */
export const watchlistItems = sqliteTable(
  'watchlist_items',
  {
    watchlistId: integer('watchlist_id')
      .notNull()
      .references(() => watchlists.id, { onDelete: 'cascade' }),
    instrumentId: integer('instrument_id')
      .notNull()
      .references(() => instruments.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.watchlistId, t.instrumentId] }), index('watchlist_items_instrument').on(t.instrumentId)],
);

/**
 * Saved backtest runs with everything that reproduces them (strategy id, version and source hash,
 * parameters, settings, data range and fingerprint, engine version) and their results: summary
 * columns for lists, JSON for metrics, fills and trades, and the curves as Float64 blobs.
 */
export const backtestRuns = sqliteTable(
  'backtest_runs',
  {
    id: text('id').primaryKey(),
    createdAt: integer('created_at').notNull(),
    instrumentId: integer('instrument_id')
      .notNull()
      .references(() => instruments.id, { onDelete: 'cascade' }),
    symbol: text('symbol').notNull(),
    timeframe: text('timeframe').notNull(),
    fromTime: integer('from_time').notNull(),
    toTime: integer('to_time').notNull(),
    bars: integer('bars').notNull(),
    dataFingerprint: text('data_fingerprint').notNull(),
    strategyId: text('strategy_id').notNull(),
    strategyVersion: text('strategy_version').notNull(),
    strategyHash: text('strategy_hash').notNull(),
    params: text('params', { mode: 'json' }).notNull(),
    settings: text('settings', { mode: 'json' }).notNull(),
    engineVersion: text('engine_version').notNull(),
    /** The run this one re-ran, if any, and whether its result came out identical. */
    rerunOf: text('rerun_of'),
    identical: integer('identical', { mode: 'boolean' }),
    resultHash: text('result_hash').notNull(),
    finalEquity: real('final_equity').notNull(),
    metrics: text('metrics', { mode: 'json' }).notNull(),
    fills: text('fills', { mode: 'json' }).notNull(),
    trades: text('trades', { mode: 'json' }).notNull(),
    rejections: text('rejections', { mode: 'json' }).notNull(),
    curves: blob('curves', { mode: 'buffer' }).notNull(),
  },
  (t) => [index('backtest_runs_created').on(t.createdAt)],
);

/**
 * Saved portfolio runs with what reproduces them (instruments, timeframe, the pinned range the bars
 * were read with, config, settings, data fingerprint, engine version) and their results: summary
 * columns for lists, JSON for the records, and the Float64 columns packed into blobs. Instruments
 * are a JSON list rather than foreign keys: a run stays readable after an instrument is removed
 * (only its re-run is refused, naming the missing instrument).
 */
export const portfolioRuns = sqliteTable(
  'portfolio_runs',
  {
    id: text('id').primaryKey(),
    createdAt: integer('created_at').notNull(),
    instrumentIds: text('instrument_ids', { mode: 'json' }).notNull(),
    symbols: text('symbols', { mode: 'json' }).notNull(),
    timeframe: text('timeframe').notNull(),
    calendar: text('calendar').notNull(),
    /** The range the bars were read with: the request's, or the stored data's ends when it left one open. */
    rangeFrom: integer('range_from').notNull(),
    rangeTo: integer('range_to').notNull(),
    /** The common timeline the run covered. */
    fromTime: integer('from_time').notNull(),
    toTime: integer('to_time').notNull(),
    bars: integer('bars').notNull(),
    dataFingerprint: text('data_fingerprint').notNull(),
    config: text('config', { mode: 'json' }).notNull(),
    settings: text('settings', { mode: 'json' }).notNull(),
    engineVersion: text('engine_version').notNull(),
    /** The run this one re-ran, if any, and whether its result came out identical. */
    rerunOf: text('rerun_of'),
    identical: integer('identical', { mode: 'boolean' }),
    resultHash: text('result_hash').notNull(),
    finalEquity: real('final_equity').notNull(),
    totalCommission: real('total_commission').notNull(),
    turnover: real('turnover'),
    rebalanceCount: integer('rebalance_count').notNull(),
    fillCount: integer('fill_count').notNull(),
    metrics: text('metrics', { mode: 'json' }).notNull(),
    benchmarkMetrics: text('benchmark_metrics', { mode: 'json' }).notNull(),
    benchmarkTargets: text('benchmark_targets', { mode: 'json' }).notNull(),
    fills: text('fills', { mode: 'json' }).notNull(),
    trades: text('trades', { mode: 'json' }).notNull(),
    rejections: text('rejections', { mode: 'json' }).notNull(),
    rebalances: text('rebalances', { mode: 'json' }).notNull(),
    positions: text('positions', { mode: 'json' }).notNull(),
    /** time, equity, drawdown, cash, benchmark: n doubles each. */
    curves: blob('curves', { mode: 'buffer' }).notNull(),
    /** n × instruments doubles, time-major. */
    weights: blob('weights', { mode: 'buffer' }).notNull(),
  },
  (t) => [index('portfolio_runs_created').on(t.createdAt)],
);

/**
 * Saved optimizations (SPEC S6): what reproduces them (instrument, the pinned range the bars were
 * read with, strategy id, version and hash, the whole setup, data fingerprint), their state and
 * counts, and what they found (the best set, the safeguards, the walk-forward report). The
 * instrument is an id rather than a foreign key, as for portfolio runs: an optimization stays
 * readable after its instrument is removed (only resuming it is refused).
 */
export const optimizations = sqliteTable(
  'optimizations',
  {
    id: text('id').primaryKey(),
    createdAt: integer('created_at').notNull(),
    finishedAt: integer('finished_at'),
    instrumentId: integer('instrument_id').notNull(),
    symbol: text('symbol').notNull(),
    timeframe: text('timeframe').notNull(),
    /** The range the bars were read with: the request's, or the stored data's ends when it left one open. */
    rangeFrom: integer('range_from').notNull(),
    rangeTo: integer('range_to').notNull(),
    fromTime: integer('from_time').notNull(),
    toTime: integer('to_time').notNull(),
    bars: integer('bars').notNull(),
    dataFingerprint: text('data_fingerprint').notNull(),
    strategyId: text('strategy_id').notNull(),
    strategyVersion: text('strategy_version').notNull(),
    strategyHash: text('strategy_hash').notNull(),
    method: text('method').notNull(),
    /** As given (a metric name or a formula), and which way is better, as resolved from it. */
    objective: text('objective').notNull(),
    direction: text('direction').notNull(),
    /** The parsed start input: ranges, method, budget, seed, objective, constraints, walkForward, settings, calendar. */
    setup: text('setup', { mode: 'json' }).notNull(),
    /** validateSetup's size and memory estimate, and its warnings. */
    estimate: text('estimate', { mode: 'json' }).notNull(),
    warnings: text('warnings', { mode: 'json' }).notNull(),
    /** running, done, cancelled or failed; a cancelled (or interrupted) one can be resumed. */
    state: text('state').notNull(),
    error: text('error', { mode: 'json' }),
    evaluated: integer('evaluated').notNull(),
    planned: integer('planned').notNull(),
    best: text('best', { mode: 'json' }),
    safeguards: text('safeguards', { mode: 'json' }),
    walkForward: text('walk_forward', { mode: 'json' }),
  },
  (t) => [index('optimizations_created').on(t.createdAt)],
);

/**
 * Every evaluated parameter set of an optimization, written per finished batch in one transaction.
 * `window` is the walk-forward window (0 without one); `seq` the order the optimizer asked for the
 * set, which a resumed run reproduces; `key` the set's key in its space, to look a set up again.
 */
export const optimizationResults = sqliteTable(
  'optimization_results',
  {
    optimizationId: text('optimization_id')
      .notNull()
      .references(() => optimizations.id, { onDelete: 'cascade' }),
    window: integer('window_index').notNull(),
    seq: integer('seq').notNull(),
    key: text('key').notNull(),
    params: text('params', { mode: 'json' }).notNull(),
    metrics: text('metrics', { mode: 'json' }).notNull(),
    /** The objective as the user reads it; null when undefined. */
    objective: real('objective'),
    feasible: integer('feasible', { mode: 'boolean' }).notNull(),
    /** The constraints that did not hold, as written (null when feasible). */
    violations: text('violations', { mode: 'json' }),
    /** Why the set could not be backtested (its metrics are then empty). */
    error: text('error'),
  },
  (t) => [
    primaryKey({ columns: [t.optimizationId, t.window, t.seq] }),
    uniqueIndex('optimization_results_key').on(t.optimizationId, t.window, t.key),
    index('optimization_results_objective').on(t.optimizationId, t.objective),
  ],
);

/**
 * Market-data connections (SPEC S8): their settings as validated JSON. Keys are never here: they
 * live encrypted in the secrets store under `connection:<id>`.
 */
export const connections = sqliteTable('connections', {
  id: text('id').primaryKey(),
  settings: text('settings', { mode: 'json' }).notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Live symbols: restarted with their connection, so a chart left live stays live after a restart. */
export const liveSubscriptions = sqliteTable(
  'live_subscriptions',
  {
    id: text('id').primaryKey(),
    connectionId: text('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    symbol: text('symbol').notNull(),
    instrumentId: integer('instrument_id')
      .notNull()
      .references(() => instruments.id, { onDelete: 'cascade' }),
    timeframes: text('timeframes', { mode: 'json' }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('live_subscriptions_symbol').on(t.connectionId, t.symbol)],
);

/**
 * Backfills and their checkpoints: `cursor` is the open time of the next bar to fetch, advanced in
 * the same transaction that stores a page, so an interrupted backfill resumes exactly there.
 */
export const backfills = sqliteTable(
  'backfills',
  {
    id: text('id').primaryKey(),
    connectionId: text('connection_id').notNull(),
    symbol: text('symbol').notNull(),
    timeframe: text('timeframe').notNull(),
    instrumentId: integer('instrument_id'),
    fromTime: integer('from_time').notNull(),
    toTime: integer('to_time').notNull(),
    cursor: integer('cursor').notNull(),
    state: text('state').notNull(),
    fetched: integer('fetched').notNull().default(0),
    inserted: integer('inserted').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    requests: integer('requests').notNull().default(0),
    retries: integer('retries').notNull().default(0),
    error: text('error'),
    jobId: text('job_id'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('backfills_created').on(t.createdAt)],
);

/** Bars held out of the store with the rule that caught them, until accepted or discarded (SPEC S9). */
export const quarantine = sqliteTable(
  'quarantine',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    instrumentId: integer('instrument_id')
      .notNull()
      .references(() => instruments.id, { onDelete: 'cascade' }),
    timeframe: text('timeframe').notNull(),
    time: integer('time').notNull(),
    open: real('open').notNull(),
    high: real('high').notNull(),
    low: real('low').notNull(),
    close: real('close').notNull(),
    volume: real('volume').notNull(),
    source: text('source').notNull(),
    rule: text('rule').notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull(),
    heldAt: integer('held_at').notNull(),
    decidedAt: integer('decided_at'),
  },
  (t) => [index('quarantine_series').on(t.instrumentId, t.timeframe, t.status, t.time)],
);

/** Every change made to stored bars after they first arrived: what, when, from what to what, why. */
export const barAudit = sqliteTable(
  'bar_audit',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    instrumentId: integer('instrument_id')
      .notNull()
      .references(() => instruments.id, { onDelete: 'cascade' }),
    timeframe: text('timeframe').notNull(),
    at: integer('at').notNull(),
    action: text('action').notNull(),
    time: integer('time').notNull(),
    source: text('source').notNull(),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
    reason: text('reason').notNull(),
  },
  (t) => [index('bar_audit_series').on(t.instrumentId, t.timeframe, t.at)],
);

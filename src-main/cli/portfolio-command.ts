import { AppFailure } from '../../src-shared/contract/errors.ts';
import type { PortfolioRunDetail } from '../../src-shared/contract/portfolio.contract.ts';
import type { Instrument } from '../../src-shared/domain/instrument.ts';
import {
  PortfolioConfigSchema, REBALANCE_SCHEDULES, type PortfolioConfig, type RebalanceSchedule, type TargetWeights,
} from '../../src-shared/domain/portfolio.ts';
import { isTimeframe } from '../../src-shared/domain/timeframe.ts';
import { createCore, type CoreInternals } from '../core.ts';
import { resolveInstrument } from './bars-command.ts';
import { UsageError, type Output } from './cli-error.ts';
import { dataDirOption, parse, parseNumber, parseTime } from './options.ts';

export const PORTFOLIO_USAGE =
  'candlewick portfolio --symbols A,B,C --timeframe TF --rebalance daily|weekly|monthly|quarterly|yearly ' +
  '[--weights equal|inverse-vol:N|A=0.5,B=0.3] [--drift FRACTION] [--from ISO] [--to ISO] [--cash N] [--commission FRACTION] ' +
  '[--calendar stock|crypto] [--source S] [--data-dir DIR] [--json]';

const flags = {
  ...dataDirOption,
  symbols: { type: 'string' },
  timeframe: { type: 'string' },
  rebalance: { type: 'string' },
  weights: { type: 'string' },
  drift: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  cash: { type: 'string' },
  commission: { type: 'string' },
  calendar: { type: 'string' },
  source: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/**
 * Backtests a portfolio of stored series with scheduled rebalancing through the portfolio service (a
 * job in the worker pool, saved to the run history), and prints the run id, fills, final equity,
 * metrics, turnover, rebalances and the buy-and-hold benchmark.
 */
export async function portfolioCommand(args: string[], dataDirDefault: string, io: Output): Promise<number> {
  const { values } = parse(args, flags);
  const symbols = parseSymbols(values.symbols);
  const timeframe = values.timeframe;
  if (!timeframe || !isTimeframe(timeframe)) throw new UsageError(`--timeframe ${timeframe ? `"${timeframe}" is not a timeframe` : 'is required'} (1m, 5m, 1h, 1d, 1w, 1M …)`);
  const schedule = parseSchedule(values.rebalance);
  const weights = parseWeights(values.weights, symbols);
  const drift = parseNumber(values.drift, '--drift') ?? null;
  if (drift !== null && !(drift > 0 && drift <= 1)) throw new UsageError(`--drift "${values.drift}" must be a fraction of equity above 0 and at most 1 (0.05 = 5 points)`);
  const from = parseTime(values.from, '--from');
  const to = parseTime(values.to, '--to');
  if (from !== undefined && to !== undefined && from > to) throw new UsageError('--from is after --to');
  const cash = parseNumber(values.cash, '--cash') ?? 100_000;
  if (!(cash > 0)) throw new UsageError(`--cash "${values.cash}" must be a positive amount`);
  const rate = parseNumber(values.commission, '--commission') ?? 0;
  if (!(rate >= 0 && rate < 1)) throw new UsageError(`--commission "${values.commission}" must be a fraction of traded value from 0 to 1 (0.001 = 0.1 %)`);
  const calendar = values.calendar ?? 'stock';
  if (calendar !== 'stock' && calendar !== 'crypto') throw new UsageError(`--calendar "${calendar}" must be stock or crypto`);
  const config: PortfolioConfig = PortfolioConfigSchema.parse({ schedule, weights, drift });

  const core = await createCore({ dataDir: values['data-dir'] ?? dataDirDefault, poolSize: 1, seedDemo: false });
  try {
    const instruments = symbols.map((symbol) => resolveSymbol(core, symbol, values.source));
    const started = await core.services.portfolios.start({
      instrumentIds: instruments.map((i) => i.id), timeframe, from, to, calendar,
      config: withStoredSymbols(config, symbols, instruments.map((i) => i.symbol)),
      settings: { initialCash: cash, commission: rate > 0 ? { kind: 'percent', rate } : { kind: 'none' } },
    });
    const run = await started.done;
    io.out(values.json ? `${JSON.stringify(toJson(run))}\n` : summary(run));
    return 0;
  } finally {
    await core.close();
  }
}

function resolveSymbol(core: CoreInternals, symbol: string, source?: string): Instrument {
  try {
    return resolveInstrument(core.services.instruments, symbol, source);
  } catch (error) {
    // The symbol came from the command line: an unknown one is a usage mistake naming the flag.
    if (error instanceof AppFailure) throw new UsageError(`--symbols: ${error.message}`);
    throw error;
  }
}

/** Symbols match case-insensitively (`orcl` finds ORCL); fixed weights are keyed by the stored symbol, as the run names it. */
function withStoredSymbols(config: PortfolioConfig, typed: readonly string[], stored: readonly string[]): PortfolioConfig {
  if (config.weights.kind !== 'fixed') return config;
  const weights = Object.fromEntries(Object.entries(config.weights.weights).map(([symbol, w]) => [stored[typed.indexOf(symbol)]!, w]));
  return { ...config, weights: { kind: 'fixed', weights } };
}

function parseSymbols(text: string | undefined): string[] {
  if (!text) throw new UsageError('--symbols is required: a comma-separated list such as ORCL,NVDA,YHOO');
  const symbols = text.split(',').map((s) => s.trim());
  if (symbols.some((s) => s === '')) throw new UsageError(`--symbols "${text}" has an empty symbol`);
  const twice = symbols.find((s, i) => symbols.indexOf(s) !== i);
  if (twice !== undefined) throw new UsageError(`--symbols "${text}" lists ${twice} twice`);
  return symbols;
}

function parseSchedule(text: string | undefined): RebalanceSchedule {
  const options = REBALANCE_SCHEDULES.join(', ');
  if (!text) throw new UsageError(`--rebalance is required (${options})`);
  if (!(REBALANCE_SCHEDULES as readonly string[]).includes(text)) throw new UsageError(`--rebalance "${text}" is not one of ${options}`);
  return text as RebalanceSchedule;
}

/** `equal`, `inverse-vol:N` (N returns of lookback), or `SYM=w,…` fixed weights summing to at most 1. */
function parseWeights(text: string | undefined, symbols: readonly string[]): TargetWeights {
  if (text === undefined || text === 'equal') return { kind: 'equal' };
  const inverse = /^inverse-vol:(.*)$/.exec(text);
  if (inverse) {
    const n = Number(inverse[1]);
    if (!(Number.isInteger(n) && n >= 2 && n <= 10_000)) throw new UsageError(`--weights "${text}": the lookback must be a whole number of bars from 2 to 10000 (e.g. inverse-vol:20)`);
    return { kind: 'inverse-volatility', lookback: n };
  }
  const weights: Record<string, number> = {};
  for (const pair of text.split(',')) {
    const m = /^([^=]+)=(.+)$/.exec(pair.trim());
    if (!m) throw new UsageError(`--weights "${text}" is not equal, inverse-vol:N or SYM=weight pairs (e.g. ORCL=0.5,NVDA=0.3)`);
    const symbol = m[1]!.trim();
    const w = Number(m[2]);
    if (!symbols.includes(symbol)) throw new UsageError(`--weights "${text}" gives a weight to ${symbol}, which is not in --symbols`);
    if (!(Number.isFinite(w) && w >= 0 && w <= 1)) throw new UsageError(`--weights "${text}": the weight of ${symbol} must be a fraction from 0 to 1`);
    weights[symbol] = w;
  }
  const sum = Object.values(weights).reduce((s, w) => s + w, 0);
  if (sum > 1 + 1e-9) throw new UsageError(`--weights "${text}" sum to ${sum}; they must sum to at most 1 (the rest stays cash)`);
  return { kind: 'fixed', weights };
}

const iso = (ms: number) => new Date(ms).toISOString();

const bySymbol = (symbols: readonly string[], values: readonly number[]) => Object.fromEntries(symbols.map((s, k) => [s, values[k]!]));

/** The issue's JSON shape, plus the saved run's id: times as ISO strings, weights by symbol, undefined metrics as null. */
function toJson(run: PortfolioRunDetail) {
  const last = run.time.length - 1;
  const executed = run.rebalances.filter((b) => !b.skipped);
  return {
    runId: run.id,
    symbols: run.symbols,
    timeframe: run.timeframe,
    rebalance: run.config.schedule,
    weights: run.config.weights,
    drift: run.config.drift,
    from: iso(run.fromTime),
    to: iso(run.toTime),
    bars: run.bars,
    fills: run.fills.map((f) => ({ time: iso(f.time), symbol: f.symbol, side: f.side, qty: f.qty, requested: f.requested, price: f.price, commission: f.commission })),
    rejections: run.rejections.map((x) => ({ time: iso(x.time), symbol: x.symbol, side: x.side, requested: x.requested, reason: x.reason })),
    positions: run.positions,
    cash: run.cash[last]!,
    finalEquity: run.finalEquity,
    totalCommission: run.totalCommission,
    turnover: run.turnover,
    metrics: run.metrics,
    benchmark: { targets: bySymbol(run.symbols, run.benchmarkTargets), finalEquity: run.benchmark[last]!, metrics: run.benchmarkMetrics },
    rebalances: executed.map((b) => ({ time: iso(b.time), targets: bySymbol(run.symbols, b.targets), before: bySymbol(run.symbols, b.before), maxDrift: b.maxDrift })),
    skippedRebalances: run.rebalances.length - executed.length,
  };
}

function summary(run: PortfolioRunDetail): string {
  const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(2)} %`);
  const skipped = run.rebalances.length - run.rebalanceCount;
  return (
    `portfolio ${run.symbols.join(', ')} ${run.timeframe}, ${run.bars.toLocaleString('en-US')} bars ${iso(run.fromTime).slice(0, 10)} → ` +
    `${iso(run.toTime).slice(0, 10)}, rebalanced ${run.config.schedule}\n` +
    `  ${run.rebalanceCount} rebalances (${skipped} skipped by drift), ${run.fillCount} fills, ${run.rejections.length} rejected orders\n` +
    `  final equity ${run.finalEquity.toFixed(2)}, total return ${pct(run.totalReturn)}, max drawdown ${pct(run.maxDrawdown)}, ` +
    `turnover ${run.turnover === null ? '—' : run.turnover.toFixed(2)}, commission ${run.totalCommission.toFixed(2)}\n` +
    `  benchmark (buy and hold of the first targets): final equity ${run.benchmark[run.bars - 1]!.toFixed(2)}, total return ${pct(run.benchmarkReturn)}\n` +
    `  saved as run ${run.id}\n`
  );
}

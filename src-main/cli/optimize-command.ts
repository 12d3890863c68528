import { availableParallelism } from 'node:os';
import { AppFailure } from '../../src-shared/contract/errors.ts';
import type { OptimizationDetail, OptimizeSetup, ParamRange } from '../../src-shared/contract/optimize.contract.ts';
import type { SetupIssue } from '../../src-workers/optimize/index.ts';
import { createCore } from '../core.ts';
import { issueText } from '../optimize/optimize-inputs.ts';
import { resolveInstrument } from './bars-command.ts';
import { UsageError, type Output } from './cli-error.ts';
import { dataDirOption, parse, parseSeriesFlags, parseSettingsFlags, seriesFlags, settingsFlags } from './options.ts';

export const OPTIMIZE_USAGE =
  'candlewick optimize --symbol SYM --timeframe TF --strategy NAME --range k=min:max:step|k=a,b… [--method grid|random|genetic] ' +
  '[--budget N] [--seed N] [--objective METRIC|FORMULA] [--constraint "expr"]… [--walk-forward in=BARS,out=BARS[,anchored]] ' +
  '[--from ISO] [--to ISO] [--cash N] [--commission FRACTION] [--sizing fixed:QTY|percent:P] [--calendar stock|crypto] [--source S] [--data-dir DIR] [--json]';

const flags = {
  ...dataDirOption,
  ...seriesFlags,
  ...settingsFlags,
  strategy: { type: 'string' },
  range: { type: 'string', multiple: true },
  method: { type: 'string' },
  budget: { type: 'string' },
  seed: { type: 'string' },
  objective: { type: 'string' },
  constraint: { type: 'string', multiple: true },
  'walk-forward': { type: 'string' },
  json: { type: 'boolean' },
} as const;

type Setup = Omit<OptimizeSetup, 'instrumentId' | 'settings' | 'seed'> & { seed?: number };

/**
 * Optimizes a strategy's parameters over stored bars through the optimization service (a job over
 * the worker pool, saved with every evaluated set), and prints the best set with its metrics, the
 * number of evaluations and the overfitting safeguards. The optimization id is printed as `runId`.
 */
export async function optimizeCommand(args: string[], dataDirDefault: string, io: Output): Promise<number> {
  const { values } = parse(args, flags);
  const { symbol, timeframe, from, to } = parseSeriesFlags(values);
  if (values.limit !== undefined) throw new UsageError('--limit does not apply to an optimization; use --from and --to');
  const strategyId = values.strategy;
  if (!strategyId) throw new UsageError('--strategy is required (sma-cross, rsi-reversion, …, or a strategy of the workspace)');
  const rangeTexts = (values.range as string[] | undefined) ?? [];
  if (rangeTexts.length === 0) throw new UsageError('--range is required at least once: name=min:max:step (e.g. --range fast=5:50:5), or name=a,b,c for a choice parameter');
  const { settings, calendar } = parseSettingsFlags(values);
  const setup: Setup = {
    timeframe, from, to, strategyId, ranges: parseRanges(rangeTexts), method: parseMethod(values.method),
    budget: parseWhole(values.budget, '--budget', 1), seed: parseWhole(values.seed, '--seed', 0),
    objective: values.objective ?? 'sharpe', constraints: (values.constraint as string[] | undefined) ?? [],
    walkForward: parseWalkForward(values['walk-forward']), calendar,
  };
  const texts = { ranges: rangeTexts, walkForward: values['walk-forward'] };

  // The main thread only stores finished batches while the workers search: every core can be a worker.
  const core = await createCore({ dataDir: values['data-dir'] ?? dataDirDefault, poolSize: Math.max(1, availableParallelism()), seedDemo: false });
  try {
    const instrument = asFlagged(() => resolveInstrument(core.services.instruments, symbol, values.source), setup, texts, '--symbol');
    const started = await asFlaggedAsync(() => core.services.optimizations.start({ ...setup, instrumentId: instrument.id, settings }), setup, texts);
    const detail = await started.done;
    io.out(values.json ? `${JSON.stringify(toJson(detail))}\n` : summary(detail));
    return 0;
  } finally {
    await core.close();
  }
}

/** `fast=5:50:5` → { min: 5, max: 50, step: 5 }; `ma=ema,sma` → { choices: ['ema', 'sma'] }. */
function parseRanges(texts: readonly string[]): Record<string, ParamRange> {
  const ranges: Record<string, ParamRange> = {};
  for (const text of texts) {
    const eq = text.indexOf('=');
    const name = text.slice(0, eq).trim();
    const spec = text.slice(eq + 1).trim();
    const bad = () => new UsageError(`--range "${text}" is not name=min:max:step (e.g. fast=5:50:5) or name=a,b,c (a choice parameter)`);
    if (eq <= 0 || spec === '') throw bad();
    if (name in ranges) throw new UsageError(`--range "${text}": ${name} has a range already`);
    if (spec.includes(':')) {
      const parts = spec.split(':').map((p) => Number(p.trim()));
      if (parts.length !== 3 || parts.some((n, k) => !Number.isFinite(n) || spec.split(':')[k]!.trim() === '')) throw bad();
      const [min, max, step] = parts as [number, number, number];
      if (!(step > 0)) throw new UsageError(`--range "${text}": the step must be greater than 0`);
      ranges[name] = { min, max, step };
    } else {
      const choices = spec.split(',').map((c) => c.trim());
      if (choices.some((c) => c === '')) throw bad();
      ranges[name] = { choices };
    }
  }
  return ranges;
}

function parseMethod(text: string | undefined): Setup['method'] {
  if (text === undefined) return 'grid';
  if (text !== 'grid' && text !== 'random' && text !== 'genetic') throw new UsageError(`--method "${text}" is not grid, random or genetic`);
  return text;
}

function parseWhole(text: string | undefined, flag: string, min: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < min || n > 2 ** 32 - 1) throw new UsageError(`${flag} "${text}" must be a whole number from ${min} to ${2 ** 32 - 1}`);
  return n;
}

/** `in=1000,out=250[,anchored]`. */
function parseWalkForward(text: string | undefined): Setup['walkForward'] {
  if (text === undefined) return undefined;
  const m = /^in=(\d+),out=(\d+)(,anchored)?$/.exec(text.replace(/\s+/g, ''));
  if (!m) throw new UsageError(`--walk-forward "${text}" is not in=BARS,out=BARS[,anchored] (e.g. in=1000,out=250)`);
  return { inSample: Number(m[1]), outOfSample: Number(m[2]), anchored: m[3] !== undefined };
}

interface FlagTexts {
  ranges: readonly string[];
  walkForward?: string;
}

/** The flag (with what was typed) a field of the setup came from. */
function flagOf(field: string, setup: Setup, texts: FlagTexts): string {
  const quoted = (flag: string, value: unknown) => (value === undefined ? flag : `${flag} "${String(value)}"`);
  const [head = '', name] = field.split(/[.[]/);
  if (head === 'ranges') return quoted('--range', name && texts.ranges.find((t) => t.split('=')[0]!.trim() === name));
  if (head === 'objective') return quoted('--objective', setup.objective);
  if (head === 'constraints') return quoted('--constraint', setup.constraints[Number(/\[(\d+)\]/.exec(field)?.[1] ?? NaN)]);
  if (head === 'walkForward') return quoted('--walk-forward', texts.walkForward);
  if (head === 'budget') return quoted('--budget', setup.budget);
  if (head === 'method' || head === 'genetic') return quoted('--method', setup.method);
  if (head === 'seed') return quoted('--seed', setup.seed);
  if (head === 'strategyId') return quoted('--strategy', setup.strategyId);
  if (head === 'timeframe') return quoted('--timeframe', setup.timeframe);
  return '--from/--to';
}

/** A refusal of the user's arguments becomes a usage error (exit 2) naming the flag and what was typed. */
function asUsageError(error: unknown, setup: Setup, texts: FlagTexts, flag?: string): unknown {
  if (!(error instanceof AppFailure) || (error.code !== 'NOT_FOUND' && error.code !== 'VALIDATION_FAILED')) return error;
  const details = (error.details ?? {}) as { issues?: SetupIssue[]; field?: string };
  if (details.issues) return new UsageError(details.issues.map((i) => `${flagOf(i.field, setup, texts)}: ${issueText(i)}`).join('; '));
  const named = flag ?? (details.field ? flagOf(details.field, setup, texts) : null);
  return new UsageError(named ? `${named}: ${error.message.replace(/^strategyId: /, '')}` : error.message);
}

function asFlagged<T>(fn: () => T, setup: Setup, texts: FlagTexts, flag?: string): T {
  try {
    return fn();
  } catch (error) {
    throw asUsageError(error, setup, texts, flag);
  }
}

async function asFlaggedAsync<T>(fn: () => Promise<T>, setup: Setup, texts: FlagTexts): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw asUsageError(error, setup, texts);
  }
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The issue's JSON shape, plus the walk-forward windows when there were any. */
function toJson(d: OptimizationDetail) {
  const wf = d.walkForward;
  return {
    best: d.best && { params: d.best.params, objective: d.best.objective, metrics: d.best.metrics },
    evaluations: d.evaluated,
    safeguards: d.safeguards,
    ...(wf && {
      walkForward: {
        efficiency: wf.efficiency,
        outOfSampleReturn: wf.outOfSampleReturn,
        windows: wf.windows.map((w) => ({
          inSample: { from: day(w.inSample.from), to: day(w.inSample.to) }, outOfSample: { from: day(w.outOfSample.from), to: day(w.outOfSample.to) },
          params: w.params, objective: w.objective, inSampleReturn: w.inSampleReturn, outOfSampleReturn: w.outOfSampleReturn, efficiency: w.efficiency,
        })),
      },
    }),
    runId: d.id,
  };
}

function summary(d: OptimizationDetail): string {
  const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(2)} %`);
  const num = (x: number | null | undefined, digits = 2) => (x === null || x === undefined ? '—' : x.toFixed(digits));
  const lines = [
    `optimize ${d.strategyId} on ${d.symbol} ${d.timeframe}, ${d.bars.toLocaleString('en-US')} bars ${day(d.fromTime)} → ${day(d.toTime)}: ` +
      `${d.method}, ${d.evaluated.toLocaleString('en-US')} sets evaluated`,
  ];
  for (const w of d.warnings) lines.push(`  note: ${w.message}`);
  if (!d.best) lines.push('  no parameter set met the constraints with a defined objective');
  else {
    const params = Object.entries(d.best.params).map(([k, v]) => `${k}=${v}`).join(' ');
    const run = d.best.run;
    lines.push(`  best ${d.objective} ${num(d.best.objective, 4)} with ${params}` + (run ? ` (total return ${pct(run.totalReturn)}, max drawdown ${pct(run.maxDrawdown)}, ${run.tradeCount} trades)` : ''));
  }
  const s = d.safeguards;
  if (s) {
    if (s.deflatedSharpe) lines.push(`  deflated Sharpe ratio ${num(s.deflatedSharpe.deflatedSharpe, 3)} over ${s.deflatedSharpe.trials} trials (probabilistic ${num(s.deflatedSharpe.probabilisticSharpe, 3)})`);
    if (s.monteCarlo) lines.push(`  Monte Carlo: max drawdown p5 ${pct(s.monteCarlo.reshuffle.maxDrawdown.p5)}, probability of ruin ${pct(s.monteCarlo.bootstrap.probabilityOfRuin)} (bootstrap)`);
    if (s.stability) lines.push(`  neighbours: ${s.stability.evaluated} evaluated, mean ${num(s.stability.mean, 4)}, worst ${num(s.stability.worst, 4)}`);
    if (s.benchmarkTest) lines.push(`  against buy and hold: t ${num(s.benchmarkTest.tStatistic, 2)}, p ${num(s.benchmarkTest.pValue, 3)}`);
    if (s.outOfSample) lines.push(`  out of sample: Sharpe ${num(s.outOfSample.sharpe.outOfSample)} (in sample ${num(s.outOfSample.sharpe.inSample)})`);
  }
  if (d.walkForward) {
    lines.push(`  walk-forward: ${d.walkForward.windows.length} windows, efficiency ${num(d.walkForward.efficiency)}, out-of-sample return ${pct(d.walkForward.outOfSampleReturn)}`);
  }
  lines.push(`  saved as optimization ${d.id}`);
  return `${lines.join('\n')}\n`;
}

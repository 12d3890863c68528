import type { RunDetail } from '../../src-shared/contract/backtest.contract.ts';
import { BUILT_IN_STRATEGIES } from '../../src-workers/backtest/strategies/index.ts';
import type { LookAheadReport } from '../../src-workers/backtest/look-ahead.ts';
import { resolveStrategyParams } from '../../src-workers/backtest/params.ts';
import { createCore } from '../core.ts';
import { resolveInstrument } from './bars-command.ts';
import { UsageError, type Output } from './cli-error.ts';
import { asUsage, asUsageAsync, dataDirOption, parse, parseParamPairs, parseSeriesFlags, parseSettingsFlags, seriesFlags, settingsFlags } from './options.ts';

export const BACKTEST_USAGE =
  'candlewick backtest --symbol SYM --timeframe TF --strategy NAME [--param k=v]… [--from ISO] [--to ISO] [--cash N] ' +
  '[--commission FRACTION] [--sizing fixed:QTY|percent:P] [--calendar stock|crypto] [--check-look-ahead] [--source S] [--data-dir DIR] [--json]';

const flags = {
  ...dataDirOption,
  ...seriesFlags,
  strategy: { type: 'string' },
  param: { type: 'string', multiple: true },
  ...settingsFlags,
  'check-look-ahead': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

/**
 * Runs a backtest over stored bars as a job in the worker pool, saves it to the run history, and
 * prints the fills, trades, final equity and metrics. The strategy is a built-in or one of the
 * workspace's `strategies/*.ts`.
 */
export async function backtestCommand(args: string[], dataDirDefault: string, io: Output): Promise<number> {
  const { values } = parse(args, flags);
  const { symbol, timeframe, from, to } = parseSeriesFlags(values);
  if (values.limit !== undefined) throw new UsageError('--limit does not apply to a backtest; use --from and --to');
  const strategyId = values.strategy;
  if (!strategyId) throw new UsageError(`--strategy is required (${BUILT_IN_STRATEGIES.map((d) => d.id).join(', ')}, or a strategy of the workspace)`);
  const givenParams = parseParamPairs((values.param as string[] | undefined) ?? []);
  // A built-in's parameters are checked before the workspace is opened; a user strategy needs it.
  const builtIn = BUILT_IN_STRATEGIES.find((s) => s.id === strategyId);
  if (builtIn) asUsage(() => resolveStrategyParams(builtIn, givenParams));
  const { settings, calendar } = parseSettingsFlags(values);

  const core = await createCore({ dataDir: values['data-dir'] ?? dataDirDefault, poolSize: 1, seedDemo: false });
  try {
    const strategy = await asUsageAsync(() => core.services.backtests.resolveStrategy(strategyId, givenParams));
    const { params } = strategy;
    const instrument = resolveInstrument(core.services.instruments, symbol, values.source);
    const started = await core.services.backtests.start({
      instrumentId: instrument.id, timeframe, from, to, strategyId: strategy.id, params, calendar, settings,
    });
    const run = await started.done;
    // The look-ahead check re-runs the strategy on truncated copies of the same bars, in a worker
    // (a user strategy's code runs nowhere else).
    const lookAhead = values['check-look-ahead']
      ? await core.services.pool.run('backtest.lookAhead', {
          bars: core.services.bars.query(instrument.id, timeframe, { from, to }).bars, timeframe, calendar,
          strategyId: strategy.id, userStrategy: strategy.userStrategy, params, settings: run.settings,
        })
      : null;
    io.out(values.json ? `${JSON.stringify({ ...toJson(run), ...(lookAhead ? { lookAhead } : {}) })}\n` : summary(run) + lookAheadText(lookAhead));
    return 0;
  } finally {
    await core.close();
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The issue's JSON shape; times as ISO strings, undefined metrics as null. */
function toJson(run: RunDetail) {
  return {
    runId: run.id,
    strategy: run.strategyId,
    params: run.params,
    symbol: run.symbol,
    timeframe: run.timeframe,
    from: iso(run.fromTime),
    to: iso(run.toTime),
    bars: run.bars,
    fills: run.fills.map((f) => ({ time: iso(f.time), side: f.side, qty: f.qty, price: f.price, commission: f.commission })),
    trades: run.trades.map((t) => ({
      direction: t.direction, qty: t.qty, entryTime: iso(t.entryTime), entryPrice: t.entryPrice, exitTime: iso(t.exitTime),
      exitPrice: t.exitPrice, pnl: t.pnl, returnPct: t.returnPct, commission: t.commission, barsHeld: t.barsHeld, open: t.open,
    })),
    rejections: run.rejections.map((r) => ({ time: iso(r.time), reason: r.reason })),
    finalEquity: run.finalEquity,
    metrics: run.metrics,
  };
}

function summary(run: RunDetail): string {
  const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(2)} %`);
  return (
    `${run.strategyId}(${Object.entries(run.params).map(([k, v]) => `${k}=${v}`).join(', ')}) on ${run.symbol} ${run.timeframe}, ` +
    `${run.bars.toLocaleString('en-US')} bars ${iso(run.fromTime).slice(0, 10)} → ${iso(run.toTime).slice(0, 10)}\n` +
    `  run ${run.id}: ${run.fills.length} fills, ${run.trades.length} trades, final equity ${run.finalEquity.toFixed(2)}\n` +
    `  total return ${pct(run.totalReturn)}, max drawdown ${pct(run.maxDrawdown)}\n`
  );
}

function lookAheadText(report: LookAheadReport | null): string {
  if (!report) return '';
  if (report.clean) return `  look-ahead check: clean (${report.cuts.length} truncated re-runs changed no signal or fill)\n`;
  return (
    `  look-ahead check: ${report.findings.length} difference(s) — the strategy uses future bars\n` +
    report.findings.map((f) => `    cut at bar ${f.cut}: first ${f.kind} differs at ${iso(f.time)}: full run ${f.full}, truncated ${f.truncated}\n`).join('')
  );
}

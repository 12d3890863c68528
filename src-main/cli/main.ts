import { AppFailure } from '../../src-shared/contract/errors.ts';
import { defaultDataDir } from '../app-paths.ts';
import { BACKFILL_USAGE, backfillCommand } from './backfill-command.ts';
import { BACKTEST_USAGE, backtestCommand } from './backtest-command.ts';
import { BARS_USAGE, barsCommand } from './bars-command.ts';
import { processOutput, UsageError, type Output } from './cli-error.ts';
import { IMPORT_USAGE, importCommand } from './import-command.ts';
import { INDICATOR_USAGE, indicatorCommand } from './indicator-command.ts';
import { INDICATORS_USAGE, indicatorsCommand } from './indicators-command.ts';
import { OPTIMIZE_USAGE, optimizeCommand } from './optimize-command.ts';
import { PORTFOLIO_USAGE, portfolioCommand } from './portfolio-command.ts';
import { SERVE_USAGE, serveCommand } from './serve-command.ts';
import { SYMBOLS_USAGE, symbolsCommand } from './symbols-command.ts';

const COMMANDS = {
  import: { run: importCommand, usage: IMPORT_USAGE, summary: 'import a CSV file of bars, ticks or quotes' },
  bars: { run: barsCommand, usage: BARS_USAGE, summary: 'print stored bars (resampled to any higher timeframe)' },
  symbols: { run: symbolsCommand, usage: SYMBOLS_USAGE, summary: 'list instruments and their stored series' },
  indicator: { run: indicatorCommand, usage: INDICATOR_USAGE, summary: 'compute an indicator of the catalogue over stored bars' },
  indicators: { run: indicatorsCommand, usage: INDICATORS_USAGE, summary: 'list the indicator catalogue (parameters, defaults, outputs)' },
  backtest: { run: backtestCommand, usage: BACKTEST_USAGE, summary: 'backtest a strategy over stored bars and save the run' },
  optimize: { run: optimizeCommand, usage: OPTIMIZE_USAGE, summary: 'optimize a strategy\'s parameters (grid, random, genetic, walk-forward) and save every result' },
  portfolio: { run: portfolioCommand, usage: PORTFOLIO_USAGE, summary: 'backtest a portfolio of several series with scheduled rebalancing' },
  backfill: { run: backfillCommand, usage: BACKFILL_USAGE, summary: 'fetch missing bars from a venue (checkpointed: rerun to resume)' },
  serve: { run: serveCommand, usage: SERVE_USAGE, summary: 'run the core headless and serve the UI to a browser' },
} as const;

function help(): string {
  const lines = ['Candlewick — trading workstation', '', 'Usage:'];
  for (const [name, c] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(10)} ${c.summary}`, `             ${c.usage}`);
  lines.push('', 'The workspace is in the OS app-data folder unless --data-dir or CANDLEWICK_DATA_DIR says otherwise.');
  return `${lines.join('\n')}\n`;
}

/** Runs one command; returns the exit code (0 ok, 1 failed, 2 usage). Errors are one line on stderr. */
export async function runCli(argv: string[], io: Output = processOutput): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name as keyof typeof COMMANDS];
  if (!command) {
    io.err(`candlewick: unknown command "${name}"\n${help()}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.out(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(args, defaultDataDir(), io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`candlewick ${name}: ${error.message}\nusage: ${command.usage}\n`);
      return 2;
    }
    if (error instanceof AppFailure) {
      io.err(`candlewick ${name}: ${error.message}\n`);
      return 1;
    }
    io.err(`candlewick ${name}: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`);
    return 1;
  }
}

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strategiesFolder } from './user-strategies.ts';

/** The example's file name in the workspace's strategies folder. */
export const EXAMPLE_STRATEGY_FILE = 'donchian-breakout.ts';

/**
 * A readable user strategy for a new workspace to start from: it shows the SDK import, typed
 * parameters with ranges, a parameter check, indicator columns and per-bar orders. A unit test
 * compiles it and runs it over the demo bars, so it cannot rot.
 */
export const EXAMPLE_STRATEGY_SOURCE = `/**
 * Example user strategy: a Donchian channel breakout with a trend filter.
 *
 * Candlewick loads every .ts file in this folder as a strategy. Edit this one or copy it, save,
 * and the strategy list picks the change up; a mistake is shown with its file and line.
 *
 * Long when the close breaks above the highest high of the previous \`entry\` bars while it is
 * above its \`trend\`-bar simple moving average; flat again when the close falls below the
 * lowest low of the previous \`exit\` bars. Orders fill at the next bar's open.
 */
import { defineStrategy } from 'candlewick';

export default defineStrategy({
  id: 'example-donchian-breakout',
  name: 'Donchian breakout (example)',
  description: 'Long on a close above the entry-channel high while above the trend SMA; flat on a close below the exit-channel low.',
  version: '1.0.0',
  params: [
    { name: 'entry', label: 'Entry channel (bars)', type: 'int', default: 20, min: 2, max: 250 },
    { name: 'exit', label: 'Exit channel (bars)', type: 'int', default: 10, min: 2, max: 250 },
    { name: 'trend', label: 'Trend SMA (bars)', type: 'int', default: 100, min: 2, max: 500 },
  ],

  // Checked before a run starts: return a message saying what is wrong, or null.
  validate: (p) => (Number(p.exit) <= Number(p.entry) ? null : \`exit (\${p.exit}) must not be longer than entry (\${p.entry})\`),

  setup(ctx, p) {
    // Indicator columns are computed once over all bars; they are NaN while warming up, and a
    // comparison with NaN is false, so no trade happens before every column has a value.
    const high = ctx.indicator('donchian', { period: p.entry }, 'upper');
    const low = ctx.indicator('donchian', { period: p.exit }, 'lower');
    const trend = ctx.indicator('sma', { period: p.trend });
    const close = ctx.bars.close;

    return {
      // Runs after bar i has closed. The channels are read at i - 1: bar i's own high is part of
      // the channel at i, and a close can never be above it.
      onBar(i, t) {
        if (i === 0) return;
        if (t.position === 0) {
          if (close[i] > high[i - 1] && close[i] > trend[i]) t.buy();
        } else if (close[i] < low[i - 1]) {
          t.close();
        }
      },
    };
  },
});
`;

/** Writes the example into a new workspace's strategies folder; never over a file of the user's. */
export function seedExampleStrategy(workspaceDir: string): void {
  const dir = strategiesFolder(workspaceDir);
  mkdirSync(dir, { recursive: true });
  try {
    writeFileSync(join(dir, EXAMPLE_STRATEGY_FILE), EXAMPLE_STRATEGY_SOURCE, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

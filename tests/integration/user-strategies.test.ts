import { createHash } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_STRATEGY_FILE } from '../../src-main/backtest/example-strategy.ts';
import type { CoreEvent } from '../../src-main/core-api.ts';
import { createCore, type CoreInternals } from '../../src-main/core.ts';
import type { RunDetail, StrategyDescriptor } from '../../src-shared/contract/backtest.contract.ts';
import type { AppError } from '../../src-shared/contract/errors.ts';
import type { StrategyProblem } from '../../src-shared/domain/user-strategy.ts';
import { runCli } from '../support/cli.ts';
import { tempDir } from '../support/temp-dir.ts';

// User strategies through the real core: the demo seed's example, a .ts file in the workspace's
// strategies folder compiled in main and run in the worker pool, re-read when the folder changes.

const tmp = tempDir();
let core: CoreInternals;
const events: CoreEvent[] = [];
let instrumentId: number;

type Outcome<T> = { ok: true; value: T } | { ok: false; error: AppError };
const call = <T>(channel: string, input: unknown) => core.router.handle(channel, input, { transport: 'local' }) as Promise<Outcome<T>>;
async function ok<T>(channel: string, input: unknown): Promise<T> {
  const r = await call<T>(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
  return r.value;
}

const strategyFile = (name: string) => join(tmp.dir, 'strategies', name);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** sma-cross (src-workers/backtest/strategies/sma-cross.ts) written as a user would, rule for rule. */
function smaCrossSource(version: string, buy: string): string {
  return `import { defineStrategy } from 'candlewick';

export default defineStrategy({
  id: 'my-sma-cross',
  name: 'My SMA crossover',
  description: 'sma-cross, re-implemented in the workspace',
  version: '${version}',
  params: [
    { name: 'fast', label: 'Fast SMA', type: 'int', default: 10, min: 1, max: 500 },
    { name: 'slow', label: 'Slow SMA', type: 'int', default: 30, min: 2, max: 1000 },
  ],
  validate: (p) => (Number(p.fast) < Number(p.slow) ? null : \`fast (\${p.fast}) must be less than slow (\${p.slow})\`),
  setup(ctx, p) {
    const fast: Float64Array = ctx.indicator('sma', { period: p.fast });
    const slow: Float64Array = ctx.indicator('sma', { period: p.slow });
    let last = 0;
    return {
      onBar(i: number, t) {
        const d = fast[i] - slow[i];
        if (!(d !== 0 && d === d)) return;
        if (d > 0 && last < 0 && t.position <= 0) ${buy};
        else if (d < 0 && last > 0 && t.position > 0) t.close();
        last = d > 0 ? 1 : -1;
      },
    };
  },
});
`;
}

async function nextChange(after: number): Promise<CoreEvent> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const found = events.slice(after).find((e) => e.name === 'backtest.strategies.changed');
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('no backtest.strategies.changed event');
}

async function backtest(strategyId: string): Promise<RunDetail> {
  const started = await core.services.backtests.start({ instrumentId, timeframe: '1d', strategyId, params: { fast: 10, slow: 30 }, settings: { initialCash: 100_000 } });
  return started.done;
}

beforeAll(async () => {
  // The demo seed (first start) writes the example strategy; the user adds one of their own.
  core = await createCore({ dataDir: tmp.dir, poolSize: 1, validateOutput: true });
  core.onEvent((e) => events.push(e));
  writeFileSync(strategyFile('my-sma-cross.ts'), smaCrossSource('1.0.0', 't.buy()'));
  instrumentId = core.services.instruments.list().find((i) => i.symbol === 'DEMO-EQ')!.id;
});

afterAll(async () => {
  await core.close();
  tmp.cleanup();
});

describe('user strategies', () => {
  it('lists the built-ins, the demo example and the user file, each with its origin', async () => {
    const list = await ok<StrategyDescriptor[]>('backtest.strategies', {});
    expect(list.find((s) => s.id === 'sma-cross')).toMatchObject({ origin: 'builtin' });
    expect(list.find((s) => s.id === 'sma-cross')!.file).toBeUndefined();
    expect(list.find((s) => s.id === 'example-donchian-breakout')).toMatchObject({ origin: 'user', file: `strategies/${EXAMPLE_STRATEGY_FILE}`, version: '1.0.0' });
    expect(list.find((s) => s.id === 'my-sma-cross')).toMatchObject({
      origin: 'user', file: 'strategies/my-sma-cross.ts', name: 'My SMA crossover', version: '1.0.0', params: [{ name: 'fast', default: 10 }, { name: 'slow', default: 30 }],
    });
    expect(await ok<StrategyProblem[]>('backtest.strategyProblems', {})).toEqual([]);
  });

  it('runs a user re-implementation of sma-cross in the pool with fills identical to the built-in', async () => {
    const builtIn = await backtest('sma-cross');
    const user = await backtest('my-sma-cross');
    expect(builtIn.fills.length).toBeGreaterThan(10);
    expect(user.fills).toEqual(builtIn.fills);
    expect(user.trades).toEqual(builtIn.trades);
    expect(user.finalEquity).toBe(builtIn.finalEquity);
    expect(user).toMatchObject({ strategyId: 'my-sma-cross', strategyVersion: '1.0.0', strategyHash: sha256(smaCrossSource('1.0.0', 't.buy()')) });
    // Same fills and equity: the result hash does not depend on which code produced them.
    expect(user.resultHash).toBe(builtIn.resultHash);
  });

  it("checks a user strategy's parameters with its own validate before starting", async () => {
    const r = await call('backtest.start', { instrumentId, timeframe: '1d', strategyId: 'my-sma-cross', params: { fast: 40, slow: 20 } });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: 'my-sma-cross: fast (40) must be less than slow (20)' } });
  });

  it('runs the example strategy the demo seed wrote, and it trades', async () => {
    const run = await (await core.services.backtests.start({ instrumentId, timeframe: '1d', strategyId: 'example-donchian-breakout' })).done;
    expect(run.trades.length).toBeGreaterThan(3);
  });

  it('re-reads an edited file, says so with backtest.strategies.changed, and a re-run uses the new source', async () => {
    const original = (await backtest('my-sma-cross'));
    const from = events.length;
    const edited = smaCrossSource('1.1.0', 't.buy({ qty: 1 })');
    writeFileSync(strategyFile('my-sma-cross.ts'), edited);
    const change = await nextChange(from);
    expect(change.payload).toEqual({ strategyIds: expect.arrayContaining(['example-donchian-breakout', 'my-sma-cross']), problems: 0 });
    const list = await ok<StrategyDescriptor[]>('backtest.strategies', {});
    expect(list.find((s) => s.id === 'my-sma-cross')!.version).toBe('1.1.0');

    const again = await (await core.services.backtests.rerun(original.id)).done;
    expect(again).toMatchObject({ rerunOf: original.id, strategyVersion: '1.1.0', strategyHash: sha256(edited), identical: false });
    expect(again.fills.every((f) => f.qty === 1)).toBe(true);
    expect(again.fills.map((f) => f.time)).toEqual(original.fills.map((f) => f.time));
  });

  it('reports bad files as problems with file and line, and keeps the good strategies', async () => {
    const from = events.length;
    writeFileSync(strategyFile('broken.ts'), ["import { defineStrategy } from 'candlewick';", '', 'export default defineStrategy({ id: "broken", name: ,});'].join('\n'));
    writeFileSync(strategyFile('sneaky.ts'), ["import { defineStrategy } from 'candlewick';", "import { execSync } from 'node:child_process';", 'export default 1;'].join('\n'));
    writeFileSync(strategyFile('nodefault.ts'), 'export const almost = 1;\n');
    writeFileSync(strategyFile('undeclared.ts'), ['// A strategy without setup', '', "export default { id: 'undeclared', name: 'U', version: '1', params: [] };"].join('\n'));
    writeFileSync(strategyFile('taken.ts'), smaCrossSource('1.0.0', 't.buy()').replace("id: 'my-sma-cross'", "id: 'sma-cross'"));
    writeFileSync(strategyFile('twin.ts'), smaCrossSource('9.9.9', 't.buy()'));
    writeFileSync(strategyFile('types.d.ts'), 'declare const ignored: number;\n');
    await nextChange(from);
    const problems = await ok<StrategyProblem[]>('backtest.strategyProblems', {});
    const byFile = Object.fromEntries(problems.map((p) => [p.file, p]));
    expect(Object.keys(byFile).sort()).toEqual(
      ['strategies/broken.ts', 'strategies/nodefault.ts', 'strategies/sneaky.ts', 'strategies/taken.ts', 'strategies/twin.ts', 'strategies/undeclared.ts'],
    );
    expect(byFile['strategies/broken.ts']).toMatchObject({ line: 3, message: expect.stringMatching(/Unexpected ","/) });
    expect(byFile['strategies/sneaky.ts']).toMatchObject({ line: 2, column: expect.any(Number), message: expect.stringMatching(/cannot import 'node:child_process'/) });
    expect(byFile['strategies/nodefault.ts']).toMatchObject({ line: 1, column: 1, message: expect.stringMatching(/has no default export/) });
    expect(byFile['strategies/undeclared.ts']).toMatchObject({ line: 3, column: 1, message: expect.stringMatching(/setup: must be a function/) });
    expect(byFile['strategies/taken.ts']).toMatchObject({ line: 4, column: 3, message: "id 'sma-cross' is taken by a built-in strategy; give this strategy another id" });
    expect(byFile['strategies/twin.ts']).toMatchObject({ line: 4, message: "id 'my-sma-cross' is already used by strategies/my-sma-cross.ts; give this strategy another id" });

    const list = await ok<StrategyDescriptor[]>('backtest.strategies', {});
    expect(list.filter((s) => s.origin === 'user').map((s) => s.id).sort()).toEqual(['example-donchian-breakout', 'my-sma-cross']);
    expect(list.find((s) => s.id === 'sma-cross')!.origin).toBe('builtin');
    expect(list.find((s) => s.id === 'my-sma-cross')!.version).toBe('1.1.0');

    const unknown = await call('backtest.start', { instrumentId, timeframe: '1d', strategyId: 'broken' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/^unknown strategy 'broken'; strategies: sma-cross, .*my-sma-cross \(strategies\/my-sma-cross\.ts\)/) } });

    const cleared = events.length;
    for (const name of ['broken.ts', 'sneaky.ts', 'nodefault.ts', 'undeclared.ts', 'taken.ts', 'twin.ts']) rmSync(strategyFile(name));
    expect((await nextChange(cleared)).payload).toMatchObject({ problems: 0 });
    expect(await ok<StrategyProblem[]>('backtest.strategyProblems', {})).toEqual([]);
  });
});

describe('candlewick backtest with a user strategy', () => {
  it('runs a strategy of the workspace, with the look-ahead check in a worker', async () => {
    const r = await runCli([
      'backtest', '--symbol', 'DEMO-EQ', '--timeframe', '1d', '--strategy', 'example-donchian-breakout', '--param', 'entry=30',
      '--check-look-ahead', '--data-dir', tmp.dir, '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { strategy: string; params: Record<string, number>; trades: unknown[]; lookAhead: { clean: boolean } };
    expect(out).toMatchObject({ strategy: 'example-donchian-breakout', params: { entry: 30, exit: 10, trend: 100 }, lookAhead: { clean: true } });
    expect(out.trades.length).toBeGreaterThan(0);
  });

  it("refuses a user strategy's bad parameters and an unknown strategy as usage errors", async () => {
    const bad = await runCli(['backtest', '--symbol', 'DEMO-EQ', '--timeframe', '1d', '--strategy', 'example-donchian-breakout', '--param', 'exit=40', '--data-dir', tmp.dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/exit \(40\) must not be longer than entry \(20\)/);
    const unknown = await runCli(['backtest', '--symbol', 'DEMO-EQ', '--timeframe', '1d', '--strategy', 'nope', '--data-dir', tmp.dir]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown strategy 'nope'; strategies: .*example-donchian-breakout/);
  });
});

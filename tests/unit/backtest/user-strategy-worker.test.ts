import { describe, expect, it } from 'vitest';
import { compileStrategy } from '../../../src-main/backtest/strategy-compiler.ts';
import { AppFailure } from '../../../src-shared/contract/errors.ts';
import type { Timeframe } from '../../../src-shared/domain/timeframe.ts';
import type { CompiledStrategy } from '../../../src-shared/domain/user-strategy.ts';
import { DEMO_INSTRUMENTS, generateBars } from '../../../src-workers/bars/demo-data.ts';
import { tasks } from '../../../src-workers/tasks.ts';

// The worker's side of user strategies, called as the pool calls it: evaluating compiled code,
// checking the default export's declaration, and placing what user code throws in its .ts file.

const FILE = 'strategies/w.ts';
const bars = generateBars({ ...DEMO_INSTRUMENTS[0]!.bars, count: 300 });
const noProgress = () => {};

async function compiled(lines: string[]): Promise<CompiledStrategy> {
  const out = await compileStrategy(FILE, lines.join('\n'));
  if (!out.ok) throw new Error(`did not compile: ${JSON.stringify(out.problems)}`);
  return out.compiled;
}

/** A strategy module whose setup body is `setupBody` (lines 5 on), with one int parameter `n`. */
function strategy(setupBody: string[], extra = ''): string[] {
  return [
    "import { defineStrategy } from 'candlewick';",
    'export default defineStrategy({',
    "  id: 'w', name: 'W', version: '2.1.0', params: [{ name: 'n', label: 'N', type: 'int', default: 5, min: 1, max: 50 }],",
    `  setup(ctx, p) {${extra}`,
    ...setupBody,
    '  },',
    '});',
  ];
}

function failureOf(run: () => unknown): AppFailure {
  try {
    run();
  } catch (error) {
    if (error instanceof AppFailure) return error;
    throw error;
  }
  throw new Error('did not fail');
}

const describeTask = tasks['strategy.describe'];
const runTask = (userStrategy: CompiledStrategy, params: Record<string, unknown> = {}) =>
  tasks['backtest.run']({ bars, timeframe: '1d' as Timeframe, calendar: 'stock', strategyId: 'w', userStrategy, params, settings: {} }, noProgress);

describe('strategy.describe', () => {
  it('evaluates the module and answers with its descriptor', async () => {
    const code = await compiled(strategy(['    return { onBar() {} };']));
    expect(describeTask(code)).toEqual({
      ok: true,
      descriptor: { id: 'w', name: 'W', description: '', version: '2.1.0', params: [{ name: 'n', label: 'N', type: 'int', default: 5, min: 1, max: 50 }] },
    });
  });

  it('reports a module without a default export (no position: main places it)', async () => {
    const code = await compiled(["import { defineStrategy } from 'candlewick';", 'export const s = defineStrategy;']);
    expect(describeTask(code)).toEqual({ ok: false, problem: { line: null, column: null, message: expect.stringMatching(/has no default export/) } });
  });

  it('reports a default export that is not a strategy, naming the fields', async () => {
    const code = await compiled(['export default { id: "Bad Id", name: "X", params: [{ name: "n", label: "N", type: "int", default: 1, min: 0 }] };']);
    const out = describeTask(code);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.problem.message).toMatch(/^the default export is not a strategy: /);
    expect(out.problem.message).toMatch(/id: must be 1–80 lowercase/);
    expect(out.problem.message).toMatch(/version: /);
    expect(out.problem.message).toMatch(/\(and \d+ more\)|params\[0\]\.max|setup: /);
  });

  it('reports default parameters outside their own ranges, and names declared twice', async () => {
    const outOfRange = await compiled([
      "export default { id: 'w', name: 'W', version: '1', params: [{ name: 'n', label: 'N', type: 'int', default: 99, min: 1, max: 50 }], setup: () => ({ onBar() {} }) };",
    ]);
    expect(describeTask(outOfRange)).toMatchObject({ ok: false, problem: { message: expect.stringMatching(/default parameters are not a valid set: w: n must be from 1 to 50, got 99/) } });
    const twice = await compiled([
      "const n = { name: 'n', label: 'N', type: 'int', default: 1, min: 1, max: 5 };",
      "export default { id: 'w', name: 'W', version: '1', params: [n, n], setup: () => ({ onBar() {} }) };",
    ]);
    expect(describeTask(twice)).toMatchObject({ ok: false, problem: { message: expect.stringMatching(/params\[1\]\.name: 'n' is declared twice/) } });
  });

  it('places an error thrown while loading at its line in the .ts file', async () => {
    const code = await compiled([
      "import { defineStrategy } from 'candlewick';",
      'interface Settings { depth: number }',
      'const settings: Settings | null = null as Settings | null;',
      '',
      'const depth: number = settings!.depth;',
      'export default depth;',
    ]);
    expect(describeTask(code)).toEqual({
      ok: false,
      problem: { line: 5, column: expect.any(Number), message: expect.stringMatching(/^loading failed: TypeError: Cannot read properties of null/) },
    });
  });

  it('refuses a require() of anything but the SDK at run time too', async () => {
    const code = await compiled(['const name = "node:" + "fs";', 'declare const require: (s: string) => unknown;', 'const fs = require(name);', 'export default fs;']);
    expect(describeTask(code)).toMatchObject({ ok: false, problem: { line: 3, message: expect.stringMatching(/cannot import 'node:fs'/) } });
  });
});

describe('backtest.run with a user strategy', () => {
  it('runs the compiled strategy and records its id and declared version', async () => {
    const code = await compiled(
      strategy([
        "    const sma = ctx.indicator('sma', { period: p.n });",
        '    return { onBar(i, t) { if (t.position === 0 && ctx.bars.close[i] > sma[i]) t.buy(); else if (t.position > 0 && ctx.bars.close[i] < sma[i]) t.close(); } };',
      ]),
    );
    const result = runTask(code, { n: 10 });
    expect(result.strategy).toEqual({ id: 'w', version: '2.1.0' });
    expect(result.params).toEqual({ n: 10 });
    expect(result.fills.length).toBeGreaterThan(2);
  });

  it('fails with STRATEGY_FAILED naming the file and the line of an error in onBar', async () => {
    const code = await compiled(
      strategy([
        '    const levels: number[] = [];',
        '    return {',
        '      onBar(i, t) {',
        '        if (i === 42) (t as unknown as { explode(): void }).explode();',
        '      },',
        '    };',
      ]),
    );
    const failure = failureOf(() => runTask(code));
    expect(failure.code).toBe('STRATEGY_FAILED');
    expect(failure.message).toMatch(/^strategies\/w\.ts:8:\d+: TypeError: .*explode is not a function/);
    expect(failure.details).toMatchObject({ file: FILE, line: 8 });
  });

  it('keeps the code of our own check raised through user code, and adds the place', async () => {
    const code = await compiled(strategy(['', "    const x = ctx.indicator('no-such-indicator', {});", '    return { onBar() {} };']));
    const failure = failureOf(() => runTask(code));
    expect(failure.code).toBe('NOT_FOUND');
    expect(failure.message).toMatch(/^strategies\/w\.ts:6:\d+: .*no-such-indicator/);
  });

  it('reports something thrown that is not an Error', async () => {
    const code = await compiled(strategy(["    throw 'not ready';"]));
    const failure = failureOf(() => runTask(code));
    expect(failure.code).toBe('STRATEGY_FAILED');
    expect(failure.message).toBe('strategies/w.ts: threw "not ready"');
  });

  it('fails with the load problem when the module does not load', async () => {
    const code = await compiled(['export const nothing = 1;']);
    const failure = failureOf(() => runTask(code));
    expect(failure.code).toBe('STRATEGY_FAILED');
    expect(failure.message).toMatch(/^strategies\/w\.ts: has no default export/);
  });
});

describe('strategy.resolveParams', () => {
  it("checks ranges and the strategy's own validate, as for a built-in", async () => {
    const code = await compiled([
      "import { defineStrategy } from 'candlewick';",
      'export default defineStrategy({',
      "  id: 'w', name: 'W', version: '1',",
      "  params: [{ name: 'fast', label: 'F', type: 'int', default: 5, min: 1, max: 50 }, { name: 'slow', label: 'S', type: 'int', default: 20, min: 2, max: 100 }],",
      "  validate: (p) => (Number(p.fast) < Number(p.slow) ? null : 'fast must be below slow'),",
      '  setup: () => ({ onBar() {} }),',
      '});',
    ]);
    const resolve = tasks['strategy.resolveParams'];
    expect(resolve({ strategy: code, params: { fast: '7' } })).toEqual({ fast: 7, slow: 20 });
    expect(failureOf(() => resolve({ strategy: code, params: { fast: 30, slow: 10 } })).message).toBe('w: fast must be below slow');
    expect(failureOf(() => resolve({ strategy: code, params: { slow: 500 } })).code).toBe('VALIDATION_FAILED');
  });
});

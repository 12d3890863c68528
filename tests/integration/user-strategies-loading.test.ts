import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserStrategies } from '../../src-main/backtest/user-strategies.ts';
import { createWorkerPool } from '../../src-main/jobs/worker-pool.ts';
import { EventBus } from '../../src-main/services/event-bus.ts';
import { tempDir } from '../support/temp-dir.ts';

// Loading runs a strategy's top level in a worker; one that never returns must cost a problem,
// not the strategy list, and the pool must carry on.

const tmp = tempDir();
const pool = createWorkerPool(undefined, 1);
afterAll(async () => {
  await pool.destroy();
  tmp.cleanup();
});

describe('UserStrategies loading', () => {
  it('reports a top level that never returns as a problem at its export, and loads the file once fixed', async () => {
    mkdirSync(join(tmp.dir, 'strategies'));
    const file = join(tmp.dir, 'strategies', 'spin.ts');
    const body = "  id: 'spin', name: 'Spin', version: '1', params: [],\n  setup: () => ({ onBar() {} }),\n});\n";
    writeFileSync(file, `import { defineStrategy } from 'candlewick';\n\nwhile (Date.now() > 0) {}\nexport default defineStrategy({\n${body}`);
    const bugs: unknown[] = [];
    const strategies = new UserStrategies(tmp.dir, new Set(), pool, new EventBus(), (e) => bugs.push(e), 3_000);
    try {
      const first = await strategies.snapshot();
      expect(first.strategies).toEqual([]);
      expect(first.problems).toEqual([
        { file: 'strategies/spin.ts', line: 4, column: 1, message: 'loading took longer than 3 s (an endless loop outside setup?)' },
      ]);
      writeFileSync(file, `import { defineStrategy } from 'candlewick';\n\nexport default defineStrategy({\n${body}`);
      const fixed = await strategies.rescan();
      expect(fixed.problems).toEqual([]);
      expect(fixed.strategies.map((s) => s.descriptor)).toEqual([
        { id: 'spin', name: 'Spin', description: '', version: '1', params: [], origin: 'user', file: 'strategies/spin.ts' },
      ]);
      expect(bugs).toEqual([]);
    } finally {
      strategies.close();
    }
  });

  it('has nothing to read for an in-memory workspace', async () => {
    const strategies = new UserStrategies(null, new Set(), pool, new EventBus(), () => {});
    expect(await strategies.snapshot()).toEqual({ strategies: [], problems: [] });
  });
});

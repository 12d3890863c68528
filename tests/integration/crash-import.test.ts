import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Timeframe } from '../../src-shared/domain/timeframe.ts';
import { generateBars } from '../../src-workers/bars/demo-data.ts';
import { BIN, ROOT, runCli } from '../support/cli.ts';
import { tempDir } from '../support/temp-dir.ts';

const ROWS = 400_000;
const KILLS = 20;

/**
 * `kill -9` during large imports, again and again: the database must always pass
 * `PRAGMA integrity_check`, and each import must be wholly present or wholly absent.
 */
describe('an import killed with SIGKILL leaves the workspace whole', () => {
  const tmp = tempDir();
  const dataDir = join(tmp.dir, 'ws');
  const file = join(tmp.dir, 'big-1m.csv');
  let fullRunMs = 0;

  beforeAll(async () => {
    const bars = generateBars({
      seed: 3, start: Date.UTC(2022, 0, 3), count: ROWS, timeframe: '1m' as Timeframe,
      startPrice: 100, annualVolatility: 0.3, annualDrift: 0, session: 'always',
    });
    const lines = ['timestamp,open,high,low,close,volume'];
    for (let i = 0; i < ROWS; i++) {
      lines.push(`${bars.time[i]},${bars.open[i]},${bars.high[i]},${bars.low[i]},${bars.close[i]},${bars.volume[i]}`);
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
    // One complete import first: the workspace already holds data that must survive every crash.
    const t = performance.now();
    const first = await runCli(['import', file, '--symbol', 'BASE', '--data-dir', dataDir, '--json']);
    fullRunMs = performance.now() - t;
    expect(first.stderr).toBe('');
    expect(JSON.parse(first.stdout).inserted).toBe(ROWS);
  }, 120_000);
  afterAll(() => tmp.cleanup());

  it(`survives ${KILLS} kills at random points of the import`, async () => {
    const outcomes: ('absent' | 'whole')[] = [];
    for (let k = 0; k < KILLS; k++) {
      const symbol = `KILL${k}`;
      // Spread the kills over the whole run, from start-up through parsing to the final write.
      const delay = fullRunMs * (0.3 + 0.75 * (k / (KILLS - 1)));
      await killDuringImport(['import', file, '--symbol', symbol, '--data-dir', dataDir, '--json'], delay);
      const db = new Database(join(dataDir, 'workspace.sqlite'));
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const base = db.prepare("SELECT s.count FROM bar_series s JOIN instruments i ON i.id = s.instrument_id WHERE i.symbol = 'BASE'").get() as { count: number };
        expect(base.count).toBe(ROWS);
        const row = db
          .prepare('SELECT i.id, s.count, (SELECT SUM(count) FROM bar_chunks c WHERE c.instrument_id = i.id) AS chunked FROM instruments i LEFT JOIN bar_series s ON s.instrument_id = i.id WHERE i.symbol = ?')
          .get(symbol) as { id: number; count: number; chunked: number } | undefined;
        if (row === undefined) {
          outcomes.push('absent');
        } else {
          expect(row.count).toBe(ROWS);
          expect(row.chunked).toBe(ROWS);
          outcomes.push('whole');
        }
      } finally {
        db.close();
      }
    }
    // The kills must really have interrupted imports, not only hit finished ones.
    expect(outcomes.filter((o) => o === 'absent').length).toBeGreaterThan(0);
    console.info(`kill -9 outcomes: ${outcomes.filter((o) => o === 'absent').length} absent, ${outcomes.filter((o) => o === 'whole').length} whole`);
  }, 600_000);
});

function killDuringImport(args: string[], delayMs: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

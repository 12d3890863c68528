import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The real market data beside the project (`../shared/data`, or `CANDLEWICK_TEST_DATA`).
 * Null where neither exists: tests over it then skip with a visible notice, so a fresh clone's
 * `npm test` still passes; CI always has it.
 */
export const sharedDataDir: string | null = (() => {
  const candidates = [process.env.CANDLEWICK_TEST_DATA, resolve(__dirname, '../../../shared/data')];
  for (const dir of candidates) if (dir && existsSync(join(dir, 'orcl-1995-2014.csv'))) return dir;
  return null;
})();

if (!sharedDataDir) {
  console.warn('NOTICE: ../shared/data not found (set CANDLEWICK_TEST_DATA); tests over real market data are skipped.');
}

export function sharedDataFile(name: string): string {
  if (!sharedDataDir) throw new Error('shared data is not available');
  return join(sharedDataDir, name);
}

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One row of a Yahoo daily CSV export (`Date,Open,High,Low,Close,Adj Close,Volume`). */
export interface CsvDailyRow {
  readonly date: string;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly adjClose: number;
  readonly volume: number;
}

/**
 * The real market data folder beside the project (tests/README: `CANDLEWICK_TEST_DATA`, else
 * `../shared/data` from the repository), or null where neither holds the daily files.
 */
export function findTestDataDir(): string | null {
  const beside = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
  for (const dir of [process.env.CANDLEWICK_TEST_DATA, beside]) {
    if (dir && existsSync(join(dir, 'orcl-1995-2014.csv'))) return dir;
  }
  return null;
}

const cache = new Map<string, CsvDailyRow[]>();

/** The rows of a daily export, oldest first; rows Yahoo wrote as `null` (no trading) are left out. */
export function readDailyCsv(path: string): CsvDailyRow[] {
  const cached = cache.get(path);
  if (cached) return cached;
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const header = lines[0]!.trim();
  if (header !== 'Date,Open,High,Low,Close,Adj Close,Volume') throw new Error(`${path}: not a Yahoo daily export (header "${header}")`);
  const rows: CsvDailyRow[] = [];
  for (const line of lines.slice(1)) {
    if (line.trim() === '' || line.includes('null')) continue;
    const [date, open, high, low, close, adjClose, volume] = line.split(',');
    rows.push({ date: date!, open: Number(open), high: Number(high), low: Number(low), close: Number(close), adjClose: Number(adjClose), volume: Number(volume) });
  }
  cache.set(path, rows);
  return rows;
}

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliSync } from '../support/cli.ts';
import { sharedDataDir, sharedDataFile } from '../support/shared-data.ts';
import { tempDir } from '../support/temp-dir.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe.skipIf(!sharedDataDir)('candlewick import / bars / symbols over real data', () => {
  const dataDir = join(tmp.dir, 'real');

  it('imports ORCL: 5,036 daily bars, then 0 on re-import', async () => {
    const first = await runCli(['import', sharedDataFile('orcl-1995-2014.csv'), '--symbol', 'ORCL', '--data-dir', dataDir, '--json']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report).toMatchObject({ instrument: 'ORCL', timeframe: '1d', inserted: 5036, unchanged: 0, rejected: [] });
    const again = JSON.parse((await runCli(['import', sharedDataFile('orcl-1995-2014.csv'), '--symbol', 'ORCL', '--data-dir', dataDir, '--json'])).stdout);
    expect(again).toMatchObject({ inserted: 0, unchanged: 5036, updated: 0 });
  });

  it('prints bars as [time, o, h, l, c, v] rows with ISO first and last', async () => {
    const out = await runCli(['bars', '--symbol', 'ORCL', '--timeframe', '1d', '--from', '2014-12-30', '--data-dir', dataDir, '--json']);
    expect(out.code).toBe(0);
    const bars = JSON.parse(out.stdout);
    // The file's last two rows: 2014-12-30 and 2014-12-31.
    expect(bars).toEqual({
      count: 2,
      first: '2014-12-30T00:00:00.000Z',
      last: '2014-12-31T00:00:00.000Z',
      bars: [
        [Date.UTC(2014, 11, 30), 45.549999, 45.66, 45.290001, 45.34, 9968400],
        [Date.UTC(2014, 11, 31), 45.450001, 45.560001, 44.970001, 44.970001, 13269200],
      ],
    });
  });

  it('resamples daily bars to weekly and monthly on demand', async () => {
    const monthly = JSON.parse(
      (await runCli(['bars', '--symbol', 'ORCL', '--timeframe', '1M', '--from', '2014-12-01', '--data-dir', dataDir, '--json'])).stdout,
    );
    expect(monthly.count).toBe(1);
    const [time, , , , close] = monthly.bars[0];
    expect(time).toBe(Date.UTC(2014, 11, 1));
    expect(close).toBe(44.970001);
  });

  it('lists symbols with their series', async () => {
    const out = await runCli(['symbols', '--data-dir', dataDir, '--json']);
    const list = JSON.parse(out.stdout);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ symbol: 'ORCL', source: 'csv', series: [{ timeframe: '1d', count: 5036, first: '1995-01-03T00:00:00.000Z', last: '2014-12-31T00:00:00.000Z' }] });
  });
});

describe('bad input exits non-zero with one line and writes nothing', () => {
  const dataDir = join(tmp.dir, 'bad');
  const good = 'Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10.5,1000\n2024-01-03,10.5,12,10,11.5,1200\n2024-01-04,11.5,12.5,11,12,900\n';

  async function importFails(name: string, content: string | Uint8Array, message: RegExp): Promise<void> {
    const file = join(tmp.dir, name);
    writeFileSync(file, content);
    const before = snapshot();
    const r = await runCli(['import', file, '--symbol', 'BAD', '--data-dir', dataDir, '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(snapshot()).toEqual(before);
  }

  function snapshot() {
    return JSON.parse(runCliSync(['symbols', '--data-dir', dataDir, '--json']).stdout);
  }

  beforeAll(() => writeFileSync(join(tmp.dir, 'good.csv'), good));

  it('starts from a workspace holding one good import', async () => {
    const file = join(tmp.dir, 'good.csv');
    const r = await runCli(['import', file, '--symbol', 'GOOD', '--data-dir', dataDir, '--json']);
    expect(JSON.parse(r.stdout).inserted).toBe(3);
  });

  it('a missing file', async () => {
    const r = await runCli(['import', join(tmp.dir, 'nope.csv'), '--symbol', 'X', '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot read .*nope\.csv: no such file/);
  });

  it('a truncated file', () => importFails('truncated.csv', good + '2024-01-05,12,12.5', /truncated/));
  it('a binary file', () => importFails('binary.csv', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2, 3, 0, 255, 254]), /not a text CSV/));
  it('a file of garbage', () => importFails('garbage.csv', 'hello world\nthis is, not, a price file\n', /./));
  it('an empty file', () => importFails('empty.csv', '', /empty/i));

  it('a usage error exits 2 with the usage', async () => {
    const r = await runCli(['import', join(tmp.dir, 'good.csv'), '--data-dir', dataDir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--symbol is required');
  });

  it('refuses an unknown time zone by name', async () => {
    const r = await runCli(['import', join(tmp.dir, 'good.csv'), '--symbol', 'G', '--tz', 'Mars/Olympus', '--data-dir', dataDir]);
    expect(r.stderr).toContain('--tz');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Mars/Olympus');
  });
});

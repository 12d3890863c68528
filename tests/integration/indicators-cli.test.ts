import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src-workers/indicators/catalogue/index.ts';
import { runCli } from '../support/cli.ts';
import { sharedDataDir, sharedDataFile } from '../support/shared-data.ts';
import { tempDir } from '../support/temp-dir.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('candlewick indicators', () => {
  it('lists the catalogue as JSON', async () => {
    const r = await runCli(['indicators', '--json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { id: string; params: { name: string; default: unknown }[] }[];
    expect(list.map((d) => d.id)).toEqual(CATALOGUE.map((d) => d.descriptor.id));
    expect(list.find((d) => d.id === 'bb')!.params).toMatchObject([
      { name: 'period', default: 20 },
      { name: 'k', default: 2 },
      { name: 'source', default: 'close' },
    ]);
  });

  it('lists it for people, grouped', async () => {
    const r = await runCli(['indicators']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^momentum$/m);
    expect(r.stdout).toMatch(/^ {2}rsi +RSI +period=14\(2\.\.1000\) source=close\(close\|open\|high\|low\) +→ value +\[pane, kernel\]$/m);
    expect(r.stdout).toContain(`${CATALOGUE.length} indicators.`);
  });
});

describe.skipIf(!sharedDataDir)('candlewick indicator over ORCL', () => {
  const dataDir = join(tmp.dir, 'orcl');
  const closes: number[] = [];

  beforeAll(async () => {
    const file = sharedDataFile('orcl-1995-2014.csv');
    const imported = await runCli(['import', file, '--symbol', 'ORCL', '--data-dir', dataDir, '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    for (const line of readFileSync(file, 'utf8').trim().split(/\r?\n/).slice(1)) closes.push(Number(line.split(',')[4]));
  });

  it('prints the 20-day SMA for every bar: null while warming up, then the mean of the last 20 closes', async () => {
    const r = await runCli(['indicator', '--symbol', 'ORCL', '--timeframe', '1d', '--name', 'sma', '--param', 'period=20', '--data-dir', dataDir, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { name: string; params: Record<string, number>; time: number[]; outputs: Record<string, (number | null)[]> };
    expect(out.name).toBe('sma');
    expect(out.params).toEqual({ period: 20, source: 'close' });
    expect(out.time).toHaveLength(5036);
    expect(out.time[0]).toBe(Date.UTC(1995, 0, 3));
    expect(Object.keys(out.outputs)).toEqual(['value']);
    const sma = out.outputs.value!;
    expect(sma).toHaveLength(5036);
    expect(sma.slice(0, 19)).toEqual(Array(19).fill(null));
    const mean20 = closes.slice(0, 20).reduce((a, b) => a + b, 0) / 20;
    expect(sma[19]).toBeCloseTo(mean20, 12);
    const lastMean = closes.slice(-20).reduce((a, b) => a + b, 0) / 20;
    expect(sma[5035]).toBeCloseTo(lastMean, 12);
  });

  it('fills every default and honours --from / --to', async () => {
    const r = await runCli([
      'indicator', '--symbol', 'ORCL', '--timeframe', '1d', '--name', 'macd', '--param', 'signal=5',
      '--from', '2014-12-01', '--to', '2014-12-31', '--data-dir', dataDir, '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.params).toEqual({ fast: 12, slow: 26, signal: 5, source: 'close' });
    expect(out.time[0]).toBe(Date.UTC(2014, 11, 1));
    expect(out.time.at(-1)).toBe(Date.UTC(2014, 11, 31));
    expect(Object.keys(out.outputs)).toEqual(['macd', 'signal', 'histogram']);
    // Computed over the whole history, so even the first bar of the window has every value.
    expect(out.outputs.signal.every((v: number | null) => typeof v === 'number')).toBe(true);
  });

  it('without --json prints a short summary', async () => {
    const r = await runCli(['indicator', '--symbol', 'ORCL', '--timeframe', '1d', '--name', 'rsi', '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ORCL 1d rsi(period=14, source=close): 5,036 bars from 1995-01-03T00:00:00.000Z to 2014-12-31T00:00:00.000Z');
    expect(r.stdout).toContain('warm-up: 14 bars without a value');
  });

  it('a weekly RSI on the daily chart', async () => {
    const r = await runCli(['indicator', '--symbol', 'ORCL', '--timeframe', '1w', '--name', 'rsi', '--data-dir', dataDir, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).time.length).toBeGreaterThan(1000);
  });

  it('bad usage exits 2 with a message naming the problem', async () => {
    const cases: [string[], RegExp][] = [
      [['--name', 'nope'], /No indicator "nope"; see candlewick indicators/],
      [['--name', 'rsii'], /No indicator "rsii"; did you mean "rsi"\? see candlewick indicators/],
      [['--name', 'sma', '--param', 'period=0'], /--param\.period: period must be between 1 and 5000 \(got 0\)/],
      [['--name', 'sma', '--param', 'length=3'], /sma has no parameter "length"/],
      [['--name', 'sma', '--param', 'period'], /--param "period" is not name=value/],
      [['--name', 'macd', '--param', 'fast=30'], /fast \(30\) must be less than slow \(26\)/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(['indicator', '--symbol', 'ORCL', '--timeframe', '1d', ...args, '--data-dir', dataDir, '--json']);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
    }
    const noSymbol = await runCli(['indicator', '--symbol', 'MSFT', '--timeframe', '1d', '--name', 'sma', '--data-dir', dataDir]);
    expect(noSymbol.code).toBe(1);
    expect(noSymbol.stderr).toContain('No instrument "MSFT"');
  });
});

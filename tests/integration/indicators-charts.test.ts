import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../src-main/core-api.ts';
import { createCore, type CoreInternals } from '../../src-main/core.ts';
import { defaultMigrationsFolder, openWorkspace } from '../../src-main/storage/database.ts';
import type { AppError } from '../../src-shared/contract/errors.ts';
import { tempDir } from '../support/temp-dir.ts';

// Presets, the chart layout and watchlists: persisted in the workspace database, one
// transaction per save, events on change.

const tmp = tempDir();
let core: CoreInternals;
const events: CoreEvent[] = [];
const ids: number[] = [];

type Outcome<T> = { ok: true; value: T } | { ok: false; error: AppError };
const call = <T = unknown>(channel: string, input: unknown) => core.router.handle(channel, input, { transport: 'local' }) as Promise<Outcome<T>>;
async function ok<T>(channel: string, input: unknown): Promise<T> {
  const r = await call<T>(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
  return r.value;
}
async function fails(channel: string, input: unknown): Promise<AppError> {
  const r = await call(channel, input);
  if (r.ok) throw new Error(`${channel} succeeded`);
  return r.error;
}

const open = () => createCore({ dataDir: tmp.dir, poolSize: 1, seedDemo: false, validateOutput: true });

beforeAll(async () => {
  core = await open();
  core.onEvent((e) => events.push(e));
  for (const symbol of ['AAA', 'BBB', 'CCC']) {
    ids.push(
      core.services.instruments.ensure({ symbol, venue: '', assetClass: 'stock', currency: 'USD', tickSize: 0.01, lotSize: 1, source: 'csv' }).id,
    );
  }
});

afterAll(async () => {
  await core.close();
  tmp.cleanup();
});

const rsiPreset = [
  { key: 'rsi', config: { id: 'rsi', params: { period: 14 }, fuzzy: [{ name: 'low', output: 'value', shape: 'trapezoid', points: [0, 0, 30, 40] }] }, pane: 1 },
  { key: 'sma50', config: { id: 'sma', params: { period: 50 } }, colors: { value: '#ff8800' }, pane: 0 },
];

describe('presets', () => {
  it('saves, lists (sorted, with defaults filled) and replaces by name', async () => {
    expect(await ok('presets.list', {})).toEqual([]);
    const saved = await ok<{ name: string; updatedAt: number }>('presets.save', { name: 'Momentum', indicators: rsiPreset });
    expect(saved.name).toBe('Momentum');
    await ok('presets.save', { name: 'Trend', indicators: [rsiPreset[1]] });
    const list = await ok<{ name: string; indicators: { key: string; visible: boolean; colors: object }[] }[]>('presets.list', {});
    expect(list.map((p) => p.name)).toEqual(['Momentum', 'Trend']);
    expect(list[0]!.indicators[0]).toMatchObject({ key: 'rsi', visible: true, colors: {}, config: { id: 'rsi', params: { period: 14 } } });
    await ok('presets.save', { name: 'Momentum', indicators: [{ key: 'macd', config: { id: 'macd' }, pane: 1 }] });
    const replaced = await ok<{ name: string; indicators: { key: string }[] }[]>('presets.list', {});
    expect(replaced).toHaveLength(2);
    expect(replaced[0]!.indicators.map((i) => i.key)).toEqual(['macd']);
    expect(events.filter((e) => e.name === 'presets.changed').map((e) => e.payload)).toEqual([
      { names: ['Momentum'] },
      { names: ['Trend'] },
      { names: ['Momentum'] },
    ]);
  });

  it('refuses a preset with a bad indicator, naming it, and keeps the old one', async () => {
    const bad = await fails('presets.save', { name: 'Trend', indicators: [{ key: 's', config: { id: 'sma', params: { period: -3 } }, pane: 0 }] });
    expect(bad.code).toBe('VALIDATION_FAILED');
    expect(bad.message).toContain('indicators[0].config.params.period');
    const unknown = await fails('presets.save', { name: 'Trend', indicators: [{ key: 's', config: { id: 'nope' }, pane: 0 }] });
    expect(unknown).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(unknown.message).toContain('indicators[0].config.id: No indicator "nope"');
    const list = await ok<{ name: string; indicators: { key: string }[] }[]>('presets.list', {});
    expect(list.find((p) => p.name === 'Trend')!.indicators.map((i) => i.key)).toEqual(['sma50']);
  });

  it('removes by name', async () => {
    expect(await ok('presets.remove', { name: 'Trend' })).toEqual({ removed: true });
    expect(await ok('presets.remove', { name: 'Trend' })).toEqual({ removed: false });
    expect((await ok<{ name: string }[]>('presets.list', {})).map((p) => p.name)).toEqual(['Momentum']);
  });
});

describe('chart layout', () => {
  const layout = {
    instrumentId: 1,
    timeframe: '1h',
    chartType: 'candles',
    showVolume: true,
    indicators: rsiPreset,
    priceLines: [{ price: 101.5, color: '#00ff00' }],
    paneHeights: [0.7, 0.3],
  };

  it('is null before the first save, then round-trips and survives a restart', async () => {
    expect(await ok('layout.get', {})).toBeNull();
    expect(await ok('layout.save', { layout })).toEqual({ saved: true });
    const read = await ok<typeof layout>('layout.get', {});
    expect(read).toMatchObject({ ...layout, priceLines: [{ price: 101.5, color: '#00ff00', title: '' }] });
    await ok('layout.save', { layout: { ...layout, timeframe: '1d', indicators: [] } });
    await core.close();
    core = await open();
    core.onEvent((e) => events.push(e));
    expect(await ok('layout.get', {})).toMatchObject({ timeframe: '1d', indicators: [] });
  });

  it('refuses to save an indicator with bad parameters', async () => {
    const bad = await fails('layout.save', { layout: { ...layout, indicators: [{ key: 'x', config: { id: 'macd', params: { fast: 30 } }, pane: 1 }] } });
    expect(bad.message).toContain('layout.indicators[0].config.params.fast: fast (30) must be less than slow (26)');
    expect(await ok('layout.get', {})).toMatchObject({ timeframe: '1d' });
  });

  it('a stored layout that no longer validates (or is not JSON) reads as null, not as a crash', async () => {
    core.services.workspace.sqlite.prepare("UPDATE layouts SET layout = ? WHERE key = 'chart'").run(JSON.stringify({ timeframe: 'weekly', chartType: 'renko' }));
    expect(await ok('layout.get', {})).toBeNull();
    core.services.workspace.sqlite.prepare("UPDATE layouts SET layout = ? WHERE key = 'chart'").run('{not json');
    expect(await ok('layout.get', {})).toBeNull();
    await ok('layout.save', { layout });
    expect(await ok('layout.get', {})).toMatchObject({ timeframe: '1h' });
  });
});

describe('watchlists', () => {
  it('creates and replaces watchlists of existing instruments, in order, without repeats', async () => {
    const before = events.length;
    const tech = await ok<{ id: number }>('watchlists.save', { name: 'Tech', instrumentIds: [ids[2], ids[0], ids[2]] });
    expect(tech).toEqual({ id: tech.id, name: 'Tech', instrumentIds: [ids[2], ids[0]] });
    const other = await ok<{ id: number }>('watchlists.save', { name: 'Empty', instrumentIds: [] });
    expect(await ok('watchlists.list', {})).toEqual([
      { id: tech.id, name: 'Tech', instrumentIds: [ids[2], ids[0]] },
      { id: other.id, name: 'Empty', instrumentIds: [] },
    ]);
    await ok('watchlists.save', { id: tech.id, name: 'Tech stocks', instrumentIds: [ids[1], ids[2]] });
    expect((await ok<unknown[]>('watchlists.list', {}))[0]).toEqual({ id: tech.id, name: 'Tech stocks', instrumentIds: [ids[1], ids[2]] });
    expect(events.slice(before).filter((e) => e.name === 'watchlists.changed').map((e) => e.payload)).toEqual([
      { ids: [tech.id] },
      { ids: [other.id] },
      { ids: [tech.id] },
    ]);
  });

  it('refuses an instrument that does not exist, naming it, and changes nothing', async () => {
    const [tech] = await ok<{ id: number; instrumentIds: number[] }[]>('watchlists.list', {});
    const error = await fails('watchlists.save', { id: tech!.id, name: 'Tech', instrumentIds: [ids[0], 4242] });
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'instrumentIds[1]: no instrument with id 4242' });
    expect((await ok<{ instrumentIds: number[] }[]>('watchlists.list', {}))[0]!.instrumentIds).toEqual(tech!.instrumentIds);
    expect(await fails('watchlists.save', { id: 999, name: 'Ghost', instrumentIds: [] })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('deleting an instrument drops it from every watchlist, and says so', async () => {
    const [tech] = await ok<{ id: number }[]>('watchlists.list', {});
    const before = events.length;
    await ok('instruments.remove', { instrumentId: ids[2] });
    expect((await ok<{ instrumentIds: number[] }[]>('watchlists.list', {}))[0]!.instrumentIds).toEqual([ids[1]]);
    expect(events.slice(before).find((e) => e.name === 'watchlists.changed')?.payload).toEqual({ ids: [tech!.id] });
  });

  it('removes a watchlist', async () => {
    const [first] = await ok<{ id: number }[]>('watchlists.list', {});
    expect(await ok('watchlists.remove', { id: first!.id })).toEqual({ removed: true });
    expect(await ok('watchlists.remove', { id: first!.id })).toEqual({ removed: false });
    expect((await ok<{ name: string }[]>('watchlists.list', {})).map((w) => w.name)).toEqual(['Empty']);
  });
});

describe('migration 0001_charts', () => {
  it('upgrades a workspace written before it, keeping its data', () => {
    const dir = join(tmp.dir, 'old');
    const oldMigrations = join(tmp.dir, 'migrations-0000');
    mkdirSync(dir, { recursive: true });
    cpSync(defaultMigrationsFolder(), oldMigrations, { recursive: true });
    const journalFile = join(oldMigrations, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
    journal.entries = journal.entries.filter((e) => e.tag === '0000_initial');
    writeFileSync(journalFile, JSON.stringify(journal));

    const before = openWorkspace(dir, oldMigrations);
    before.sqlite
      .prepare("INSERT INTO instruments (symbol, venue, asset_class, currency, tick_size, lot_size, source, created_at) VALUES ('OLD', '', 'stock', 'USD', 0.01, 1, 'csv', 1)")
      .run();
    expect(before.sqlite.prepare("SELECT name FROM sqlite_master WHERE name = 'presets'").get()).toBeUndefined();
    before.close();

    const after = openWorkspace(dir);
    const tables = after.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['layouts', 'presets', 'watchlists', 'watchlist_items']));
    expect(after.sqlite.prepare('SELECT symbol FROM instruments').pluck().all()).toEqual(['OLD']);
    after.close();
  });
});

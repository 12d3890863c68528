import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../src-shared/contract/errors.ts';
import { defaultMigrationsFolder, knownSchemaVersion, openWorkspace, WORKSPACE_FILE } from '../../../src-main/storage/database.ts';
import { tempDir } from '../../support/temp-dir.ts';

describe('workspace database', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('is created with migrations applied, WAL and foreign keys on', () => {
    const dir = join(tmp.dir, 'fresh');
    const ws = openWorkspace(dir);
    expect(existsSync(join(dir, WORKSPACE_FILE))).toBe(true);
    expect(ws.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(ws.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(ws.sqlite.pragma('user_version', { simple: true })).toBe(knownSchemaVersion(defaultMigrationsFolder()));
    const tables = ws.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['bar_chunks', 'bar_series', 'imports', 'instruments', 'jobs', 'meta']));
    ws.close();
  });

  it('opens again without re-running migrations', () => {
    const dir = join(tmp.dir, 'again');
    openWorkspace(dir).close();
    const ws = openWorkspace(dir);
    expect(ws.sqlite.prepare('SELECT COUNT(*) FROM __drizzle_migrations').pluck().get()).toBe(knownSchemaVersion(defaultMigrationsFolder()));
    ws.close();
  });

  it('upgrades a workspace of the previous schema with the latest migration, keeping its data', () => {
    // The migrations folder as the previous release shipped it: every migration but the last.
    const latest = defaultMigrationsFolder();
    const previous = join(tmp.dir, 'previous-migrations');
    cpSync(latest, previous, { recursive: true });
    const journalFile = join(previous, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
    const last = journal.entries.pop()!;
    rmSync(join(previous, `${last.tag}.sql`));
    writeFileSync(journalFile, JSON.stringify(journal));

    const dir = join(tmp.dir, 'upgrade');
    const old = openWorkspace(dir, previous);
    old.sqlite.prepare("INSERT INTO instruments (symbol, asset_class, currency, tick_size, lot_size, source, created_at) VALUES ('OLD', 'stock', 'USD', 0.01, 1, 'csv', 0)").run();
    old.close();
    const ws = openWorkspace(dir);
    expect(ws.sqlite.pragma('user_version', { simple: true })).toBe(knownSchemaVersion(latest));
    expect(ws.sqlite.prepare('SELECT COUNT(*) FROM __drizzle_migrations').pluck().get()).toBe(knownSchemaVersion(latest));
    expect(ws.sqlite.prepare('SELECT symbol FROM instruments').pluck().all()).toEqual(['OLD']);
    ws.close();
  });

  it('refuses a database written by a newer version, with a clear message, and leaves it untouched', () => {
    const dir = join(tmp.dir, 'newer');
    openWorkspace(dir).close();
    const raw = new Database(join(dir, WORKSPACE_FILE));
    const future = knownSchemaVersion(defaultMigrationsFolder()) + 3;
    raw.pragma(`user_version = ${future}`);
    raw.close();
    let error: unknown;
    try {
      openWorkspace(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).code).toBe('WORKSPACE_TOO_NEW');
    expect((error as AppFailure).message).toMatch(/newer version of Candlewick \(schema \d+; this version understands up to \d+\)/);
    const after = new Database(join(dir, WORKSPACE_FILE));
    expect(after.pragma('user_version', { simple: true })).toBe(future);
    after.close();
  });

  it('names the folder when it cannot be created', () => {
    const blocker = join(tmp.dir, 'file');
    writeFileSync(blocker, 'x');
    expect(() => openWorkspace(join(blocker, 'sub'))).toThrow(/Cannot create the workspace folder .*file\/sub/);
  });
});

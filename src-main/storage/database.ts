import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { AppFailure } from '../../src-shared/contract/errors.ts';
import * as schema from './schema.ts';

export type Db = BetterSQLite3Database<typeof schema>;

/** An open workspace database: drizzle for most tables, the raw handle for the bar store. */
export interface Workspace {
  readonly db: Db;
  readonly sqlite: Database.Database;
  readonly file: string;
  readonly schemaVersion: number;
  close(): void;
}

export const WORKSPACE_FILE = 'workspace.sqlite';
/** SQLite before this has a WAL-reset corruption bug with several connections (LIBRARIES.md). */
const MIN_SQLITE = [3, 51, 3];

export function defaultMigrationsFolder(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return join(here, 'migrations');
}

/** How many migrations this build knows; stored in `PRAGMA user_version` after migrating. */
export function knownSchemaVersion(migrationsFolder: string): number {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

/**
 * Opens (creating if needed) the workspace in `dataDir`, refuses one written by a newer version,
 * applies pending migrations in one transaction, and sets the pragmas every connection needs.
 */
export function openWorkspace(dataDir: string, migrationsFolder = defaultMigrationsFolder()): Workspace {
  const file = dataDir === ':memory:' ? ':memory:' : join(dataDir, WORKSPACE_FILE);
  if (file !== ':memory:') ensureFolder(dataDir);
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file);
  } catch (error) {
    throw new AppFailure('WORKSPACE_UNAVAILABLE', `Cannot open workspace ${file}: ${(error as Error).message}`);
  }
  try {
    checkSqliteVersion(sqlite);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // Bar chunks are large blobs: reading them through the OS page cache mapping saves a copy.
    sqlite.pragma('mmap_size = 1073741824');
    const known = knownSchemaVersion(migrationsFolder);
    const found = sqlite.pragma('user_version', { simple: true }) as number;
    if (found > known) {
      throw new AppFailure(
        'WORKSPACE_TOO_NEW',
        `The workspace ${file} was written by a newer version of Candlewick (schema ${found}; ` +
          `this version understands up to ${known}). Upgrade Candlewick, or choose another folder with --data-dir.`,
        { file, found, known },
      );
    }
    const db = drizzle(sqlite, { schema });
    if (found < known) {
      migrate(db, { migrationsFolder });
      sqlite.pragma(`user_version = ${known}`);
    }
    return { db, sqlite, file, schemaVersion: known, close: () => sqlite.close() };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

function ensureFolder(dataDir: string): void {
  try {
    if (!existsSync(dataDir)) mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new AppFailure('WORKSPACE_UNAVAILABLE', `Cannot create the workspace folder ${dataDir}: ${(error as Error).message}`);
  }
}

function checkSqliteVersion(sqlite: Database.Database): void {
  const version = sqliteVersion(sqlite);
  const parts = version.split('.').map(Number);
  for (let i = 0; i < MIN_SQLITE.length; i++) {
    if ((parts[i] ?? 0) > MIN_SQLITE[i]!) return;
    if ((parts[i] ?? 0) < MIN_SQLITE[i]!) {
      throw new AppFailure('WORKSPACE_UNAVAILABLE', `SQLite ${version} is too old; Candlewick needs ${MIN_SQLITE.join('.')} or newer`);
    }
  }
}

export function sqliteVersion(sqlite: Database.Database): string {
  return (sqlite.prepare('select sqlite_version() as v').get() as { v: string }).v;
}

import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { assertMigrationOrder, migrations as allMigrations } from './migrations/index.ts';
import type { Migration } from './migrations/migration.ts';

export type Db = Database.Database;
export const DATABASE_FILE = 'depotline.sqlite';

export class SchemaTooNewError extends Error {
  readonly found: number;
  readonly supported: number;
  constructor(file: string, found: number, supported: number) {
    super(
      `The database ${file} has schema version ${found}, written by a newer Depotline; this one understands up to ` +
        `version ${supported}. Nothing was changed. Update Depotline, or choose another --data-dir.`,
    );
    this.name = 'SchemaTooNewError';
    this.found = found;
    this.supported = supported;
  }
}

export interface OpenOptions {
  migrations?: readonly Migration[];
}

/**
 * Opens (creating if needed) the station database in `dataDir` and brings its schema up
 * to date. A database from a newer Depotline is refused before anything is written to it:
 * its version is read through a read-only handle first, because even switching the
 * journal mode to WAL would change the file.
 */
export function openDatabase(dataDir: string, options: OpenOptions = {}): Db {
  const migrations = options.migrations ?? allMigrations;
  assertMigrationOrder(migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, DATABASE_FILE);

  if (existsSync(file)) {
    const probe = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const found = probe.pragma('user_version', { simple: true }) as number;
      if (found > latest) throw new SchemaTooNewError(file, found, latest);
    } finally {
      probe.close();
    }
  }

  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL'); // a bench loses power; a staged device's record must survive it
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // 64 MiB of page cache (SQLite's default is 2 MiB): a million-asset registry's indexes are
    // read at random by searches and imports, and a bulk import's transaction would otherwise
    // spill pages to the WAL mid-way.
    db.pragma('cache_size = -65536');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Runs every pending migration in one transaction: a half-upgraded schema never exists. */
export function migrate(db: Db, migrations: readonly Migration[]): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) throw new SchemaTooNewError(db.name, current, latest);
  const pending = migrations.filter((migration) => migration.version > current);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const migration of pending) {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
  return latest;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  DATABASE_FILE,
  openDatabase,
  SchemaTooNewError,
  schemaVersion,
} from '../../electron/core/store/db.ts';
import {
  assertMigrationOrder,
  LATEST_SCHEMA_VERSION,
  migrations,
} from '../../electron/core/store/migrations/index.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('migrations', () => {
  it('are numbered in increasing steps of 10', () => {
    expect(() => assertMigrationOrder(migrations)).not.toThrow();
    expect(() =>
      assertMigrationOrder([
        { version: 20, name: 'b', up() {} },
        { version: 10, name: 'a', up() {} },
      ]),
    ).toThrow(/out of order/);
    expect(() => assertMigrationOrder([{ version: 15, name: 'odd', up() {} }])).toThrow(/step of 10/);
  });

  it('build the latest schema on an empty folder, with WAL and full sync', () => {
    const db = openDatabase(tempDir());
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = db
      .prepare<[], { name: string; strict: number }>(
        "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'",
      )
      .all();
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['assets', 'audit_head', 'audit_log', 'settings']),
    );
    // Every table of ours is STRICT (FTS5's own shadow tables are type 'shadow', not ours to declare).
    expect(tables.filter((t) => t.strict !== 1).map((t) => t.name)).toEqual([]);
    db.close();
  });

  // Upgrading from every earlier version: a database stopped at each step reaches the latest
  // schema and keeps its rows.
  for (const [index, stopAt] of migrations.entries()) {
    it(`upgrade a database left at version ${stopAt.version} to the latest, keeping its data`, () => {
      const dir = tempDir();
      const old = openDatabase(dir, { migrations: migrations.slice(0, index + 1) });
      expect(schemaVersion(old)).toBe(stopAt.version);
      old.prepare("INSERT INTO settings (key, value) VALUES ('stationName', '\"Hub B\"')").run();
      old.close();

      const db = openDatabase(dir);
      expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
      expect(db.prepare("SELECT value FROM settings WHERE key = 'stationName'").pluck().get()).toBe(
        '"Hub B"',
      );
      db.close();
    });
  }

  it('roll back entirely when one migration fails', () => {
    const dir = tempDir();
    const broken = [
      ...migrations,
      {
        version: LATEST_SCHEMA_VERSION + 10,
        name: 'broken',
        up: (db: Database.Database) =>
          db.exec('CREATE TABLE half (x INTEGER) STRICT; SELECT * FROM nowhere;'),
      },
    ];
    expect(() => openDatabase(dir, { migrations: broken })).toThrow(/nowhere/);
    const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(
      db.prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('half', 'assets')").pluck().get(),
    ).toBe(0);
    db.close();
  });

  it('refuse a database from a newer Depotline and leave it byte for byte untouched', () => {
    const dir = tempDir();
    const file = join(dir, DATABASE_FILE);
    const future = new Database(file);
    future.exec('CREATE TABLE future_things (id INTEGER PRIMARY KEY); INSERT INTO future_things VALUES (1);');
    future.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 10}`);
    future.close();
    const before = sha256(file);

    let error: unknown;
    try {
      openDatabase(dir);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SchemaTooNewError);
    expect((error as Error).message).toMatch(
      new RegExp(`schema version ${LATEST_SCHEMA_VERSION + 10}.*Nothing was changed`),
    );
    expect(sha256(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });
});

describe('migration 0010 (initial)', () => {
  it('makes the audit log append-only for the application', () => {
    const db = openDatabase(tempDir());
    db.prepare("INSERT INTO audit_log VALUES (1, 'at', 'a', 's', 'x', 'y', '{}', 'p', 'h')").run();
    expect(() => db.prepare("UPDATE audit_log SET actor = 'mallory'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    db.close();
  });

  it('refuses a platform it does not know and an empty serial', () => {
    const db = openDatabase(tempDir());
    const insert = db.prepare(
      "INSERT INTO assets (serial, platform, manufacturer, model, os_version, state, created_at, updated_at) VALUES (?, ?, 'M', 'X', '1', 'in_stock', 't', 't')",
    );
    expect(() => insert.run('S1', 'symbian')).toThrow(/CHECK/);
    expect(() => insert.run('', 'android')).toThrow(/CHECK/);
    db.close();
  });
});

describe('migration 0040 (asset registry)', () => {
  const insertAsset = (db: Database.Database, serial: string, tags: string, state = 'in_stock') =>
    Number(
      db
        .prepare(
          `INSERT INTO assets (serial, platform, manufacturer, model, os_version, state, tags, created_at, updated_at)
           VALUES (?, 'android', 'Samsung', 'Galaxy A55', '15', ?, ?, 't', 't')`,
        )
        .run(serial, state, tags).lastInsertRowid,
    );

  it('keeps tag rows, model counts and state counts with every insert, edit and delete', () => {
    const db = openDatabase(tempDir());
    const a = insertAsset(db, 'S1', '["vip","loaner"]');
    insertAsset(db, 'S2', '["vip"]', 'issued');
    const counts = () => ({
      tags: db.prepare('SELECT tag, asset_id FROM asset_tags ORDER BY tag, asset_id').all(),
      models: db.prepare('SELECT model, n FROM asset_models WHERE n > 0').all(),
      states: db.prepare('SELECT state, n FROM asset_state_counts WHERE n > 0 ORDER BY state').all(),
    });
    expect(counts()).toEqual({
      tags: [
        { tag: 'loaner', asset_id: a },
        { tag: 'vip', asset_id: a },
        { tag: 'vip', asset_id: a + 1 },
      ],
      models: [{ model: 'Galaxy A55', n: 2 }],
      states: [
        { state: 'in_stock', n: 1 },
        { state: 'issued', n: 1 },
      ],
    });
    db.prepare(`UPDATE assets SET tags = '["spare"]', model = 'TC58', state = 'issued' WHERE id = ?`).run(a);
    db.prepare('DELETE FROM assets WHERE id = ?').run(a + 1);
    expect(counts()).toEqual({
      tags: [{ tag: 'spare', asset_id: a }],
      models: [{ model: 'TC58', n: 1 }],
      states: [{ state: 'issued', n: 1 }],
    });
    db.close();
  });

  it('refuses a second holder of one device and an IMEI that is not 15 digits', () => {
    const db = openDatabase(tempDir());
    const asset = insertAsset(db, 'S1', '[]');
    db.prepare(
      `INSERT INTO people (id, name, created_at, updated_at) VALUES (1, 'Kari', 't', 't'), (2, 'Ola', 't', 't')`,
    ).run();
    const assign = db.prepare(
      `INSERT INTO assignments (asset_id, person_id, assigned_at, assigned_by, station, previous_state) VALUES (?, ?, 't', 'x', 'y', 'staged')`,
    );
    assign.run(asset, 1);
    expect(() => assign.run(asset, 2)).toThrow(/UNIQUE/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO asset_imeis (imei, imei_reversed, asset_id, position) VALUES ('123', '321', ?, 0)`,
        )
        .run(asset),
    ).toThrow(/CHECK/);
    db.close();
  });
});

describe('migration 0050 (job platform)', () => {
  it('marks every existing job android and accepts only android or ios', () => {
    const db = openDatabase(tempDir());
    db.prepare(
      `INSERT INTO profiles (id, profile_id, version, name, content, content_hash, source_dir, payload_bytes, imported_at)
       VALUES (1, 'p', 1, 'P', '{}', 'h', '/tmp', 0, 't')`,
    ).run();
    db.prepare(
      `INSERT INTO batches (id, profile_row, technician, station, created_at) VALUES (1, 1, 'x', 'y', 't')`,
    ).run();
    const insert = db.prepare(
      `INSERT INTO jobs (batch_id, serial, state, created_at, updated_at, platform) VALUES (1, ?, 'queued', 't', 't', ?)`,
    );
    db.prepare(
      `INSERT INTO jobs (batch_id, serial, state, created_at, updated_at) VALUES (1, 'old', 'queued', 't', 't')`,
    ).run();
    insert.run('udid', 'ios');
    expect(db.prepare('SELECT serial, platform FROM jobs ORDER BY id').all()).toEqual([
      { serial: 'old', platform: 'android' },
      { serial: 'udid', platform: 'ios' },
    ]);
    expect(() => insert.run('x', 'windows')).toThrow(/CHECK/);
    db.close();
  });
});

describe('migration 0060 (bulk asset structures)', () => {
  it('lets a transaction that holds the deferral row keep tags and counts itself; everyone else gets the triggers', () => {
    const db = openDatabase(tempDir());
    const insert = db.prepare(
      `INSERT INTO assets (serial, platform, manufacturer, model, os_version, state, tags, created_at, updated_at)
       VALUES (?, 'android', 'Samsung', 'Galaxy A55', '15', 'in_stock', '["vip"]', 't', 't')`,
    );
    const structures = () => ({
      tags: db.prepare('SELECT count(*) FROM asset_tags').pluck().get(),
      models: db.prepare('SELECT n FROM asset_models').pluck().all(),
      states: db.prepare('SELECT n FROM asset_state_counts').pluck().all(),
    });
    insert.run('S1');
    expect(structures()).toEqual({ tags: 1, models: [1], states: [1] });
    db.transaction(() => {
      db.prepare('INSERT INTO asset_structures_deferred (id) VALUES (1)').run();
      insert.run('S2');
      expect(structures()).toEqual({ tags: 1, models: [1], states: [1] });
      db.prepare('DELETE FROM asset_structures_deferred').run();
    })();
    insert.run('S3');
    expect(structures()).toEqual({ tags: 2, models: [2], states: [2] });
    expect(() => db.prepare('INSERT INTO asset_structures_deferred (id) VALUES (2)').run()).toThrow(/CHECK/);
    db.close();
  });
});

import { describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion, type Db } from '../../electron/core/store/db.ts';
import { migrations } from '../../electron/core/store/migrations/index.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const AT = '2025-03-01T10:00:00.000Z';

function intake(db: Db, assetId = 1): number {
  return Number(
    db
      .prepare(
        `INSERT INTO repair_intakes (asset_id, serial, reason, at, actor, station) VALUES (?, 'S1', 'leaver', ?, 'Kari', 'Bench 1')`,
      )
      .run(assetId, AT).lastInsertRowid,
  );
}

function job(db: Db, intakeId: number, overrides: Record<string, unknown> = {}) {
  const row = {
    intake_id: intakeId,
    asset_id: 1,
    serial: 'S1',
    platform: 'android',
    method: 'android-testharness',
    destination: 'reissue',
    phase: 'started',
    expected: '{}',
    actor: 'Kari',
    station: 'Bench 1',
    started_at: AT,
    updated_at: AT,
    finished_at: null,
    ...overrides,
  };
  return db
    .prepare(
      `INSERT INTO repair_jobs (intake_id, asset_id, serial, platform, method, destination, phase, expected, actor, station,
         started_at, updated_at, finished_at)
       VALUES (@intake_id, @asset_id, @serial, @platform, @method, @destination, @phase, @expected, @actor, @station,
         @started_at, @updated_at, @finished_at)`,
    )
    .run(row);
}

describe('migration 0080: the repair bench', () => {
  it('creates STRICT tables for intakes, overrides, wipe jobs, certificates and settings', () => {
    const db = openDatabase(tempDir());
    const tables = db
      .prepare<[], { name: string; strict: number }>(
        "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name LIKE 'repair%' OR name = 'erasure_certificates'",
      )
      .all();
    expect(tables.map((table) => table.name).sort()).toEqual([
      'erasure_certificates',
      'repair_intakes',
      'repair_jobs',
      'repair_overrides',
      'repair_settings',
    ]);
    expect(tables.every((table) => table.strict === 1)).toBe(true);
    db.close();
  });

  it('allows one open intake per asset, and overrides only with a reason of 10 characters', () => {
    const db = openDatabase(tempDir());
    const first = intake(db);
    expect(() => intake(db)).toThrow(/UNIQUE constraint failed/);
    db.prepare('UPDATE repair_intakes SET closed_at = ? WHERE id = ?').run(AT, first);
    expect(() => intake(db)).not.toThrow();
    const insertOverride = db.prepare(
      `INSERT INTO repair_overrides (intake_id, code, reason, actor, station, at) VALUES (?, 'android.accounts', ?, 'Kari', 'Bench 1', ?)`,
    );
    expect(() => insertOverride.run(first, 'too short', AT)).toThrow(/CHECK constraint failed/);
    expect(() => insertOverride.run(first, 'account removed by the former user', AT)).not.toThrow();
    expect(() => insertOverride.run(999, 'no such intake behind this one', AT)).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('allows one live wipe job per asset and per serial, and ties finished_at to a final phase', () => {
    const db = openDatabase(tempDir());
    const id = intake(db);
    job(db, id);
    expect(() => job(db, id, { serial: 'S1-other' })).toThrow(
      /UNIQUE constraint failed: repair_jobs.asset_id/,
    );
    expect(() => job(db, id, { asset_id: 2 })).toThrow(/UNIQUE constraint failed: repair_jobs.serial/);
    // A finished job does not count: the device can be wiped again.
    expect(() => job(db, id, { phase: 'failed', finished_at: AT })).not.toThrow();
    expect(() => job(db, id, { phase: 'verified', finished_at: null, asset_id: 3, serial: 'S3' })).toThrow(
      /CHECK constraint failed/,
    );
    expect(() => job(db, id, { phase: 'device_gone', finished_at: AT, asset_id: 4, serial: 'S4' })).toThrow(
      /CHECK constraint failed/,
    );
    expect(() => job(db, id, { phase: 'wiped-verified', asset_id: 5, serial: 'S5' })).toThrow(
      /CHECK constraint failed/,
    );
    db.close();
  });

  it('keeps one certificate per job, with its hash and a verification that is never "failed"', () => {
    const db = openDatabase(tempDir());
    job(db, intake(db), { phase: 'verified', finished_at: AT });
    const insert = db.prepare(
      `INSERT INTO erasure_certificates (id, asset_id, job_id, issued_at, verification, json_path, pdf_path, sha256)
       VALUES (?, 1, 1, ?, ?, '/c.json', '/c.pdf', ?)`,
    );
    const sha = 'a'.repeat(64);
    expect(() => insert.run('c-failed', AT, 'failed', sha)).toThrow(/CHECK constraint failed/);
    expect(() => insert.run('c-1', AT, 'passed', sha)).not.toThrow();
    expect(() => insert.run('c-2', AT, 'passed', sha)).toThrow(
      /UNIQUE constraint failed: erasure_certificates.job_id/,
    );
    db.close();
  });

  it('upgrades a version 70 database with its assets untouched', () => {
    const dir = tempDir();
    const old = openDatabase(dir, { migrations: migrations.filter((migration) => migration.version <= 70) });
    expect(schemaVersion(old)).toBe(70);
    old
      .prepare(
        `INSERT INTO assets (serial, platform, manufacturer, model, os_version, state, created_at, updated_at)
         VALUES ('S1', 'android', 'Samsung', 'XCover7', '14', 'returned', ?, ?)`,
      )
      .run(AT, AT);
    old.close();
    const db = openDatabase(dir);
    expect(schemaVersion(db)).toBe(80);
    expect(db.prepare('SELECT serial, state FROM assets').get()).toEqual({ serial: 'S1', state: 'returned' });
    expect(db.prepare('SELECT count(*) AS n FROM repair_intakes').get()).toEqual({ n: 0 });
    db.close();
  });
});

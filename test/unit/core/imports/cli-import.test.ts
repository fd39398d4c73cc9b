import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../../electron/core/store/db.ts';
import type { ImportReport } from '../../../../electron/common/models/asset-import.ts';
import { useTempDirs } from '../../../helpers/temp-dir.ts';
import { FIXTURES } from './import-harness.ts';

const tempDir = useTempDirs();

function depotline(dataDir: string, ...args: string[]) {
  return spawnSync(process.execPath, ['scripts/depotline.mjs', ...args, '--data-dir', dataDir], {
    encoding: 'utf8',
    timeout: 60_000,
  });
}

function count(dataDir: string, table: 'assets' | 'people'): number {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()!.n;
  } finally {
    db.close();
  }
}

// Each run starts a Node process that loads the whole CLI (seconds on a busy CI machine).
describe('depotline assets import / export', { timeout: 120_000 }, () => {
  it('exits 2 with the row report and commits nothing when a row is bad', () => {
    const dataDir = tempDir();
    const result = depotline(dataDir, 'assets', 'import', join(FIXTURES, 'bad-rows.csv'));
    expect(result.status).toBe(2);
    expect(result.stdout).toMatch(/row 4, imei: the IMEI check digit is wrong/);
    expect(result.stdout).toMatch(/row 8, serial: serial S-1 is also on row 2 of this file/);
    expect(result.stdout).toMatch(/Nothing was imported/);
    expect(count(dataDir, 'assets')).toBe(0);
  });

  it('dry-runs, imports, refuses the same file again (exit 2) and updates it with --update-existing', () => {
    const dataDir = tempDir();
    const file = join(FIXTURES, 'delivery-utf8-bom.csv');
    const dry = depotline(dataDir, 'assets', 'import', file, '--dry-run');
    expect([dry.status, count(dataDir, 'assets')]).toEqual([0, 0]);
    expect(dry.stdout).toMatch(/would import 3 new, 0 updated\. Nothing was written/);

    const first = depotline(dataDir, 'assets', 'import', file, '--json');
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout) as ImportReport).toMatchObject({ committed: true, created: 3, rows: 3 });

    const again = depotline(dataDir, 'assets', 'import', file);
    expect(again.status).toBe(2);
    expect(again.stdout).toMatch(/row 2: serial R58N1001 is already registered: DL-0001/);
    expect(again.stdout).toMatch(/pass --update-existing/);

    const update = depotline(dataDir, 'assets', 'import', file, '--update-existing');
    expect(update.status).toBe(0);
    expect(update.stdout).toMatch(/Imported: 0 new, 3 updated/);
    expect(count(dataDir, 'assets')).toBe(3);
  });

  it('maps columns from a --mapping file, and exits 1 on a file it cannot read', () => {
    const dataDir = tempDir();
    const dir = tempDir();
    writeFileSync(join(dir, 'list.csv'), 'Ser.nr;Fabrikant\nS-1;Samsung\n');
    writeFileSync(
      join(dir, 'mapping.json'),
      JSON.stringify({ 'Ser.nr': 'serial', Fabrikant: 'manufacturer' }),
    );
    const mapped = depotline(
      dataDir,
      'assets',
      'import',
      join(dir, 'list.csv'),
      '--mapping',
      join(dir, 'mapping.json'),
    );
    expect([mapped.status, count(dataDir, 'assets')]).toEqual([0, 1]);

    writeFileSync(join(dir, 'open.csv'), 'serial,manufacturer\n"S-2,Samsung\n');
    const broken = depotline(dataDir, 'assets', 'import', join(dir, 'open.csv'));
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/never closed.*Nothing was imported/);
    const missing = depotline(dataDir, 'assets', 'import', join(dir, 'missing.csv'));
    expect(missing.status).toBe(1);
    expect(count(dataDir, 'assets')).toBe(1);
  });

  it('imports a roster with --people and exports a filtered view with formulas neutralised', () => {
    const dataDir = tempDir();
    const roster = depotline(
      dataDir,
      'assets',
      'import',
      join(FIXTURES, 'roster-tab-utf8.tsv'),
      '--people',
      '--roster-day',
      '2026-12-01',
    );
    expect(roster.status).toBe(0);
    expect(count(dataDir, 'people')).toBe(3);

    const dir = tempDir();
    writeFileSync(
      join(dir, 'list.csv'),
      'serial,manufacturer,notes\nS-1,Samsung,"=1+2"\nS-2,Samsung,plain\n',
    );
    expect(depotline(dataDir, 'assets', 'import', join(dir, 'list.csv')).status).toBe(0);
    const exported = depotline(
      dataDir,
      'assets',
      'export',
      join(dir, 'out.csv'),
      '--search',
      'S-1',
      '--state',
      'in_stock',
    );
    expect(exported.status).toBe(0);
    expect(exported.stdout).toMatch(/Exported 1 assets/);
    const csv = readFileSync(join(dir, 'out.csv'), 'utf8');
    expect(csv.startsWith('\ufeffasset_tag,serial,')).toBe(true);
    expect(csv).toMatch(/,'=1\+2,/);
    expect(csv).not.toMatch(/S-2/);
    const badState = depotline(dataDir, 'assets', 'export', join(dir, 'x.csv'), '--state', 'misplaced');
    expect(badState.status).toBe(1);
    expect(badState.stderr).toMatch(/filter\.states/);
  });
});

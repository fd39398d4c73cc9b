import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/store/db.ts';
import { assetImportQueries } from '../../electron/core/store/asset-import-queries.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();

describe('the bulk import’s conflict queries', () => {
  // A scan of the registry per staged row would make a 100,000-row import into a million
  // assets run for hours: each query must walk the staged rows and probe one index.
  it('walk the staged rows and probe the registry’s unique indexes, whatever the statistics', () => {
    const db = openDatabase(tempDir());
    const queries = assetImportQueries(db);
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((row) => row.detail);
    expect(plan(queries.hitSql.tag)).toEqual([
      expect.stringMatching(/^SCAN s$/),
      expect.stringMatching(/^SEARCH a USING COVERING INDEX assets_asset_tag \(asset_tag=\?\)$/),
    ]);
    expect(plan(queries.hitSql.serial)).toEqual([
      expect.stringMatching(/^SCAN s$/),
      expect.stringMatching(
        /^SEARCH a USING (COVERING )?INDEX assets_manufacturer_serial \(manufacturer=\? AND serial=\?\)$/,
      ),
    ]);
    expect(plan(queries.hitSql.imei).filter((step) => /SEARCH|SCAN/.test(step))).toEqual([
      expect.stringMatching(/^SCAN s$/),
      expect.stringMatching(/^SEARCH o USING PRIMARY KEY \(imei=\?\)$/),
      expect.stringMatching(/^SCAN s$/),
      expect.stringMatching(/^SEARCH o USING PRIMARY KEY \(imei=\?\)$/),
    ]);
    queries.drop();
    db.close();
  });
});

import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/store/db.ts';
import { assetsQueries } from '../../electron/core/store/assets-queries.ts';
import { ASSET_SORT_FIELDS } from '../../electron/common/models/asset.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();

describe('hot query plans', () => {
  // The asset list must walk an index for every sort the UI offers, never sort the whole
  // table in a temporary B-tree (that is what makes a million-row list slow).
  for (const field of ASSET_SORT_FIELDS) {
    for (const direction of ['asc', 'desc'] as const) {
      it(`assets sorted by ${field} ${direction} use an index`, () => {
        const db = openDatabase(tempDir());
        const sql = assetsQueries(db).pageSql(field, direction);
        const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ limit: 50, offset: 0 }) as {
          detail: string;
        }[];
        const details = plan.map((row) => row.detail).join(' | ');
        expect(details).toMatch(/USING INDEX/);
        expect(details).not.toMatch(/TEMP B-TREE/);
        db.close();
      });
    }
  }
});

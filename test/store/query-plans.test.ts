import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core.ts';
import { AssetSearch } from '../../electron/core/assets/asset-search.ts';
import { ASSET_SORT_FIELDS } from '../../electron/common/models/asset.ts';
import { AssetQuerySchema, type AssetQuery } from '../../electron/common/models/asset-query.ts';
import type { Db } from '../../electron/core/store/db.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const who = { actor: 'Kari', station: 'Bench 1' };

/** A small registry with one of everything the search box and filters look at. */
function registry() {
  const core = createCore({ dataDir: tempDir(), frontDoor: 'cli', log: () => {} });
  const { assets, people } = core.context;
  people.upsert(
    {
      name: 'Ola Hansen',
      email: 'ola@kommune.example',
      employeeId: 'E1',
      badge: null,
      department: 'IT',
      costCentre: null,
    },
    who,
  );
  assets.create(
    {
      fields: {
        serial: 'R58N1ABC',
        manufacturer: 'Samsung',
        platform: 'android',
        model: 'Galaxy XCover7',
        assetTag: 'DL-00042',
        imeis: ['356938035643809'],
        tags: ['vip'],
      },
    },
    who,
  );
  return core;
}

function plan(db: Db, sql: string, params: object): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[])
    .map((row) => row.detail)
    .join(' | ');
}

const SEARCHES: Record<string, Partial<AssetQuery>> = {
  'tag prefix': { search: 'dl-0004' },
  'serial prefix': { search: 'r58n1' },
  'IMEI last digits': { search: '643809' },
  'model word': { search: 'xcover' },
  'person name': { search: 'ola hansen' },
  state: {
    filter: { states: ['issued', 'in_stock'], models: [], osVersions: [], departments: [], tags: [] },
  },
  'OS version': { filter: { states: [], models: [], osVersions: ['15'], departments: [], tags: [] } },
  department: { filter: { states: [], models: [], osVersions: [], departments: ['IT'], tags: [] } },
  tag: { filter: { states: [], models: [], osVersions: [], departments: [], tags: ['vip'] } },
  warranty: {
    filter: {
      states: [],
      models: [],
      osVersions: [],
      departments: [],
      tags: [],
      warrantyEndTo: '2027-03-31',
    },
  },
};

// A full scan of a million-row table is what makes a search slow: every query must start from
// an index, either the one of its most selective condition (few matches: sorted afterwards)
// or the sort column's (many matches: walked in order, a page found without sorting).
describe('hot query plans', () => {
  for (const field of ASSET_SORT_FIELDS) {
    for (const direction of ['asc', 'desc'] as const) {
      it(`the unfiltered table sorted by ${field} ${direction} walks an index without sorting`, () => {
        const core = registry();
        const search = new AssetSearch(core.context.db);
        const { sql, params } = search.plan(AssetQuerySchema.parse({ sort: { field, direction } }));
        const details = plan(core.context.db, sql, params);
        expect(details).toMatch(/SCAN assets USING INDEX/);
        expect(details).not.toMatch(/TEMP B-TREE/);
        core.close();
      });
    }
  }

  for (const [name, query] of Object.entries(SEARCHES)) {
    it(`a ${name} search with few matches starts from that condition's index, and counts from it`, () => {
      const core = registry();
      const search = new AssetSearch(core.context.db, 5_000);
      const { sql, countSql, params } = search.plan(AssetQuerySchema.parse(query));
      for (const statement of [sql, countSql ?? 'SELECT 1'])
        expect(plan(core.context.db, statement, params)).not.toMatch(/SCAN assets(?! USING)/);
      core.close();
    });

    it(`a ${name} search with many matches walks the sort index for its page`, () => {
      const core = registry();
      // Every condition counts as unselective here, as a model word is on a million-row fleet.
      const search = new AssetSearch(core.context.db, -1);
      const { sql, countSql, params } = search.plan(AssetQuerySchema.parse(query));
      const details = plan(core.context.db, sql, params);
      expect(details).toMatch(/SCAN assets USING INDEX assets_updated_at/);
      expect(details).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
      // Counting a large result stops at the cap; a scan is only allowed with that bound.
      if (countSql && /SCAN assets(?! USING)/.test(plan(core.context.db, countSql, params)))
        expect(countSql).toMatch(/LIMIT \d+\)$/);
      core.close();
    });
  }
});

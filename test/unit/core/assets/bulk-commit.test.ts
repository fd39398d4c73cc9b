import { describe, expect, it } from 'vitest';
import type { AssetFields } from '../../../../electron/common/models/asset.ts';
import { completeFields } from '../../../../electron/core/assets/asset-rows.ts';
import type { ImportRow } from '../../../../electron/core/assets/import-types.ts';
import { CoreError } from '../../../../electron/core/core-error.ts';
import type { Db } from '../../../../electron/core/store/db.ts';
import { useTempDirs } from '../../../helpers/temp-dir.ts';
import { IMEI, registryCore } from './registry-fixture.ts';

// The bulk writer stages rows in TEMP and commits them with set statements; these hold it to
// what the row-by-row writer guaranteed: counts, the audit chain, all or nothing.

const tempDir = useTempDirs();
const options = { updateExisting: false, actor: 'Kari', station: 'Bench 1', fileName: 'delivery.csv' };
const who = { actor: 'Ola', station: 'Bench 2' };
const MODELS = ['Galaxy A55', 'Galaxy XCover7', 'TC58'];

const row = (n: number, fields: Partial<AssetFields> = {}): ImportRow<AssetFields> => ({
  row: n + 1,
  fields: completeFields({
    serial: `SER${n}`,
    manufacturer: n % 2 ? 'Samsung' : 'Zebra',
    platform: 'android',
    model: MODELS[n % MODELS.length]!,
    tags: n % 4 ? [] : ['delivery-77', 'spare'],
    ...fields,
  }),
});
const rows = (from: number, count: number) => Array.from({ length: count }, (_, i) => row(from + i));

/** The running counts and tag rows, beside what a full scan of assets says they must be. */
function structures(db: Db) {
  const all = (sql: string) => db.prepare(sql).all();
  return {
    kept: {
      models: all('SELECT model, manufacturer, n FROM asset_models WHERE n > 0 ORDER BY 1, 2'),
      states: all('SELECT state, n FROM asset_state_counts WHERE n > 0 ORDER BY 1'),
      tags: all('SELECT tag, asset_id FROM asset_tags ORDER BY 1, 2'),
    },
    counted: {
      models: all('SELECT model, manufacturer, count(*) AS n FROM assets GROUP BY 1, 2 ORDER BY 1, 2'),
      states: all('SELECT state, count(*) AS n FROM assets GROUP BY 1 ORDER BY 1'),
      tags: all(
        'SELECT DISTINCT j.value AS tag, a.id AS asset_id FROM assets a, json_each(a.tags) j ORDER BY 1, 2',
      ),
    },
  };
}
const expectCountsRight = (db: Db) => {
  const { kept, counted } = structures(db);
  expect(kept).toEqual(counted);
};
const tempTables = (db: Db) =>
  db.prepare("SELECT name FROM temp.sqlite_master WHERE type = 'table'").pluck().all();

describe('bulk commit', () => {
  it('keeps model and state counts and tag rows equal to a full count through import, update, delete and merge', () => {
    const { core } = registryCore(tempDir());
    const { assets, db } = core.context;
    expect(assets.importAssets(rows(1, 40), options)).toMatchObject({ committed: true, created: 40 });
    expectCountsRight(db);
    const ids = db.prepare<[], number>('SELECT id FROM assets ORDER BY id').pluck().all();
    assets.update(ids[0]!, { model: 'TC58', manufacturer: 'Zebra', tags: ['vip'] }, who);
    assets.transition(ids[1]!, 'staging', who);
    expectCountsRight(db);
    assets.queries.remove(ids[2]!);
    expectCountsRight(db);
    assets.merge(ids[3]!, ids[4]!, who);
    expectCountsRight(db);
    // A second import with updates in the middle: counts move for both kinds of row.
    const second = [
      row(41),
      { ...row(6, { model: 'Galaxy S24' }), given: ['serial', 'manufacturer', 'model'] },
      row(42),
    ];
    expect(
      assets.importAssets(second as ImportRow<AssetFields>[], { ...options, updateExisting: true }),
    ).toMatchObject({ committed: true, created: 2, updated: 1 });
    expectCountsRight(db);
    expect(tempTables(db)).toEqual([]);
    core.close();
  });

  it('gives new assets the next ids in file order, one audited creation each, and the chain verifies', () => {
    const { core } = registryCore(tempDir());
    const { assets, audit, db } = core.context;
    assets.create({ fields: { serial: 'OLD1', manufacturer: 'Samsung', platform: 'android' } }, who);
    const result = assets.importAssets(
      [row(1, { assetTag: 'DL-1', imeis: [IMEI.a, IMEI.c] }), row(2), row(3, { imeis: [IMEI.b] })],
      options,
    );
    expect(result).toMatchObject({ committed: true, created: 3 });
    const imported = db
      .prepare<[], { id: number; serial: string; created_at: string }>(
        "SELECT id, serial, created_at FROM assets WHERE serial LIKE 'SER%' ORDER BY id",
      )
      .all();
    expect(imported.map((asset) => [asset.id, asset.serial])).toEqual([
      [2, 'SER1'],
      [3, 'SER2'],
      [4, 'SER3'],
    ]);
    expect(assets.get(2).imeis).toEqual([IMEI.a, IMEI.c]);
    expect(assets.lookup(IMEI.b).map((asset) => asset.serial)).toEqual(['SER3']);
    expect(audit.verify()).toMatchObject({ ok: true, entries: 4 });
    const entries = audit.list({ limit: 3 }).entries.reverse();
    expect(entries.map((entry) => [entry.subject, entry.action, entry.actor, entry.station])).toEqual([
      ['asset:2', 'asset.created', 'Kari', 'Bench 1'],
      ['asset:3', 'asset.created', 'Kari', 'Bench 1'],
      ['asset:4', 'asset.created', 'Kari', 'Bench 1'],
    ]);
    expect(entries[0]!.at).toBe(imported[0]!.created_at);
    expect(entries[0]!.details).toEqual({
      source: 'import',
      fileName: 'delivery.csv',
      state: 'in_stock',
      fields: {
        assetTag: 'DL-1',
        serial: 'SER1',
        platform: 'android',
        manufacturer: 'Samsung',
        model: 'Galaxy XCover7',
        imeis: [IMEI.a, IMEI.c],
      },
    });
    core.close();
  });

  it('reports a second IMEI, a tag in another case and a serial in another manufacturer case as conflicts', () => {
    const { core } = registryCore(tempDir());
    const { assets } = core.context;
    assets.create(
      {
        fields: {
          serial: 'OLD1',
          manufacturer: 'Samsung',
          platform: 'android',
          assetTag: 'DL-9',
          imeis: [IMEI.b],
        },
      },
      who,
    );
    const result = assets.importAssets(
      [
        row(1, { imeis: [IMEI.a, IMEI.b] }),
        row(2, { assetTag: 'dl-9' }),
        row(3, { serial: 'OLD1', manufacturer: 'SAMSUNG' }),
      ],
      options,
    );
    expect(result.committed).toBe(false);
    expect(result.conflicts.map((c) => [c.row, c.field, c.value, c.existingId])).toEqual([
      [2, 'imei', IMEI.b, 1],
      [3, 'assetTag', 'dl-9', 1],
      [4, 'serial', 'OLD1', 1],
    ]);
    expect(core.context.db.prepare('SELECT count(*) FROM assets').pluck().get()).toBe(1);
    core.close();
  });

  it('writes nothing when the database itself refuses a row mid-commit, and says so', () => {
    const { core } = registryCore(tempDir());
    const { assets, audit, db } = core.context;
    assets.importAssets(rows(1, 5), options);
    const before = {
      audit: audit.verify(),
      structures: structures(db),
      ids: db.prepare('SELECT max(id) FROM assets').pluck().get(),
    };
    // UDIDs are unique in the schema but not among the import's own checks: the INSERT fails
    // on the 61st row, after 60 went in by the same statement.
    const batch = [...rows(10, 60), row(70, { udid: 'UDID-1' })];
    batch[58] = row(68, { udid: 'UDID-1' });
    let error: unknown;
    try {
      assets.importAssets(batch, options);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CoreError);
    expect((error as CoreError).message).toMatch(
      /Nothing was imported: .*UNIQUE constraint failed: assets\.udid/,
    );
    expect(audit.verify()).toEqual(before.audit);
    expect(structures(db)).toEqual(before.structures);
    expect(db.prepare('SELECT max(id) FROM assets').pluck().get()).toBe(before.ids);
    expect(db.prepare('SELECT count(*) FROM asset_imeis').pluck().get()).toBe(0);
    expect(tempTables(db)).toEqual([]);
    expect(db.inTransaction).toBe(false);
    core.close();
  });

  it('stages across event-loop turns, so the core answers while a big file is staged', async () => {
    const { core, ok } = registryCore(tempDir());
    const { assets, db } = core.context;
    let turns = 0;
    const ticker = setInterval(() => (turns += 1), 0);
    const answered: number[] = [];
    const asking = (async () => {
      for (let i = 0; i < 3; i += 1) {
        await new Promise((resolve) => setImmediate(resolve));
        answered.push((await ok('assets.list', {})).total);
      }
    })();
    const preview = assets.importAssetsInSteps(rows(1, 9_000), { ...options, dryRun: true });
    const commit = assets.importAssetsInSteps(rows(1, 9_000), options);
    const [dry, done] = await Promise.all([preview, commit, asking]);
    clearInterval(ticker);
    expect(dry).toMatchObject({ committed: false, created: 9_000 });
    expect(done).toMatchObject({ committed: true, created: 9_000 });
    // Asked while the rows were staged: nothing of the import is visible before its commit.
    expect(answered).toEqual([0, 0, 0]);
    expect(turns).toBeGreaterThan(2);
    expect(core.context.audit.verify()).toMatchObject({ ok: true, entries: 9_000 });
    expectCountsRight(db);
    expect(tempTables(db)).toEqual([]);
    core.close();
  });
});

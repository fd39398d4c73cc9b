import { describe, expect, it } from 'vitest';
import type { AssetFields } from '../../../../electron/common/models/asset.ts';
import { completeFields } from '../../../../electron/core/assets/asset-rows.ts';
import type { ImportRow } from '../../../../electron/core/assets/import-types.ts';
import { useTempDirs } from '../../../helpers/temp-dir.ts';
import { IMEI, registryCore } from './registry-fixture.ts';

const tempDir = useTempDirs();
const options = { updateExisting: false, actor: 'Kari', station: 'Bench 1', fileName: 'delivery.csv' };

const row = (n: number, fields: Partial<AssetFields> = {}): ImportRow<AssetFields> => ({
  row: n + 1,
  fields: completeFields({
    serial: `SER${n}`,
    manufacturer: 'Samsung',
    platform: 'android',
    model: 'Galaxy A55',
    ...fields,
  }),
});

describe('bulk asset import', () => {
  it('commits every row in one go, each asset audited with the file name, searchable at once', async () => {
    const { core, ok } = registryCore(tempDir());
    const rows = [row(1, { assetTag: 'DL-1', imeis: [IMEI.a] }), row(2, { tags: ['delivery-77'] }), row(3)];
    const result = core.context.assets.importAssets(rows, options);
    expect(result).toEqual({ committed: true, created: 3, updated: 0, issues: [], conflicts: [] });
    expect(
      core.context.db.pragma('cache_size', { simple: true }),
      'the big cache was for the import only',
    ).toBe(-65536);
    expect((await ok('assets.list', { search: IMEI.a.slice(-6) })).items.map((a) => a.serial)).toEqual([
      'SER1',
    ]);
    expect(
      (await ok('assets.list', { filter: { tags: ['delivery-77'] } })).items.map((a) => a.serial),
    ).toEqual(['SER2']);
    const [created] = await ok('assets.timeline', {
      id: (await ok('assets.lookup', { code: 'DL-1' })).matches[0]!.id,
    });
    expect(created).toMatchObject({ kind: 'import', summary: 'imported from delivery.csv as in stock' });
    core.close();
  });

  it('writes nothing when one row twins a registered asset or another row, and reports each', async () => {
    const { core, ok } = registryCore(tempDir());
    const existing = await ok('assets.create', {
      fields: {
        serial: 'OLD1',
        manufacturer: 'Samsung',
        platform: 'android',
        assetTag: 'DL-9',
        imeis: [IMEI.b],
      },
    });
    const auditBefore = core.context.audit.verify();
    const result = core.context.assets.importAssets(
      [row(1), row(2, { imeis: [IMEI.b] }), row(3, { assetTag: 'dl-9' }), row(4, { serial: 'SER1' }), row(5)],
      options,
    );
    expect(result.committed).toBe(false);
    expect(result.issues).toEqual([
      { row: 5, column: 'serial', message: 'serial SER1 is also on row 2 of this file' },
    ]);
    expect(result.conflicts).toEqual([
      {
        row: 3,
        field: 'imei',
        value: IMEI.b,
        existingId: existing.id,
        existing: 'DL-9 · Samsung · in stock',
      },
      {
        row: 4,
        field: 'assetTag',
        value: 'dl-9',
        existingId: existing.id,
        existing: 'DL-9 · Samsung · in stock',
      },
    ]);
    expect((await ok('assets.list', {})).total).toBe(1);
    expect(core.context.audit.verify()).toEqual(auditBefore);
    core.close();
  });

  it('with updateExisting, changes only the columns the file has on the one matching asset, audited', async () => {
    const { core, ok } = registryCore(tempDir());
    const existing = await ok('assets.create', {
      fields: {
        serial: 'SER1',
        manufacturer: 'Samsung',
        platform: 'android',
        location: 'Depot Oslo',
        custom: {},
      },
    });
    const update: ImportRow<AssetFields> = {
      ...row(1, { model: 'Galaxy A56', location: null }),
      given: ['serial', 'manufacturer', 'model'],
    };
    const result = core.context.assets.importAssets([update, row(2)], { ...options, updateExisting: true });
    expect(result).toMatchObject({ committed: true, created: 1, updated: 1 });
    expect(await ok('assets.get', { id: existing.id })).toMatchObject({
      model: 'Galaxy A56',
      location: 'Depot Oslo',
    });
    const [entry] = await ok('assets.timeline', { id: existing.id });
    expect(entry).toMatchObject({ kind: 'import', changes: { model: { before: '', after: 'Galaxy A56' } } });
    core.close();
  });

  it('refuses rows missing a required custom field, and a dry run writes nothing', async () => {
    const { core, ok } = registryCore(tempDir());
    await ok('customFields.define', {
      key: 'cost_centre',
      name: 'Cost centre',
      type: 'text',
      required: true,
    });
    const refused = core.context.assets.importAssets([row(1)], options);
    expect(refused.issues).toEqual([
      { row: 2, column: 'custom:cost_centre', message: 'Cost centre is required' },
    ]);
    const dry = core.context.assets.importAssets([row(1, { custom: { cost_centre: 'K1' } })], {
      ...options,
      dryRun: true,
    });
    expect(dry).toEqual({ committed: false, created: 1, updated: 0, issues: [], conflicts: [] });
    expect((await ok('assets.list', {})).total).toBe(0);
    core.close();
  });

  it('staging meets an imported device by serial and updates it instead of making a twin', async () => {
    const { core, ok } = registryCore(tempDir());
    core.context.assets.importAssets([row(7, { assetTag: 'DL-7' })], options);
    const staged = core.context.assets.recordStaged(
      {
        platform: 'android',
        serial: 'SER7',
        manufacturer: 'samsung',
        model: 'Galaxy A55',
        osVersion: '15',
        profile: 'office',
        profileVersion: 1,
      },
      { actor: 'Kari', station: 'Bench 1' },
    );
    expect(staged).toMatchObject({ assetTag: 'DL-7', state: 'staged' });
    expect((await ok('assets.list', {})).total).toBe(1);
    core.close();
  });
});

import { describe, expect, it } from 'vitest';
import type { RequestInput } from '../../../../electron/common/contract/index.ts';
import { AssetSearch } from '../../../../electron/core/assets/asset-search.ts';
import { AssetQuerySchema } from '../../../../electron/common/models/asset-query.ts';
import { useTempDirs } from '../../../helpers/temp-dir.ts';
import { IMEI, registryCore } from './registry-fixture.ts';

const tempDir = useTempDirs();

/** Four assets and two holders, enough to tell every search path apart. */
async function fleet(dir: string) {
  const registry = registryCore(dir);
  const { ok, device, person } = registry;
  const xcover = await ok('assets.create', {
    fields: device('R58N100AAA', {
      assetTag: 'DL-00042',
      imeis: [IMEI.a],
      tags: ['home-care'],
      osVersion: '15',
      purchase: {
        orderNumber: null,
        supplier: null,
        date: null,
        priceMinor: null,
        currency: null,
        warrantyEnd: '2027-01-31',
      },
    }),
  });
  const pixel = await ok('assets.create', {
    fields: device('4A1XYZ', {
      manufacturer: 'Google',
      model: 'Pixel 9a',
      assetTag: 'DL-00043',
      imeis: [IMEI.b],
      osVersion: '16',
    }),
  });
  const zebra = await ok('assets.create', {
    fields: device('2315ZZZ', {
      manufacturer: 'Zebra',
      model: 'TC58',
      assetTag: 'DL-10001',
      imeis: [IMEI.c],
      tags: ['vip', 'loaner'],
    }),
  });
  const untagged = await ok('assets.create', { fields: device('R58N200BBB') });
  await ok('people.upsert', person('Kari Nordmann', 'E1001', 'Home care'));
  await ok('people.upsert', person('Ola Hansen', 'E1002', 'Schools'));
  await ok('rollout.assign', { device: 'DL-00043', person: 'E1001' });
  await ok('rollout.assign', { device: '2315ZZZ', person: 'e1002@kommune.example' });
  return { ...registry, ids: { xcover: xcover.id, pixel: pixel.id, zebra: zebra.id, untagged: untagged.id } };
}

type Query = RequestInput<'assets.list'>;

describe('asset search', () => {
  it('finds by tag, serial and IMEI (whole, or its last digits), model words and the holder', async () => {
    const { core, ok, ids } = await fleet(tempDir());
    const found = async (search: string) =>
      (await ok('assets.list', { search, sort: { field: 'serial', direction: 'asc' } })).items
        .map((a) => a.id)
        .sort();
    expect(await found('DL-00042')).toEqual([ids.xcover]);
    expect(await found('dl-0004'), 'a tag prefix, either case').toEqual([ids.xcover, ids.pixel].sort());
    expect(await found('r58n'), 'a serial prefix, either case').toEqual([ids.xcover, ids.untagged].sort());
    expect(await found(IMEI.c)).toEqual([ids.zebra]);
    expect(await found(IMEI.a.slice(-6)), 'the last six digits off a label').toEqual([ids.xcover]);
    expect(await found(IMEI.a.slice(-4))).toEqual([ids.xcover]);
    expect(await found(IMEI.a.slice(0, 8)), 'the start of an IMEI is not its end').toEqual([]);
    expect(await found('xcov')).toEqual([ids.xcover, ids.untagged].sort());
    expect(await found('pixel 9a')).toEqual([ids.pixel]);
    expect(await found('google')).toEqual([ids.pixel]);
    expect(await found('nordmann'), 'the holder by name').toEqual([ids.pixel]);
    expect(await found('E1002'), 'the holder by employee id').toEqual([ids.zebra]);
    expect(await found('nobody-like-this')).toEqual([]);
    expect(await found('"OR*'), 'search syntax is taken literally').toEqual([]);
    core.close();
  });

  it('filters by state, model, OS, department, tags and warranty end; lists together are "all of"', async () => {
    const { core, ok, ids } = await fleet(tempDir());
    const filtered = async (filter: Query['filter']) =>
      (await ok('assets.list', { filter })).items.map((a) => a.id).sort();
    expect(await filtered({ states: ['issued'] })).toEqual([ids.pixel, ids.zebra].sort());
    expect(await filtered({ models: ['TC58', 'Pixel 9a'] })).toEqual([ids.pixel, ids.zebra].sort());
    expect(await filtered({ osVersions: ['15'] })).toEqual([ids.xcover]);
    expect(await filtered({ departments: ['Schools'] })).toEqual([ids.zebra]);
    expect(await filtered({ tags: ['loaner'] })).toEqual([ids.zebra]);
    expect(await filtered({ tags: ['home'] }), 'tags match whole').toEqual([]);
    expect(await filtered({ warrantyEndFrom: '2027-01-01', warrantyEndTo: '2027-03-31' })).toEqual([
      ids.xcover,
    ]);
    expect(await filtered({ states: ['issued'], departments: ['Home care'] })).toEqual([ids.pixel]);
    expect(
      (await ok('assets.list', { search: 'dl-000', filter: { states: ['in_stock'] } })).items.map(
        (a) => a.id,
      ),
    ).toEqual([ids.xcover]);
    core.close();
  });

  it('sorts by any field with the id breaking ties, and pages without losing or repeating a row', async () => {
    const { core, ok } = await fleet(tempDir());
    const all = await ok('assets.list', { sort: { field: 'model', direction: 'asc' }, limit: 10 });
    expect(all.total).toBe(4);
    expect(all.items.map((a) => a.model)).toEqual(['Galaxy XCover7', 'Galaxy XCover7', 'Pixel 9a', 'TC58']);
    expect(all.items[0]!.id).toBeLessThan(all.items[1]!.id);
    const pages = [];
    for (let offset = 0; offset < 4; offset += 3)
      pages.push(
        ...(await ok('assets.list', { sort: { field: 'model', direction: 'desc' }, offset, limit: 3 })).items,
      );
    expect(pages.map((a) => a.id)).toEqual(all.items.map((a) => a.id).reverse());
    const issued = await ok('assets.list', { filter: { states: ['issued'] }, limit: 1 });
    expect(issued, 'the total counts every match, not the page').toMatchObject({ total: 2, offset: 0 });
    expect(issued.items).toHaveLength(1);
    core.close();
  });

  it('looks a scanned code up exactly first, then as the end of an IMEI', async () => {
    const { core, ok, ids } = await fleet(tempDir());
    const lookup = async (code: string) => (await ok('assets.lookup', { code })).matches.map((a) => a.id);
    expect(await lookup('dl-00042')).toEqual([ids.xcover]);
    expect(await lookup('R58N200BBB')).toEqual([ids.untagged]);
    expect(await lookup(IMEI.b)).toEqual([ids.pixel]);
    expect(await lookup(IMEI.b.slice(-6))).toEqual([ids.pixel]);
    expect(await lookup('R58N'), 'a lookup is exact, not a prefix search').toEqual([]);
    core.close();
  });
});

describe('asset search totals', () => {
  it('counts a large result up to the cap and says so; a small one exactly', async () => {
    const { core, ok, device } = registryCore(tempDir());
    for (let n = 0; n < 30; n += 1)
      await ok('assets.create', { fields: device(`S${n}`, { osVersion: n < 25 ? '15' : '14' }) });
    // 5 rows count as "many" and 10 is the cap here, as 5,000 and 10,000 are on a real registry.
    const search = new AssetSearch(core.context.db, 5, 10);
    const query = (osVersions: string[]) => AssetQuerySchema.parse({ filter: { osVersions } });
    expect(search.page(query(['15']), 0, 3)).toMatchObject({ total: 10, totalCapped: true });
    expect(search.page(query(['15']), 20, 3), 'never less than the rows shown').toMatchObject({
      total: 23,
      totalCapped: true,
    });
    expect(search.page(query(['14']), 0, 3)).toMatchObject({ total: 5, totalCapped: false });
    expect(
      search.page(AssetQuerySchema.parse({}), 0, 3),
      'the unfiltered total is kept, not counted',
    ).toMatchObject({
      total: 30,
      totalCapped: false,
    });
    expect(
      search.page(AssetQuerySchema.parse({ search: 'xcover' }), 0, 3),
      'as is a model word’s',
    ).toMatchObject({
      total: 30,
      totalCapped: false,
    });
    core.close();
  });
});

import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../helpers/temp-dir.ts';
import { IMEI, registryCore } from './registry-fixture.ts';

const tempDir = useTempDirs();

describe('asset records', () => {
  it('refuses a twin by tag (any case), serial per manufacturer and IMEI, naming the existing asset', async () => {
    const { core, ok, refused, device } = registryCore(tempDir());
    const first = await ok('assets.create', {
      fields: device('R58N1', { assetTag: 'DL-1', imeis: [IMEI.a] }),
    });
    for (const [fields, what] of [
      [device('OTHER1', { assetTag: 'dl-1' }), 'asset tag dl-1'],
      [device('R58N1', { manufacturer: 'SAMSUNG' }), 'serial R58N1'],
      [device('OTHER2', { imeis: [IMEI.b, IMEI.a] }), `IMEI ${IMEI.a}`],
    ] as const) {
      const error = await refused('assets.create', { fields });
      expect(error.code).toBe('conflict');
      expect(error.message).toContain(
        `${what} is already registered as asset ${first.id} (DL-1 · Samsung Galaxy XCover7 · in stock)`,
      );
    }
    // The same serial from another maker is another device.
    await ok('assets.create', { fields: device('R58N1', { manufacturer: 'Google' }) });
    expect((await ok('assets.list', {})).total).toBe(2);
    core.close();
  });

  it('audits an edit field by field and refuses a stale one, keeping the newer values', async () => {
    const { core, ok, refused, device } = registryCore(tempDir());
    const asset = await ok('assets.create', { fields: device('R58N1') });
    const edited = await ok('assets.update', {
      id: asset.id,
      changes: {
        location: 'Depot Oslo',
        purchase: { ...asset.purchase, priceMinor: 459_900, currency: 'NOK' },
      },
      expectedUpdatedAt: asset.updatedAt,
    });
    expect(edited).toMatchObject({
      location: 'Depot Oslo',
      purchase: { priceMinor: 459_900, currency: 'NOK' },
    });
    const [entry] = await ok('assets.timeline', { id: asset.id });
    expect(entry).toMatchObject({
      kind: 'fields',
      changes: {
        location: { before: null, after: 'Depot Oslo' },
        'purchase.priceMinor': { before: null, after: 459_900 },
        'purchase.currency': { before: null, after: 'NOK' },
      },
    });
    expect(Object.keys(entry!.changes!)).toHaveLength(3);

    const stale = await refused('assets.update', {
      id: asset.id,
      changes: { location: 'Depot Bergen' },
      expectedUpdatedAt: asset.updatedAt,
    });
    expect(stale).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/changed this asset while you were editing/),
    });
    expect((await ok('assets.get', { id: asset.id })).location).toBe('Depot Oslo');
    core.close();
  });

  it('enforces required custom fields on create, with their types, and exports the same check', async () => {
    const { core, ok, refused, device } = registryCore(tempDir());
    await ok('customFields.define', {
      key: 'cost_centre',
      name: 'Cost centre',
      type: 'text',
      required: true,
    });
    await ok('customFields.define', { key: 'insured', name: 'Insured', type: 'boolean', required: false });
    expect(await ok('customFields.list', {})).toHaveLength(2);
    const missing = await refused('assets.create', { fields: device('S1') });
    expect(missing).toMatchObject({ code: 'invalid_input', message: 'Cost centre is required' });
    const wrongType = await refused('assets.create', {
      fields: device('S1', { custom: { cost_centre: 'K-1', insured: 'yes' } }),
    });
    expect(wrongType.message).toBe('Insured must be a boolean');
    const asset = await ok('assets.create', {
      fields: device('S1', { custom: { cost_centre: 'K-1', insured: true } }),
    });
    expect(asset.custom).toEqual({ cost_centre: 'K-1', insured: true });
    core.close();
  });

  it('saves, replaces by name and deletes filters', async () => {
    const { core, ok } = registryCore(tempDir());
    const saved = await ok('savedFilters.save', { name: 'Home care phones', query: { search: 'xcover' } });
    expect(saved.query).toMatchObject({ search: 'xcover', sort: { field: 'updatedAt', direction: 'desc' } });
    const replaced = await ok('savedFilters.save', {
      name: 'home care phones',
      query: { filter: { states: ['issued'] } },
    });
    const list = await ok('savedFilters.list', {});
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: replaced.id, query: { search: '', filter: { states: ['issued'] } } });
    expect(await ok('savedFilters.delete', { id: replaced.id })).toEqual({ deleted: true });
    expect(await ok('savedFilters.delete', { id: replaced.id })).toEqual({ deleted: false });
    expect(await ok('savedFilters.list', {})).toEqual([]);
    core.close();
  });

  it('merges a duplicate: empty fields filled, IMEI and tag moved, both histories on the kept timeline', async () => {
    const { core, ok, device } = registryCore(tempDir());
    const keep = await ok('assets.create', { fields: device('R58N1', { location: 'Depot Oslo' }) });
    const duplicate = await ok('assets.create', {
      fields: device('R58N1-dup', {
        assetTag: 'DL-7',
        imeis: [IMEI.a],
        location: 'Elsewhere',
        notes: 'from the delivery list',
      }),
    });
    await ok('assets.addNote', { id: duplicate.id, text: 'Scanned at goods-in' });
    const merged = await ok('assets.merge', { keepId: keep.id, mergeId: duplicate.id });
    expect(merged).toMatchObject({
      id: keep.id,
      serial: 'R58N1',
      assetTag: 'DL-7',
      imeis: [IMEI.a],
      location: 'Depot Oslo',
      notes: 'from the delivery list',
    });
    expect((await ok('assets.lookup', { code: IMEI.a })).matches.map((a) => a.id)).toEqual([keep.id]);
    expect((await ok('assets.list', {})).total).toBe(1);
    const timeline = await ok('assets.timeline', { id: keep.id });
    expect(timeline.map((entry) => entry.kind)).toEqual(['merge', 'note', 'created', 'created']);
    expect(timeline[0]!.summary).toBe(`merged asset ${duplicate.id} into this one`);
    core.close();
  });

  it('records staging through the lifecycle, and never makes a twin of a known device', () => {
    const { core } = registryCore(tempDir());
    const { assets } = core.context;
    const who = { actor: 'Kari', station: 'Bench 1' };
    const staged = (serial: string, manufacturer = 'Samsung') =>
      assets.recordStaged(
        {
          platform: 'android',
          serial,
          manufacturer,
          model: 'Galaxy XCover7',
          osVersion: '15',
          profile: 'office',
          profileVersion: 3,
        },
        who,
      );

    core.context.audit.append({
      ...who,
      action: 'staging.job_failed',
      subject: 'device:NEW1',
      details: { job: 1, profile: 'office', version: 3, step: 2, reasons: ['battery below 30 %'] },
    });
    expect(staged('NEW1')).toMatchObject({
      state: 'staged',
      staging: { profile: 'office', profileVersion: 3, by: 'Kari' },
    });
    const wiped = assets.create(
      { fields: { serial: 'W1', manufacturer: 'Samsung', platform: 'android' }, state: 'wiped' },
      who,
    );
    expect(staged('W1', 'SAMSUNG')).toMatchObject({ id: wiped.id, state: 'staged' });
    const issued = assets.create(
      { fields: { serial: 'I1', manufacturer: 'Samsung', platform: 'android' }, state: 'issued' },
      who,
    );
    // Staged while recorded as issued: the staging is recorded, the state is not silently changed.
    expect(staged('I1')).toMatchObject({ id: issued.id, state: 'issued', staging: { profile: 'office' } });
    expect(
      assets
        .timeline(issued.id)
        .slice(0, 2)
        .map((entry) => entry.summary),
    ).toEqual([
      'not moved issued → staged: staged on a bench while recorded as issued; the state was left unchanged',
      'staged with office v3',
    ]);
    expect(
      assets
        .timeline(wiped.id)
        .slice(0, 3)
        .map((entry) => entry.summary),
    ).toEqual(['staging → staged (staging)', 'wiped → staging (staging)', 'staged with office v3']);
    expect(
      assets.list(
        {
          search: '',
          filter: { states: [], models: [], osVersions: [], departments: [], tags: [] },
          sort: { field: 'serial', direction: 'asc' },
        },
        0,
        10,
      ).total,
    ).toBe(3);
    core.close();
  });
});

// Contract: creating, updating and deleting assets. Request examples follow
// https://snipe-it.readme.io/reference/hardware-create (curl: asset_tag, model_id, status_id,
// name) and the update/delete pages; shapes from snipe/snipe-it@5aa5c48 AssetsController::store,
// ::update, ::destroy, StoreAssetRequest, UpdateAssetRequest, Asset::$rules,
// ValidationServiceProvider (unique_undeleted) and resources/lang/en-US/validation.php.
import { describe, expect, it } from 'vitest';
import {
  manualClock,
  newAsset,
  SEEDED,
  useDouble,
  type AssetRow,
  type Envelope,
  type RawAsset,
} from './client.ts';

const start = useDouble();
const { imei, osVersion } = SEEDED.columns;

describe('POST /hardware', () => {
  it('creates an asset and answers with the raw model, not the transformer', async () => {
    const { api, double } = await start({ clock: manualClock() });
    const reply = await api.post(
      '/hardware',
      newAsset('LAP-00123', { name: 'Employee Laptop', serial: 'SN-1', [imei]: '356789012345678' }),
    );
    expect(reply.status).toBe(200);
    const body = reply.json<Envelope<RawAsset>>();
    expect(body.status).toBe('success');
    expect(body.messages).toBe('Asset created successfully. :)');
    // Database column names, unescaped values, Eloquent's ISO dates, custom fields at top level.
    expect(body.payload).toMatchObject({
      id: 1,
      asset_tag: 'LAP-00123',
      name: 'Employee Laptop',
      serial: 'SN-1',
      model_id: SEEDED.models.pixel8,
      status_id: SEEDED.status.ready,
      created_by: SEEDED.users.api,
      created_at: '2026-11-28T22:00:00.000000Z',
      updated_at: '2026-11-28T22:00:00.000000Z',
      [imei]: '356789012345678',
      [osVersion]: null,
      model: { id: SEEDED.models.pixel8, name: 'Pixel 8' },
    });
    expect(double.assets()).toHaveLength(1);
    expect((await api.get('/hardware/1')).json<AssetRow>().custom_fields.IMEI!.value).toBe('356789012345678');
  });

  it('trims strings and stores "" as null, as Laravel\'s middleware does', async () => {
    const { api, double } = await start();
    await api.post('/hardware', newAsset('  T-1  ', { serial: ' SN 9 ', name: '' }));
    expect(double.assets()[0]).toMatchObject({ assetTag: 'T-1', serial: 'SN 9', name: null });
  });

  it('accepts form-encoded bodies too', async () => {
    const { api, double } = await start();
    const reply = await api.send('POST', '/hardware', {
      body: 'asset_tag=F-1&model_id=2&status_id=1&serial=FORM1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(reply.json<Envelope>().status).toBe('success');
    expect(double.assets()[0]).toMatchObject({ assetTag: 'F-1', modelId: 2, serial: 'FORM1' });
  });

  it('reports missing fields with HTTP 200, status "error" and field → messages', async () => {
    const { api, double } = await start();
    const reply = await api.post('/hardware', {});
    expect(reply.status).toBe(200);
    // status_id is not here: StoreAssetRequest replaces its rules, so it is only checked on save.
    expect(reply.body).toEqual({
      status: 'error',
      messages: {
        model_id: ['The model id field is required.'],
        asset_tag: ['The asset tag field must be at least 1 characters.'],
      },
      payload: null,
    });
    const second = await api.post('/hardware', { asset_tag: 'T-2', model_id: SEEDED.models.pixel8 });
    expect(second.body).toEqual({
      status: 'error',
      messages: { status_id: ['The status id field is required.'] },
      payload: null,
    });
    expect(double.assets()).toHaveLength(0);
  });

  it('reports unknown and malformed ids', async () => {
    const { api } = await start();
    expect((await api.post('/hardware', newAsset('T', { model_id: 99 }))).json<Envelope>().messages).toEqual({
      model_id: ['The selected model id is invalid.'],
    });
    expect(
      (await api.post('/hardware', newAsset('T', { model_id: 'abc' }))).json<Envelope>().messages,
    ).toEqual({
      model_id: ['The model id field must be an integer.', 'The selected model id is invalid.'],
    });
    expect((await api.post('/hardware', newAsset('T', { status_id: 99 }))).json<Envelope>().messages).toEqual(
      {
        status_id: ['The selected status id is invalid.'],
      },
    );
  });

  it('refuses a duplicate asset tag, ignoring case, but not one only a deleted asset had', async () => {
    const { api, double } = await start();
    await api.post('/hardware', newAsset('DL-1'));
    const reply = await api.post('/hardware', newAsset('dl-1'));
    expect(reply.json<Envelope>()).toMatchObject({
      status: 'error',
      messages: { asset_tag: ['The asset tag must be unique.'] },
    });
    double.ui.deleteAsset(1);
    expect((await api.post('/hardware', newAsset('DL-1'))).json<Envelope>().status).toBe('success');
  });

  it('refuses a duplicate serial while "unique serial numbers" is on, and allows it when off', async () => {
    const { api, double } = await start();
    await api.post('/hardware', newAsset('A', { serial: 'R58N123' }));
    const duplicate = await api.post('/hardware', newAsset('B', { serial: 'r58n123' }));
    expect(duplicate.status).toBe(200);
    expect(duplicate.body).toEqual({
      status: 'error',
      messages: { serial: ['The serial must be unique.'] },
      payload: null,
    });
    double.settings.uniqueSerial = false;
    expect((await api.post('/hardware', newAsset('B', { serial: 'R58N123' }))).json<Envelope>().status).toBe(
      'success',
    );
    expect(double.assetsBySerial().get('R58N123')).toHaveLength(2);
  });

  it('checks custom field names against the model and values against their format', async () => {
    const { api, double } = await start();
    double.ui.createModel({ name: 'Plain Phone', withFields: false });
    const onPlain = await api.post('/hardware', { ...newAsset('P'), model_id: 4, [imei]: '1' });
    expect(onPlain.json<Envelope>().messages).toEqual({
      [imei]: ["This field seems to exist, but is not available on this Asset Model's fieldset."],
    });
    const unknown = await api.post('/hardware', newAsset('P', { _snipeit_color_9: 'red' }));
    expect(unknown.json<Envelope>().messages).toEqual({
      _snipeit_color_9: ['This field does not seem to exist, please double check your custom field names.'],
    });
    const notNumeric = await api.post('/hardware', newAsset('P', { [imei]: 'IMEI-12' }));
    expect(notNumeric.json<Envelope>().messages).toEqual({
      [imei]: ['The  snipeit imei 1 field must be a number.'],
    });
  });

  it('generates the tag when auto-increment is on', async () => {
    const { api } = await start({ settings: { autoIncrement: { prefix: 'DL-', next: 7, zerofill: 4 } } });
    const first = (await api.post('/hardware', { model_id: 1, status_id: 1 })).json<Envelope<RawAsset>>();
    const second = (await api.post('/hardware', { model_id: 1, status_id: 1 })).json<Envelope<RawAsset>>();
    expect([first.payload.asset_tag, second.payload.asset_tag]).toEqual(['DL-0007', 'DL-0008']);
  });

  it('answers a body that is not JSON with 422 "Invalid JSON"', async () => {
    const { api } = await start();
    const reply = await api.send('POST', '/hardware', { body: '{"asset_tag": "T' });
    expect(reply.status).toBe(422);
    expect(reply.body).toEqual({ status: 'error', messages: 'Invalid JSON', payload: null });
  });
});

describe('PATCH and PUT /hardware/{id}', () => {
  it('changes only the sent fields and answers with the raw model', async () => {
    const clock = manualClock();
    const { api } = await start({ clock });
    await api.post('/hardware', newAsset('U-1', { serial: 'S-1', name: 'Old' }));
    clock.advance(5000);
    const reply = await api.patch('/hardware/1', {
      name: 'New',
      [osVersion]: '14',
      status_id: SEEDED.status.pending,
    });
    expect(reply.json<Envelope<RawAsset>>()).toMatchObject({
      status: 'success',
      messages: 'Asset updated successfully.',
      payload: {
        id: 1,
        name: 'New',
        serial: 'S-1',
        status_id: 2,
        [osVersion]: '14',
        updated_at: '2026-11-28T22:00:05.000000Z',
      },
    });
    const put = await api.put('/hardware/1', { notes: 'via PUT' });
    expect(put.json<Envelope<RawAsset>>().payload).toMatchObject({ name: 'New', notes: 'via PUT' });
  });

  it('moves updated_at only when a value really changes (Eloquent skips clean saves)', async () => {
    const clock = manualClock();
    const { api } = await start({ clock });
    await api.post('/hardware', newAsset('U-1', { name: 'Same' }));
    clock.advance(3000);
    const reply = await api.patch('/hardware/1', { name: 'Same' });
    expect(reply.json<Envelope<RawAsset>>().payload.updated_at).toBe('2026-11-28T22:00:00.000000Z');
  });

  it("refuses re-sending the asset's own serial while unique serials are on (snipe-it #18021)", async () => {
    const { api, double } = await start();
    await api.post('/hardware', newAsset('U-1', { serial: 'OWN' }));
    expect((await api.patch('/hardware/1', { serial: 'OWN' })).body).toEqual({
      status: 'error',
      messages: { serial: ['The serial must be unique.'] },
      payload: null,
    });
    double.settings.selfSerialConflictOnUpdate = false;
    expect((await api.patch('/hardware/1', { serial: 'OWN' })).json<Envelope>().status).toBe('success');
  });

  it('answers a missing or deleted asset with HTTP 200 "Asset not found"', async () => {
    const { api, double } = await start();
    await api.post('/hardware', newAsset('U-1'));
    double.ui.deleteAsset(1);
    for (const path of ['/hardware/1', '/hardware/42']) {
      const reply = await api.patch(path, { name: 'x' });
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ status: 'error', messages: 'Asset not found', payload: null });
    }
  });

  it('validates sent values: a taken tag, an empty tag, an unknown model', async () => {
    const { api } = await start();
    await api.post('/hardware', newAsset('U-1'));
    await api.post('/hardware', newAsset('U-2'));
    expect(
      (await api.patch('/hardware/2', { asset_tag: 'u-1', model_id: 77 })).json<Envelope>().messages,
    ).toEqual({
      model_id: ['The selected model id is invalid.'],
      asset_tag: ['The asset tag must be unique.'],
    });
    expect((await api.patch('/hardware/2', { asset_tag: '' })).json<Envelope>().messages).toEqual({
      asset_tag: ['The asset tag field must be at least 1 characters.'],
    });
  });
});

describe('DELETE /hardware/{id}', () => {
  it('soft-deletes: success with a null payload, then "does not exist"', async () => {
    const { api, double } = await start();
    await api.post('/hardware', newAsset('D-1', { serial: 'DEL' }));
    expect((await api.delete('/hardware/1')).body).toEqual({
      status: 'success',
      messages: 'The asset was deleted successfully.',
      payload: null,
    });
    expect((await api.delete('/hardware/1')).body).toEqual({
      status: 'error',
      messages: 'Asset does not exist.',
      payload: null,
    });
    expect(double.assets()).toHaveLength(0);
    expect(double.assets({ withDeleted: true })[0]!.deletedAt).not.toBeNull();
  });
});

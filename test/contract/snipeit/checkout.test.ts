// Contract: checkout and checkin. Request examples follow https://snipe-it.readme.io/reference
// (Assets → Checkout asset: checkout_to_type + assigned_user; Checkin asset), whose documented
// success is {"status":"success","messages":"Asset checked out successfully.","payload":{"asset":"<tag>"}};
// the rest from snipe/snipe-it@5aa5c48 AssetsController::checkout/::checkin,
// AssetCheckoutRequest and AssetsTransformer::transformAssignedTo.
import { describe, expect, it } from 'vitest';
import { newAsset, SEEDED, useDouble, type AssetRow, type Envelope } from './client.ts';

const start = useDouble();

async function withPhone(status: number = SEEDED.status.ready) {
  const started = await start();
  await started.api.post('/hardware', newAsset('PH-1', { status_id: status, name: 'Pool phone' }));
  return started;
}

describe('POST /hardware/{id}/checkout', () => {
  it('checks out to a user; the asset then shows the user, "deployed" and no longer checkoutable', async () => {
    const { api } = await withPhone();
    const reply = await api.post('/hardware/1/checkout', {
      checkout_to_type: 'user',
      assigned_user: SEEDED.users.ada,
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      status: 'success',
      messages: 'Asset checked out successfully.',
      payload: { asset: 'PH-1' },
    });
    const asset = (await api.get('/hardware/1')).json<AssetRow>();
    expect(asset.assigned_to).toEqual({
      id: SEEDED.users.ada,
      username: 'alovelace',
      name: 'Ada Lovelace',
      first_name: 'Ada',
      last_name: 'Lovelace',
      email: 'ada@depot.example',
      employee_number: 'E1001',
      type: 'user',
    });
    expect(asset.status_label.status_meta).toBe('deployed');
    expect(asset.user_can_checkout).toBe(false);
    expect(asset.checkout_counter).toBe(1);
  });

  it('refuses an asset that is already out, or whose status is not deployable', async () => {
    const { api } = await withPhone();
    await api.post('/hardware/1/checkout', { checkout_to_type: 'user', assigned_user: SEEDED.users.ada });
    const again = await api.post('/hardware/1/checkout', {
      checkout_to_type: 'user',
      assigned_user: SEEDED.users.grace,
    });
    expect(again.body).toEqual({
      status: 'error',
      messages: 'That asset is not available for checkout!',
      payload: { asset: 'PH-1' },
    });
    const broken = await withPhone(SEEDED.status.broken);
    const reply = await broken.api.post('/hardware/1/checkout', {
      checkout_to_type: 'user',
      assigned_user: SEEDED.users.ada,
    });
    expect(reply.json<Envelope>().messages).toBe('That asset is not available for checkout!');
  });

  it('validates the request before looking the asset up', async () => {
    const { api } = await withPhone();
    const reply = await api.post('/hardware/999/checkout', {});
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      status: 'error',
      messages: {
        assigned_user: [
          'The assigned user field is required when none of assigned asset / assigned location are present.',
        ],
        assigned_asset: [
          'The assigned asset field is required when none of assigned user / assigned location are present.',
        ],
        assigned_location: [
          'The assigned location field is required when none of assigned user / assigned asset are present.',
        ],
        checkout_to_type: ['The checkout to type field is required.'],
      },
      payload: null,
    });
    const unknownAsset = await api.post('/hardware/999/checkout', {
      checkout_to_type: 'user',
      assigned_user: 2,
    });
    expect(unknownAsset.body).toEqual({ status: 'error', messages: 'Asset not found', payload: null });
  });

  it('names the missing target in the error payload', async () => {
    const { api } = await withPhone();
    const reply = await api.post('/hardware/1/checkout', { checkout_to_type: 'user', assigned_user: 404 });
    expect(reply.body).toEqual({
      status: 'error',
      messages: 'Checkout target for asset PH-1 is invalid - user does not exist.',
      payload: { asset: { id: 1, asset_tag: 'PH-1' }, target_id: 404, target_type: 'user' },
    });
  });

  it('checks out to a location', async () => {
    const { api } = await withPhone();
    await api.post('/hardware/1/checkout', {
      checkout_to_type: 'location',
      assigned_location: SEEDED.locations.south,
    });
    expect((await api.get('/hardware/1')).json<AssetRow>().assigned_to).toEqual({
      id: SEEDED.locations.south,
      name: 'Depot South',
      type: 'location',
    });
  });
});

describe('POST /hardware/{id}/checkin', () => {
  it('checks in, answering with tag and model; a second checkin is an error with the same payload', async () => {
    const { api } = await withPhone();
    await api.post('/hardware/1/checkout', { checkout_to_type: 'user', assigned_user: SEEDED.users.ada });
    const payload = { asset_tag: 'PH-1', model: 'Pixel 8', model_number: 'G9BQD' };
    expect((await api.post('/hardware/1/checkin', { note: 'back at the depot' })).body).toEqual({
      status: 'success',
      messages: 'Asset checked in successfully.',
      payload,
    });
    const asset = (await api.get('/hardware/1')).json<AssetRow>();
    expect(asset).toMatchObject({ assigned_to: null, user_can_checkout: true, checkin_counter: 1 });
    expect((await api.post('/hardware/1/checkin')).body).toEqual({
      status: 'error',
      messages: 'That asset is already checked in.',
      payload,
    });
  });

  it('answers an unknown asset with HTTP 200 "Asset not found"', async () => {
    const { api } = await start();
    const reply = await api.post('/hardware/5/checkin');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: 'error', messages: 'Asset not found', payload: null });
  });
});

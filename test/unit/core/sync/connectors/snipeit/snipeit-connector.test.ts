import { describe, expect, it } from 'vitest';
import { SyncError } from '../../../../../../electron/core/sync/sync-error.ts';
import { pixel, startBench } from './snipeit-fixture.ts';

const IMEI = '356938035643809';

describe('Snipe-IT connector against the double', () => {
  it('creates a new asset with the mapped fields and reads it back as written', async () => {
    const bench = await startBench();
    const asset = pixel('PX-0001', {
      imeis: [IMEI],
      osVersion: '15',
      notes: "Bob's <b>phone</b> & case",
      staging: { profile: 'frontline', profileVersion: 4, at: '', by: '', station: '' },
    });
    const { record, link, wrote } = await bench.sync(asset, null);
    expect(wrote).toBe(true);
    expect(bench.seen()).toEqual(['GET /hardware/byserial/PX-0001', 'POST /hardware']);
    const [stored] = bench.double.assets();
    expect(bench.double.assets()).toHaveLength(1);
    expect(stored).toMatchObject({ assetTag: 'TAG-PX-0001', serial: 'PX-0001', name: 'Google Pixel 8' });
    expect(record.values).toEqual({
      assetTag: 'TAG-PX-0001',
      serial: 'PX-0001',
      model: 'Pixel 8',
      status: 'in_stock',
      imei: IMEI,
      osVersion: '15',
      stagingProfile: 'frontline v4',
      assignee: null,
      notes: "Bob's <b>phone</b> & case",
    });
    expect(record.updatedAt).toBe('2026-11-28 10:00:00');

    // The read answers through Snipe-IT's transformer (escaped text): still nothing to push.
    bench.clear();
    const again = await bench.sync(asset, link);
    expect(again.wrote).toBe(false);
    expect(again.record).toEqual(record);
    expect(bench.seen()).toEqual([`GET /hardware/${record.remoteId}`]);
  });

  it('reads notes back through Snipe-IT’s Markdown rendering as the text that was sent', async () => {
    const bench = await startBench();
    const notes = '**Screen** replaced  \nsee https://tickets.example/42, __warranty__ _ok_ & `A<B>`';
    const { link } = await bench.sync(pixel('PX-0014', { notes }), null);
    expect(bench.double.assets()[0]!.notes).toBe(notes);
    const again = await bench.sync(pixel('PX-0014', { notes }), link);
    expect(again.wrote).toBe(false);
    expect(again.record.values.notes).toBe(notes);
  });

  it('sends only the changed fields, and nothing when Snipe-IT already holds the value', async () => {
    const bench = await startBench();
    const asset = pixel('PX-0002');
    const first = await bench.sync(asset, null);

    bench.clear();
    const edited = { ...asset, notes: 'scratched back', osVersion: '15.1' };
    const second = await bench.sync(edited, first.link);
    expect(bench.seen()).toEqual([
      `GET /hardware/${first.record.remoteId}`,
      `PATCH /hardware/${first.record.remoteId}`,
    ]);
    const osColumn = bench.config.customFields.osVersion!;
    expect(JSON.parse(bench.double.requests.last({ method: 'PATCH' })!.body)).toEqual({
      notes: 'scratched back',
      [osColumn]: '15.1',
    });
    expect(second.record.values).toMatchObject({
      notes: 'scratched back',
      osVersion: '15.1',
      status: 'in_stock',
    });

    // in_stock → staged: both are "Ready to Deploy" in Snipe-IT, so there is nothing to send.
    bench.clear();
    const staged = await bench.sync({ ...edited, state: 'staged' }, second.link);
    expect(staged.record.values.status).toBe('staged');
    expect(bench.seen()).toEqual([`GET /hardware/${first.record.remoteId}`]);

    // An unchanged asset: one read, no write.
    bench.clear();
    const unchanged = await bench.sync({ ...edited, state: 'staged' }, staged.link);
    expect(unchanged.wrote).toBe(false);
    expect(bench.double.requests.count({ method: 'PATCH' })).toBe(0);
  });

  it('never creates twice: a create whose answer was lost to a reset is found by serial and updated', async () => {
    const bench = await startBench();
    const asset = pixel('PX-0003', { notes: 'first write' });
    bench.double.faults.resetNext({ method: 'POST', path: '/hardware', when: 'after' });
    const { record } = await bench.sync(asset, null);
    expect(bench.seen()).toEqual([
      'GET /hardware/byserial/PX-0003',
      'POST /hardware',
      'GET /hardware/byserial/PX-0003',
    ]);
    expect(bench.double.requests.all({ method: 'POST' })[0]!.outcome).toBe('reset');
    expect(bench.double.duplicateSerials()).toEqual([]);
    expect(bench.double.assets()).toHaveLength(1);
    expect(record.remoteId).toBe(String(bench.double.assets()[0]!.id));
    expect(record.values.notes).toBe('first write');
  });

  it('never creates twice: another station created it between our read and our create', async () => {
    const bench = await startBench();
    const asset = pixel('PX-0004', { notes: 'from the bench' });
    const remote = await bench.connector.read(asset, null, bench.io);
    expect(remote).toBeNull();
    const other = bench.double.ui.createAsset({
      assetTag: 'TAG-PX-0004',
      serial: 'px-0004',
      model: 'Pixel 8',
      status: 'Pending',
      notes: 'from the other station',
    });
    bench.clear();
    const record = await bench.connector.write(asset, null, bench.connector.localValues(asset), bench.io);
    expect(bench.seen()).toEqual([
      'POST /hardware',
      'GET /hardware/byserial/PX-0004',
      `PATCH /hardware/${other.id}`,
    ]);
    // Only what differs; the serial differs only in case (the same serial to Snipe-IT) and is not sent.
    const { imei, osVersion, stagingProfile } = bench.config.customFields;
    const body = JSON.parse(bench.double.requests.last({ method: 'PATCH' })!.body) as Record<string, unknown>;
    expect(body).toEqual({
      status_id: bench.config.statusLabels.in_stock,
      notes: 'from the bench',
      [imei!]: '356938035643809',
      [osVersion!]: '14',
      [stagingProfile!]: 'frontline-android v3',
    });
    expect(bench.double.assets()).toHaveLength(1);
    expect(record).toMatchObject({
      remoteId: String(other.id),
      values: { notes: 'from the bench', status: 'in_stock' },
    });
  });

  it('turns 200 + "status":"error" into a rejected SyncError with Snipe-IT’s messages in one line', async () => {
    const bench = await startBench();
    const bad = pixel('PX-0005', { imeis: ['35-6938'] });
    const error = await bench.sync(bad, null).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SyncError);
    expect(error).toMatchObject({ code: 'rejected', scope: 'item' });
    const column = bench.config.customFields.imei!;
    expect((error as SyncError).message).toBe(
      `Snipe-IT refused the new asset (serial PX-0005): The imei (${column}) field must be a number.`,
    );

    // A tag another device already carries: refused, and nothing is guessed.
    bench.double.ui.createAsset({
      assetTag: 'TAG-PX-0006',
      serial: 'OTHER',
      model: 'Pixel 8',
      status: 'Pending',
    });
    const taken = await bench.sync(pixel('PX-0006'), null).catch((caught: unknown) => caught);
    expect((taken as SyncError).message).toBe(
      'Snipe-IT refused the new asset (serial PX-0006): The asset tag must be unique.',
    );
    expect(bench.double.assets()).toHaveLength(1);
  });

  it('refuses a model or lifecycle state with no mapping before sending anything', async () => {
    const bench = await startBench();
    const error = await bench
      .sync(pixel('PX-0007', { model: 'Galaxy S24' }), null)
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: 'rejected',
      message: "no Snipe-IT model is mapped to 'Galaxy S24' — map it on the Sync page",
    });
    const lost = await bench
      .sync(pixel('PX-0008', { state: 'lost' }), null)
      .catch((caught: unknown) => caught);
    expect(lost).toMatchObject({
      code: 'rejected',
      message: "no Snipe-IT status label is mapped to 'lost' — map it on the Sync page",
    });
    expect(bench.double.requests.count({ method: 'POST' })).toBe(0);
  });

  it('reports a wrong token as auth and a missing one as credentials', async () => {
    const wrong = await startBench({ token: 'not-the-token' });
    await expect(wrong.connector.check(wrong.io)).rejects.toMatchObject({ code: 'auth', scope: 'connector' });
    const missing = await startBench({ token: null });
    await expect(missing.connector.read(pixel('PX-0009'), null, missing.io)).rejects.toMatchObject({
      code: 'credentials',
      message: 'the Snipe-IT API token (secret "snipeit.token") is not set on this station',
    });
    expect(missing.double.requests.count()).toBe(0);
  });

  it('percent-encodes a hostile serial in the byserial path', async () => {
    const bench = await startBench();
    const asset = pixel('../../x?y#z', { assetTag: null });
    const { record } = await bench.sync(asset, null);
    const [lookup] = bench.double.requests.all({ method: 'GET' });
    expect(lookup!.path).toBe('/api/v1/hardware/byserial/..%2F..%2Fx%3Fy%23z');
    expect(lookup!.query).toEqual({});
    // No tag locally: Snipe-IT needs one, so the serial stands in, and reads back as "no tag".
    expect(bench.double.assets()[0]).toMatchObject({ serial: '../../x?y#z', assetTag: '../../x?y#z' });
    expect(record.values).toMatchObject({ serial: '../../x?y#z', assetTag: null });
    await expect(bench.connector.read(asset, null, bench.io)).resolves.toMatchObject({
      remoteId: record.remoteId,
    });
  });

  it('falls back to the serial when the linked record was deleted in Snipe-IT', async () => {
    const bench = await startBench();
    const asset = pixel('PX-0010');
    const { link } = await bench.sync(asset, null);
    bench.double.ui.deleteAsset(Number(link.remoteId));
    const replacement = bench.double.ui.createAsset({
      assetTag: 'NEW-10',
      serial: 'PX-0010',
      model: 'Pixel 8',
      status: 'Pending',
    });
    bench.clear();
    const remote = await bench.connector.read(asset, link, bench.io);
    expect(bench.seen()).toEqual([`GET /hardware/${link.remoteId}`, 'GET /hardware/byserial/PX-0010']);
    expect(remote).toMatchObject({
      remoteId: String(replacement.id),
      values: { assetTag: 'NEW-10', status: 'received' },
    });
  });

  it('never guesses between several records with one serial', async () => {
    const bench = await startBench({ double: { settings: { uniqueSerial: false } } });
    for (const tag of ['A-1', 'A-2']) {
      bench.double.ui.createAsset({ assetTag: tag, serial: 'PX-0011', model: 'Pixel 8', status: 'Pending' });
    }
    const ids = bench.double.assets().map((asset) => asset.id);
    await expect(bench.connector.read(pixel('PX-0011'), null, bench.io)).rejects.toMatchObject({
      code: 'rejected',
      message: `Snipe-IT holds 2 assets with serial PX-0011 (ids ${ids.join(', ')}); merge them in Snipe-IT`,
    });
  });

  it('pulls the checked-out user’s email as the assignee, and never writes it', async () => {
    const bench = await startBench();
    expect(bench.connector.remoteOnly).toEqual(['assignee']);
    const asset = pixel('PX-0012');
    const { link } = await bench.sync(asset, null);
    bench.double.ui.checkOut(Number(link.remoteId), 'alovelace');
    const remote = await bench.connector.read(asset, link, bench.io);
    expect(remote?.values.assignee).toBe('ada@depot.example');
    bench.clear();
    const local = {
      ...asset,
      assignee: { personId: 1, name: 'Grace', department: null, email: 'grace@depot.example', since: '' },
    };
    await bench.connector.write(local, remote, { assignee: 'grace@depot.example' }, bench.io);
    expect(bench.seen()).toEqual([]);
  });

  it('reports Snipe-IT’s throttle as a throttled SyncError that says when to come back', async () => {
    const bench = await startBench({ double: { throttlePerMinute: 1 } });
    await bench.connector.check(bench.io);
    const error = await bench.connector
      .read(pixel('PX-0013'), null, bench.io)
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'throttled', scope: 'connector', status: 429 });
    expect((error as SyncError).retryAfterMs).toBeGreaterThan(0);
  });

  it('checks the connection by counting assets', async () => {
    const bench = await startBench();
    bench.double.ui.createAsset({ assetTag: 'C-1', serial: 'C1', model: 'Pixel 8', status: 'Pending' });
    await expect(bench.connector.check(bench.io)).resolves.toBe(
      `Snipe-IT at 127.0.0.1:${bench.double.port}: 1 asset`,
    );
    expect(bench.double.requests.last()).toMatchObject({ apiPath: '/hardware', query: { limit: '1' } });
  });
});

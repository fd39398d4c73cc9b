import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/temp-dir.ts';
import { createAssets, expectRemoteMirrorsLocal, startSyncBench, type SyncBench } from './sync-harness.ts';

const tempDir = useTempDirs();
let bench: SyncBench | undefined;
afterEach(async () => {
  await bench?.close();
  bench = undefined;
});

describe('sync to Snipe-IT (the double, over real HTTP)', () => {
  it('creates each new asset once, then sends only what changed', async () => {
    bench = await startSyncBench({ dataDir: tempDir() });
    const assets = await createAssets(bench.call, 6);
    await bench.drained();
    await expectRemoteMirrorsLocal(bench);
    expect(bench.double.requests.count({ method: 'POST', path: '/hardware' })).toBe(6);

    bench.double.requests.clear();
    await bench.call('assets.update', { id: assets[0]!.id, changes: { notes: 'scratched back' } });
    await bench.drained();
    const writes = bench.double.requests.all().filter((request) => request.method !== 'GET');
    expect(writes.map((request) => request.method)).toEqual(['PATCH']);
    await expectRemoteMirrorsLocal(bench);

    // A change that does not touch a mapped field costs no write at all.
    bench.double.requests.clear();
    await bench.call('assets.update', { id: assets[1]!.id, changes: { tags: ['spare'] } });
    await bench.drained();
    expect(bench.double.requests.all().filter((request) => request.method !== 'GET')).toEqual([]);
  });

  it('pulls the user a person checked the asset out to in Snipe-IT into the local record', async () => {
    bench = await startSyncBench({ dataDir: tempDir() });
    await bench.call('people.upsert', {
      name: 'Ada Lovelace',
      email: 'ada@depot.example',
      employeeId: 'E1001',
      badge: null,
      department: 'Home care',
      costCentre: null,
    });
    const [asset] = await createAssets(bench.call, 1);
    await bench.drained();
    const remote = bench.double.assetsBySerial().get(asset!.serial.toUpperCase())![0]!;
    const ada = bench.double.store.users.all().find((user) => user.email === 'ada@depot.example')!;
    bench.double.ui.checkOut(remote.id, ada.id);
    // The next local change makes the connector read the remote again.
    await bench.call('assets.update', { id: asset!.id, changes: { notes: 'handed out' } });
    await bench.drained();
    const local = await bench.call('assets.get', { id: asset!.id });
    expect(local.assignee?.email).toBe('ada@depot.example');
    expect(local.state).toBe('issued');
  });

  it('records a conflict when a field changed on both sides, and a person decides it', async () => {
    bench = await startSyncBench({ dataDir: tempDir() });
    const [asset] = await createAssets(bench.call, 1);
    await bench.drained();
    const remote = bench.double.assetsBySerial().get(asset!.serial.toUpperCase())![0]!;
    bench.double.ui.editAsset(remote.id, { notes: 'edited in Snipe-IT' });
    await bench.call('assets.update', { id: asset!.id, changes: { notes: 'edited on the bench' } });
    await bench.drained();
    const { items } = await bench.call('sync.conflicts.list', {});
    expect(items).toMatchObject([
      { field: 'notes', localValue: 'edited on the bench', remoteValue: 'edited in Snipe-IT' },
    ]);
    expect((await bench.connector()).openConflicts).toBe(1);
    // Nothing was overwritten while the question is open.
    expect(bench.double.store.assetTable.get(remote.id)!.notes).toBe('edited in Snipe-IT');

    await bench.call('sync.conflicts.resolve', { id: items[0]!.id, keep: 'local' });
    await bench.drained();
    expect(bench.double.store.assetTable.get(remote.id)!.notes).toBe('edited on the bench');
    expect((await bench.connector()).openConflicts).toBe(0);
    await expectRemoteMirrorsLocal(bench);
    const audit = await bench.call('audit.list', { limit: 50 });
    expect(audit.entries.some((entry) => entry.action === 'sync.conflict.resolved')).toBe(true);
  });

  it('reads models, status labels and custom fields for the setup screen and suggests a mapping', async () => {
    bench = await startSyncBench({ dataDir: tempDir() });
    await createAssets(bench.call, 2);
    const setup = await bench.call('sync.snipeit.setup', {
      baseUrl: bench.double.url,
      tokenSecret: 'snipeit.other',
      token: bench.double.token,
    });
    const pixel = bench.double.store.models.all().find((model) => model.name === 'Pixel 8')!;
    expect(setup.models.map((model) => model.name)).toEqual(expect.arrayContaining(['Pixel 8', 'iPhone 15']));
    expect(setup.suggested.models['Pixel 8']).toBe(pixel.id);
    expect(setup.suggested.customFields.imei).toMatch(/^_snipeit_imei/);
    await expect(
      bench.call('sync.snipeit.setup', {
        baseUrl: bench.double.url,
        tokenSecret: 'snipeit.other',
        token: 'wrong',
      }),
    ).rejects.toThrow(/Snipe-IT could not be read: .*credentials/);
  });

  it('keeps the token out of the database', async () => {
    bench = await startSyncBench({ dataDir: tempDir() });
    bench.core.context.db.pragma('wal_checkpoint(TRUNCATE)');
    for (const file of readdirSync(bench.dataDir)) {
      if (!file.startsWith('depotline.sqlite')) continue;
      expect(readFileSync(join(bench.dataDir, file)).includes(bench.double.token), file).toBe(false);
    }
  });
});

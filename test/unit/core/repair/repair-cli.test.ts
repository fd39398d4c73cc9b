import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../helpers/temp-dir.ts';
import { repairCore } from './repair-fixture.ts';
import { FakeRepairDevice } from './fake-repair-devices.ts';

const tempDir = useTempDirs();
const cli = (args: string[]) =>
  spawnSync(process.execPath, ['scripts/depotline.mjs', ...args], { encoding: 'utf8', timeout: 30_000 });

describe('depotline repair', () => {
  it('lists the devices on the repair bench and an asset’s certificates', async () => {
    const dir = tempDir();
    const { core, ok, until, devices, android } = repairCore(dir);
    const asset = await ok('assets.create', {
      fields: android('C1', { assetTag: 'DL-C1' }),
      state: 'issued',
    });
    await ok('repair.intake', { code: 'DL-C1', reason: 'leaver' });
    devices.plug(new FakeRepairDevice({ serial: 'C1' }));
    await ok('repair.wipe', { assetId: asset.id, method: 'android-testharness' });
    await until(asset.id, (row) => row.job?.phase === 'device_gone');
    devices.plug(new FakeRepairDevice({ serial: 'C1' }));
    const { certificate } = await until(asset.id, (row) => row.certificate !== null);
    core.close();

    const list = cli(['repair', 'list', '--data-dir', dir]);
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(
      /DL-C1 {2}Samsung Galaxy XCover7 {2}wiped {2}leaver since \d{4}-\d\d-\d\d {2}wipe: verified {2}next: grade/,
    );
    expect(list.stdout).toMatch(/1 device on the repair bench/);
    const certificates = cli(['repair', 'certificates', String(asset.id), '--data-dir', dir, '--json']);
    expect(certificates.status).toBe(0);
    expect(JSON.parse(certificates.stdout)).toEqual([certificate]);
    const none = cli(['repair', 'certificates', '999', '--data-dir', dir]);
    expect(none.status).not.toBe(0);
    expect(none.stderr).toMatch(/There is no asset with id 999/);
  });
});

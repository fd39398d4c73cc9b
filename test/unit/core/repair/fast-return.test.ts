// A phone that reboots faster than the bench looks (the lab's fast phones: ~20 ms) never looks
// gone: the wipe job must take its new appearance as "left and came back" and read it back at
// once, not wait the whole grace time for it to leave.
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../helpers/temp-dir.ts';
import { IMEI, repairCore, TEST_TIMINGS } from './repair-fixture.ts';
import { FakeRepairDevice } from './fake-repair-devices.ts';

const tempDir = useTempDirs();

describe('a device that returns instantly after the wipe', () => {
  it('goes to readback at once instead of waiting out the grace time', async () => {
    // Grace time of a minute: were the job to wait for the device to leave, the test would time out.
    const fixture = repairCore(tempDir(), {
      repair: { timings: { ...TEST_TIMINGS, goneGraceMs: 60_000 } },
    });
    const { core, ok, until, devices } = fixture;
    const asset = await ok('assets.create', {
      fields: fixture.android('F1', { assetTag: 'DL-F1', imeis: [IMEI.a] }),
      state: 'issued',
    });
    await ok('repair.intake', { code: 'DL-F1', reason: 'leaver' });
    const wiped = devices.plug(new FakeRepairDevice({ serial: 'F1', readback: { imeis: [IMEI.a] } }));
    const back = new FakeRepairDevice({ serial: 'F1', readback: { imeis: [IMEI.a] } });
    devices.returnOnWipe = () => back;

    const started = Date.now();
    await ok('repair.wipe', { assetId: asset.id, method: 'android-testharness' });
    const done = await until(asset.id, (row) => row.certificate !== null);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(done).toMatchObject({
      asset: { state: 'wiped' },
      job: { phase: 'verified', message: 'Wipe verified by device readback.' },
      certificate: { verification: 'passed' },
    });
    expect(wiped.wipes).toEqual(['android-testharness']);
    expect(wiped.readbacks).toBe(0);
    expect(back.readbacks).toBe(1);
    core.close();
  });

  it('still reads a device that never left (same appearance) as it is after the grace time', async () => {
    const fixture = repairCore(tempDir());
    const { core, ok, until, devices } = fixture;
    const asset = await ok('assets.create', {
      fields: fixture.android('F2', { assetTag: 'DL-F2', imeis: [IMEI.a] }),
      state: 'issued',
    });
    await ok('repair.intake', { code: 'DL-F2', reason: 'leaver' });
    devices.plug(new FakeRepairDevice({ serial: 'F2', readback: { imeis: [IMEI.a] } }));
    devices.dropOnWipe = false;
    await ok('repair.wipe', { assetId: asset.id, method: 'android-testharness' });
    const done = await until(asset.id, (row) => row.job?.finished === true);
    expect(done.job?.checks.length).toBeGreaterThan(0);
    core.close();
  });
});

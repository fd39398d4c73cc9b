// The repair bench end to end in one core, through the real adb server and lab phones, with the
// bench's own device layer (BenchRepairDevices) and the real certificate module: a blocked phone
// overridden, wiped by test harness and verified by readback, graded and released; a wipe that
// brings back another phone; a recovery wipe that never comes back on adb, confirmed.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../electron/core/core.ts';
import type { RequestInput, RequestName, RequestOutput } from '../../../../electron/common/contract/index.ts';
import type { BenchRow } from '../../../../electron/common/models/repair.ts';
import { verifyErasureCertificate } from '../../../../electron/core/certificates/verify-certificate.ts';
import type { LabController } from '../../../../native/lab/adb/lab/lab-controller.ts';
import { ADB, AdbFixture, startLab } from '../../../conformance/support/adb-fixture.ts';
import { useTempDirs } from '../../../helpers/temp-dir.ts';

const tempDir = useTempDirs();
let adb: AdbFixture;
let lab: LabController;
let serials: string[];

beforeAll(async () => {
  adb = await AdbFixture.start();
  ({ lab, serials } = await startLab(adb, { android: 3, seed: 'repair-bench' }));
  await adb.waitForStates(serials, 'device');
}, 60_000);

afterAll(async () => {
  await lab?.stop();
  await adb?.stop();
});

function benchCore(dir: string) {
  const core: Core = createCore({
    dataDir: dir,
    frontDoor: 'cli',
    log: () => {},
    bench: { adb: { adbPath: ADB, host: '127.0.0.1', port: adb.port }, pollMs: 200 },
    repair: { timings: { returnTimeoutMs: 6_000, goneGraceMs: 10_000, pollMs: 50 } },
  });
  async function ok<N extends RequestName>(name: N, input: RequestInput<N>): Promise<RequestOutput<N>> {
    const result = await core.dispatch(name, input);
    if (!result.ok) throw new Error(`${name} failed: ${result.error.message}`);
    return result.value as RequestOutput<N>;
  }
  async function until(assetId: number, done: (row: BenchRow) => boolean, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const row = core.context.repair.rowOf(assetId);
      if (done(row)) return row;
      if (Date.now() > deadline)
        throw new Error(`not there: ${JSON.stringify({ next: row.nextStep, job: row.job })}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  /** Waits until the bench has read every lab phone's identity. */
  async function benchReady() {
    const deadline = Date.now() + 20_000;
    while ((await ok('devices.list', {})).filter((device) => device.identity).length < serials.length) {
      if (Date.now() > deadline) throw new Error('the bench did not read the lab phones');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { core, ok, until, benchReady };
}

describe('the repair bench on lab phones', () => {
  it('intake, blockers, override, test-harness wipe verified, certificate, grade, release', async () => {
    const { core, ok, until, benchReady } = benchCore(tempDir());
    await benchReady();
    const controls = lab.controls('0')!;
    controls.addAccount('com.google', 'kari.nordmann@example.com');
    controls.setScreenLock({ kind: 'pin', credential: '4711' });

    const { registered, row } = await ok('repair.intake', { pluggedSerial: serials[0]!, reason: 'leaver' });
    expect(registered).toBe(true);
    expect(row).toMatchObject({ plugged: true, asset: { serial: lab.list()[0]!.serial, state: 'returned' } });
    const assetId = row.asset.id;

    const checked = await ok('repair.checkBlockers', { assetId });
    expect(checked.checklist?.items.map((item) => [item.code, item.status])).toEqual([
      ['android.accounts', 'blocking'],
      ['android.device_owner', 'clear'],
      ['android.screen_lock', 'blocking'],
    ]);
    const refused = await core.dispatch('repair.wipe', { assetId, method: 'android-testharness' });
    expect(refused).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/2 blockers are open/) },
    });

    controls.setScreenLock(undefined);
    await ok('repair.override', {
      assetId,
      code: 'android.accounts',
      reason: 'Former user removed the phone from their Google account online',
    });
    await ok('repair.wipe', { assetId, method: 'android-testharness' });
    const wiped = await until(
      assetId,
      (bench) => bench.certificate !== null || bench.job?.phase === 'failed',
    );
    expect(wiped).toMatchObject({
      asset: { state: 'wiped' },
      job: { phase: 'verified' },
      certificate: { verification: 'passed' },
    });
    const outcome = verifyErasureCertificate(readFileSync(wiped.certificate!.jsonPath));
    expect(outcome).toMatchObject({ kind: 'valid', document: { device: { serial: lab.list()[0]!.serial } } });

    await until(assetId, (bench) => bench.plugged);
    const diagnosed = await ok('repair.diagnose', { assetId });
    expect(diagnosed.diagnostics?.values.osVersion).toBe(lab.list()[0]!.androidRelease);
    await ok('repair.grade', { assetId, grade: diagnosed.grade.proposed?.grade === 'D' ? 'C' : 'A' });
    expect((await ok('repair.release', { assetId })).asset.state).toBe('ready_for_reissue');
    core.close();
  }, 60_000);

  it('records nothing as wiped when another phone comes back, and confirms a recovery wipe that cannot', async () => {
    const { core, ok, until, benchReady } = benchCore(tempDir());
    await benchReady();
    lab.controls('1')!.setNextWipe('different-phone');
    const swapped = (await ok('repair.intake', { pluggedSerial: serials[1]!, reason: 'upgrade' })).row.asset
      .id;
    await ok('repair.wipe', { assetId: swapped, method: 'android-testharness' });
    const failed = await until(swapped, (bench) => bench.job?.finished === true);
    expect(failed).toMatchObject({
      asset: { state: 'returned' },
      job: {
        phase: 'failed',
        message: expect.stringMatching(/^A different device came back \(serial .*, expected /),
      },
      certificate: null,
    });

    const recovery = (await ok('repair.intake', { pluggedSerial: serials[2]!, reason: 'broken' })).row.asset
      .id;
    const started = await ok('repair.wipe', { assetId: recovery, method: 'android-recovery' });
    expect(started.job?.instructions.length).toBeGreaterThan(0);
    const ended = await until(recovery, (bench) => bench.job?.finished === true);
    expect(ended).toMatchObject({ asset: { state: 'returned' }, job: { phase: 'not_verified' } });
    const confirmed = await ok('repair.confirmWipe', {
      jobId: ended.job!.id,
      note: 'Recovery shows "Data wipe complete"',
    });
    expect(confirmed).toMatchObject({
      asset: { state: 'wiped' },
      certificate: { verification: 'not verified by device readback' },
    });
    core.close();
  }, 60_000);
});

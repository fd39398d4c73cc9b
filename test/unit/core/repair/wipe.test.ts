import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DeviceCommandError } from '../../../../native/device-errors.ts';
import { useTempDirs } from '../../../helpers/temp-dir.ts';
import { IMEI, repairCore } from './repair-fixture.ts';
import { FakeRepairDevice, FakeRepairDevices, type FakeDeviceInit } from './fake-repair-devices.ts';

const tempDir = useTempDirs();

/** An issued phone taken back in and plugged in, with clear blockers. */
async function onBench(fixture: ReturnType<typeof repairCore>, init: Partial<FakeDeviceInit> = {}) {
  const { ok, devices, android } = fixture;
  const asset = await ok('assets.create', {
    fields: android('W1', { assetTag: 'DL-W1', imeis: [IMEI.a] }),
    state: 'issued',
  });
  await ok('repair.intake', { code: 'DL-W1', reason: 'leaver' });
  const device = devices.plug(new FakeRepairDevice({ serial: 'W1', readback: { imeis: [IMEI.a] }, ...init }));
  return { asset, device };
}

/** The same phone after its reset, as it comes back on the bus. */
const cameBack = (init: Partial<FakeDeviceInit> = {}) =>
  new FakeRepairDevice({ serial: 'W1', readback: { imeis: [IMEI.a] }, ...init });

describe('a wipe verified by device readback', () => {
  it('follows the device through its reset, records it wiped and issues its certificate', async () => {
    const fixture = repairCore(tempDir());
    const { core, ok, until, devices, certificates, auditOf, events } = fixture;
    const { asset, device } = await onBench(fixture);
    const started = await ok('repair.wipe', { assetId: asset.id, method: 'android-testharness' });
    expect(started.job).toMatchObject({ phase: 'started', finished: false, destination: 'reissue' });
    await until(asset.id, (row) => row.job?.phase === 'device_gone');
    expect(device.wipes).toEqual(['android-testharness']);
    expect((await ok('assets.get', { id: asset.id })).state).toBe('returned');

    devices.plug(cameBack());
    const done = await until(asset.id, (row) => row.certificate !== null);
    expect(done).toMatchObject({
      asset: { state: 'wiped' },
      job: { phase: 'verified', finished: true, message: 'Wipe verified by device readback.' },
      certificate: { verification: 'passed', assetId: asset.id, jobId: done.job!.id },
      nextStep: 'grade',
    });
    expect(done.job?.checks.map((check) => [check.name, check.passed])).toEqual([
      ['Device identity', true],
      ['Setup wizard not completed', true],
      ['Accounts on the device', true],
      ['Installed apps', true],
      ['Files in user storage', true],
    ]);
    const file = readFileSync(done.certificate!.jsonPath);
    expect(done.certificate!.sha256).toBe(createHash('sha256').update(file).digest('hex'));
    expect(await ok('repair.certificates', { assetId: asset.id })).toEqual([done.certificate]);

    expect(certificates).toHaveLength(1);
    expect(certificates[0]).toMatchObject({
      assetId: asset.id,
      device: {
        serial: 'W1',
        imeis: [IMEI.a],
        assetTag: 'DL-W1',
        manufacturer: 'Samsung',
        osVersionBefore: '14',
      },
      media: { encryption: 'unknown' },
      technique: 'factory reset via cmd testharness',
      verification: { method: 'device readback', result: 'passed' },
      station: { name: 'Bench 1' },
      technician: { name: 'unnamed technician' },
      destination: 'reissue',
    });
    const actions = auditOf(asset.id).map((entry) => entry.action);
    expect(actions.slice(actions.indexOf('repair.wipe_started'))).toEqual([
      'repair.wipe_started',
      'asset.transition',
      'repair.wipe_verified',
      'repair.certificate_issued',
    ]);
    // The page hears it too: repair.changed rows, batched (at most one event per 150 ms).
    const phases = () =>
      events
        .flat()
        .filter((row) => row.asset.id === asset.id)
        .map((row) => row.job?.phase);
    await expect.poll(phases).toContain('verified');
    expect((await ok('audit.verify', {})).ok).toBe(true);
    core.close();
  });

  it('refuses a wipe requested twice, also when both requests race', async () => {
    const fixture = repairCore(tempDir());
    const { core, ok, refused, until } = fixture;
    const { asset, device } = await onBench(fixture);
    const [first, second] = await Promise.all([
      core.dispatch('repair.wipe', { assetId: asset.id, method: 'android-testharness' }),
      core.dispatch('repair.wipe', { assetId: asset.id, method: 'android-testharness' }),
    ]);
    const outcomes = [first, second].map((result) => (result.ok ? 'ok' : result.error.code));
    expect(outcomes.sort()).toEqual(['conflict', 'ok']);
    await until(asset.id, (row) => row.job?.phase === 'device_gone');
    const again = await refused('repair.wipe', { assetId: asset.id, method: 'android-recovery' });
    expect(again).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(
        /^A wipe of DL-W1 · Samsung Galaxy XCover7 · returned is already running \(job \d+, waiting for the device to come back\); it is not wiped twice/,
      ),
    });
    expect(device.wipes).toEqual(['android-testharness']);
    expect((await ok('repair.bench', {})).map((row) => row.nextStep)).toEqual(['wiping']);
    core.close();
  });
});

describe('a wipe that cannot be verified', () => {
  it('ends not verified when the device never comes back; the technician may confirm it', async () => {
    const fixture = repairCore(tempDir(), {
      repair: { timings: { returnTimeoutMs: 150, goneGraceMs: 300, pollMs: 5 } },
    });
    const { core, ok, refused, until, certificates, auditOf } = fixture;
    const { asset } = await onBench(fixture);
    await ok('repair.wipe', { assetId: asset.id, method: 'android-testharness' });
    const ended = await until(asset.id, (row) => row.job?.finished === true);
    expect(ended).toMatchObject({
      asset: { state: 'returned' },
      job: {
        phase: 'not_verified',
        message: expect.stringMatching(
          /did not come back on USB within 1 s: the wipe is not verified by device readback/,
        ),
      },
      certificate: null,
      nextStep: 'confirm_wipe',
    });
    expect(certificates).toEqual([]);
    // Not plugged, yet on the bench: it waits for the technician.
    expect((await ok('repair.bench', {})).map((row) => row.asset.id)).toEqual([asset.id]);
    expect(await refused('repair.release', { assetId: asset.id })).toMatchObject({
      message: expect.stringMatching(/not wiped yet/),
    });

    expect(await refused('repair.confirmWipe', { jobId: ended.job!.id, note: 'short' })).toMatchObject({
      code: 'invalid_input',
    });
    const confirmed = await ok('repair.confirmWipe', {
      jobId: ended.job!.id,
      note: 'Phone shows the Welcome setup screen after the reset',
    });
    expect(confirmed).toMatchObject({
      asset: { state: 'wiped' },
      job: { confirmation: { note: 'Phone shows the Welcome setup screen after the reset' } },
      certificate: { verification: 'not verified by device readback' },
    });
    expect(certificates[0]?.verification).toMatchObject({
      method: 'none',
      result: 'not verified by device readback',
      checks: [],
      note: expect.stringMatching(
        /^Wipe confirmed by unnamed technician: Phone shows the Welcome setup screen/,
      ),
    });
    expect(
      auditOf(asset.id).find((entry) => entry.action === 'repair.wipe_confirmed')?.details,
    ).toMatchObject({
      jobId: ended.job!.id,
      verification: 'not verified by device readback',
    });
    expect(
      await refused('repair.confirmWipe', { jobId: ended.job!.id, note: 'confirming it twice over' }),
    ).toMatchObject({
      code: 'conflict',
    });
    core.close();
  });

  it('shows a guided wipe’s steps and waits until the technician marks it done', async () => {
    const fixture = repairCore(tempDir());
    const { core, ok, refused, until, devices } = fixture;
    const { asset } = await onBench(fixture);
    devices.dropOnWipe = true;
    const started = await ok('repair.wipe', { assetId: asset.id, method: 'android-recovery' });
    expect(started.job?.instructions).toEqual([
      'Hold Volume Up and Power until the recovery menu shows',
      'Choose "Wipe data/factory reset"',
    ]);
    const waiting = await until(asset.id, (row) => row.job?.phase === 'device_gone');
    const stopped = await ok('repair.stopWaiting', {
      jobId: waiting.job!.id,
      note: 'recovery wipe done, adb is off',
    });
    expect(stopped).toMatchObject({
      asset: { state: 'returned' },
      job: {
        phase: 'not_verified',
        message: expect.stringMatching(
          /stopped waiting for the device \(recovery wipe done, adb is off\): the wipe is not verified/,
        ),
      },
      nextStep: 'confirm_wipe',
    });
    expect(await refused('repair.stopWaiting', { jobId: waiting.job!.id })).toMatchObject({
      code: 'conflict',
    });
    // A device coming back later does not turn the ended job into a verified one.
    devices.plug(cameBack());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(core.context.repair.rowOf(asset.id).job?.phase).toBe('not_verified');
    core.close();
  });

  it('ends not verified when the device comes back but cannot be read', async () => {
    const fixture = repairCore(tempDir());
    const { core, ok, until, devices } = fixture;
    const { asset } = await onBench(fixture);
    await ok('repair.wipe', { assetId: asset.id, method: 'android-testharness' });
    await until(asset.id, (row) => row.job?.phase === 'device_gone');
    devices.plug(cameBack({ readbackError: new Error('adb: device unauthorized') }));
    const ended = await until(asset.id, (row) => row.job?.finished === true);
    expect(ended.job).toMatchObject({
      phase: 'not_verified',
      message:
        'The device came back but could not be read back (adb: device unauthorized): not verified by device readback.',
    });
    expect(ended.asset.state).toBe('returned');
    core.close();
  });
});

describe('a wipe that failed', () => {
  it('records nothing as wiped when a different device comes back', async () => {
    const fixture = repairCore(tempDir());
    const { core, ok, until, devices, certificates } = fixture;
    const { asset } = await onBench(fixture);
    await ok('repair.wipe', { assetId: asset.id, method: 'android-testharness' });
    await until(asset.id, (row) => row.job?.phase === 'device_gone');
    devices.plug(cameBack({ readback: { serial: 'R58OTHER', imeis: [] } }));
    const ended = await until(asset.id, (row) => row.job?.finished === true);
    expect(ended).toMatchObject({
      asset: { state: 'returned' },
      job: {
        phase: 'failed',
        message:
          'A different device came back (serial R58OTHER, expected W1); nothing was recorded as wiped.',
      },
      certificate: null,
      nextStep: 'wipe_again',
    });
    expect(certificates).toEqual([]);
    core.close();
  });

  it('catches a different IMEI behind the same serial', async () => {
    const fixture = repairCore(tempDir());
    const { core, ok, until, devices } = fixture;
    const { asset } = await onBench(fixture);
    await ok('repair.wipe', { assetId: asset.id, method: 'android-testharness' });
    await until(asset.id, (row) => row.job?.phase === 'device_gone');
    devices.plug(cameBack({ readback: { imeis: [IMEI.c] } }));
    const ended = await until(asset.id, (row) => row.job?.finished === true);
    expect(ended.job?.message).toBe(
      `A different device came back (IMEI ${IMEI.c}, expected ${IMEI.a}); nothing was recorded as wiped.`,
    );
    expect(ended.asset.state).toBe('returned');
    core.close();
  });

  it('fails when the device comes back still holding data, naming what it found', async () => {
    const fixture = repairCore(tempDir());
    const { core, ok, until, devices } = fixture;
    const { asset } = await onBench(fixture);
    await ok('repair.wipe', { assetId: asset.id, method: 'android-testharness' });
    await until(asset.id, (row) => row.job?.phase === 'device_gone');
    devices.plug(cameBack({ readback: { inSetup: false, userFiles: 312 } }));
    const ended = await until(asset.id, (row) => row.job?.finished === true);
    expect(ended.job?.phase).toBe('failed');
    expect(ended.job?.message).toBe(
      'The device came back but does not show a clean wipe: setup wizard not completed: no (expected yes); ' +
        'files in user storage: 312 (expected 0). Nothing was recorded as wiped.',
    );
    expect(ended.job?.checks.filter((check) => !check.passed)).toHaveLength(2);
    expect(ended.asset.state).toBe('returned');
    core.close();
  });

  it('fails when the device refuses the wipe', async () => {
    const fixture = repairCore(tempDir());
    const { core, ok, until } = fixture;
    const { asset } = await onBench(fixture, {
      wipeError: new DeviceCommandError('cmd: Failure calling service testharness: Permission denial'),
    });
    await ok('repair.wipe', { assetId: asset.id, method: 'android-testharness' });
    const ended = await until(asset.id, (row) => row.job?.finished === true);
    expect(ended.job).toMatchObject({
      phase: 'failed',
      message:
        'The device refused the wipe: cmd: Failure calling service testharness: Permission denial. Nothing was wiped.',
    });
    expect(ended.plugged).toBe(true);
    core.close();
  });
});

describe('a restart mid-wipe', () => {
  it('resumes following the device instead of wiping it again', async () => {
    const dir = tempDir();
    const first = repairCore(dir);
    const { asset, device } = await onBench(first);
    await first.ok('repair.wipe', { assetId: asset.id, method: 'android-testharness' });
    const gone = await first.until(asset.id, (row) => row.job?.phase === 'device_gone');
    first.core.close();

    const devices = new FakeRepairDevices();
    const second = repairCore(dir, { devices });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(devices.waiting).toBe(1); // waiting for W1 to come back, not sending anything
    expect(second.core.context.repair.rowOf(asset.id).job).toMatchObject({
      id: gone.job!.id,
      phase: 'device_gone',
    });
    const back = devices.plug(cameBack());
    const done = await second.until(asset.id, (row) => row.certificate !== null);
    expect(done).toMatchObject({ asset: { state: 'wiped' }, job: { id: gone.job!.id, phase: 'verified' } });
    expect(device.wipes).toEqual(['android-testharness']);
    expect(back.wipes).toEqual([]);
    expect(devices.waits).toEqual(['W1']);
    second.core.close();
  });

  it('never sends the wipe again after a restart while it was being sent', async () => {
    const dir = tempDir();
    const first = repairCore(dir);
    const { asset, device } = await onBench(first);
    // The device takes the command but the core stops before it hears so.
    device.startWipe = (method) => {
      device.wipes.push(method);
      return new Promise(() => {});
    };
    await first.ok('repair.wipe', { assetId: asset.id, method: 'android-testharness' });
    await first.until(asset.id, () => device.wipes.length === 1);
    expect(first.core.context.repair.rowOf(asset.id).job?.phase).toBe('started');
    first.core.close();

    const devices = new FakeRepairDevices(); // W1 is resetting: off the bus
    const second = repairCore(dir, { devices });
    await second.until(asset.id, (row) => row.job?.phase === 'device_gone');
    const back = devices.plug(cameBack());
    await second.until(asset.id, (row) => row.job?.phase === 'verified');
    expect(back.wipes).toEqual([]);
    expect(device.wipes).toHaveLength(1);
    second.core.close();
  });
});

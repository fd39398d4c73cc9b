import { describe, expect, it } from 'vitest';
import {
  DeviceCommandError,
  DeviceGoneError,
  DeviceUnreadableError,
} from '../../../../native/adb/android-driver.ts';
import type { DeviceAccess } from '../../../../electron/core/staging/job-runner.ts';
import { bench, profileOf, SETTINGS } from './android-job-bench.ts';
import { FakeAndroidDevice } from './fake-android-driver.ts';

const STEPS = [
  { type: 'setting', namespace: 'global', key: 'stay_on_while_plugged_in', value: '7' },
  { type: 'setting', namespace: 'secure', key: 'location_mode', value: '0' },
  { type: 'deviceName', name: 'DL-${serial}' },
  { type: 'deviceOwner', component: 'org.depotline.sample.dpc/.AdminReceiver' },
  { type: 'enrol', component: 'org.depotline.sample.dpc/.SetupActivity', extras: { asset: '${serial}' } },
];

describe('staging job', () => {
  it('applies every step, verifies each, and records it in the journal', async () => {
    const device = new FakeAndroidDevice('SER1');
    const { journal, run } = bench([device]);
    const { jobIds } = journal.createBatch(
      1,
      [{ serial: 'SER1', platform: 'android', stepCount: STEPS.length }],
      { technician: 'Kari', station: 'B1' },
    );
    await run(jobIds[0]!, profileOf(STEPS));
    expect(journal.job(jobIds[0]!).state).toBe('done');
    expect(journal.steps(jobIds[0]!).map((s) => [s.status, s.outcome])).toEqual(
      Array(STEPS.length).fill(['verified', 'applied']),
    );
    expect(device.settings.get('global/device_name')).toBe('DL-SER1');
    expect(device.owner).toBe('org.depotline.sample.dpc/.AdminReceiver');
    expect(device.log).toContain('startActivity org.depotline.sample.dpc/.SetupActivity  {"asset":"SER1"}');
  });

  it('does not rewrite what the device already has', async () => {
    const device = new FakeAndroidDevice('SER1');
    device.settings.set('global/stay_on_while_plugged_in', '7');
    device.owner = 'org.depotline.sample.dpc/org.depotline.sample.dpc.AdminReceiver';
    const { journal, run } = bench([device]);
    const profile = profileOf(STEPS, { preflight: { requireNoDeviceOwner: false } });
    const { jobIds } = journal.createBatch(
      1,
      [{ serial: 'SER1', platform: 'android', stepCount: STEPS.length }],
      { technician: 'Kari', station: 'B1' },
    );
    await run(jobIds[0]!, profile);
    expect(journal.steps(jobIds[0]!).map((s) => s.outcome)).toEqual([
      'already-satisfied',
      'applied',
      'applied',
      'already-satisfied',
      'applied',
    ]);
    expect(device.count('putSetting global/stay_on_while_plugged_in')).toBe(0);
    expect(device.count('setDeviceOwner')).toBe(0);
  });

  it('resumes at the first unverified step after a crash, repeating no verified step', async () => {
    const device = new FakeAndroidDevice('SER1');
    const { journal, run } = bench([device]);
    const { jobIds } = journal.createBatch(
      1,
      [{ serial: 'SER1', platform: 'android', stepCount: STEPS.length }],
      { technician: 'Kari', station: 'B1' },
    );
    const jobId = jobIds[0]!;
    // What a killed core leaves: steps 0–2 verified, step 3 begun but never confirmed.
    for (const index of [0, 1, 2]) {
      await journal.stepStarted(jobId, index);
      await journal.stepVerified(jobId, index, 'applied');
    }
    await journal.stepStarted(jobId, 3);
    journal.setState(jobId, 'running');
    await run(jobId, profileOf(STEPS));
    expect(journal.job(jobId).state).toBe('done');
    expect(device.count('putSetting')).toBe(0); // steps 0–2 were not touched again
    expect(device.count('setDeviceOwner')).toBe(1);
    expect(device.count('startActivity')).toBe(1);
    expect(journal.steps(jobId)[3]!.attempts).toBe(2);
  });

  it('retries a transient failure with backoff and succeeds', async () => {
    const device = new FakeAndroidDevice('SER1');
    device.fail(
      'putSetting',
      new Error('adb: timeout'),
      new DeviceCommandError('Failure calling service settings', { transient: true }),
    );
    const { journal, run } = bench([device]);
    const { jobIds } = journal.createBatch(1, [{ serial: 'SER1', platform: 'android', stepCount: 1 }], {
      technician: 'Kari',
      station: 'B1',
    });
    await run(jobIds[0]!, profileOf(STEPS.slice(0, 1)));
    expect(journal.job(jobIds[0]!).state).toBe('done');
    expect(journal.steps(jobIds[0]!)[0]!.attempts).toBe(3);
  });

  it('fails with the device’s own message on a permanent error, and leaves later steps alone', async () => {
    const device = new FakeAndroidDevice('SER1');
    const message =
      'java.lang.IllegalStateException: Not allowed to set the device owner because there are already some accounts on the device';
    device.fail('setDeviceOwner', new DeviceCommandError(message));
    const { journal, run, updates } = bench([device]);
    const { jobIds } = journal.createBatch(
      1,
      [{ serial: 'SER1', platform: 'android', stepCount: STEPS.length }],
      { technician: 'Kari', station: 'B1' },
    );
    await run(jobIds[0]!, profileOf(STEPS));
    const job = journal.job(jobIds[0]!);
    expect(job.state).toBe('failed');
    expect(JSON.parse(job.reasons)).toEqual([
      `Make org.depotline.sample.dpc/.AdminReceiver the device owner: ${message}`,
    ]);
    expect(journal.steps(job.id).map((s) => s.status)).toEqual([
      'verified',
      'verified',
      'verified',
      'failed',
      'pending',
    ]);
    expect(device.count('startActivity')).toBe(0);
    expect(updates.at(-1)).toMatchObject({ state: 'failed', stepIndex: 3 });
  });

  it('waits for a device yanked mid-step and resumes the same step when it returns', async () => {
    const device = new FakeAndroidDevice('SER1');
    device.fail('setDeviceOwner', 'vanish');
    const { journal, run, updates } = bench([device]);
    const { jobIds } = journal.createBatch(
      1,
      [{ serial: 'SER1', platform: 'android', stepCount: STEPS.length }],
      { technician: 'Kari', station: 'B1' },
    );
    const finished = run(jobIds[0]!, profileOf(STEPS));
    await expect.poll(() => updates.some((u) => u.state === 'waiting_for_device')).toBe(true);
    expect(journal.job(jobIds[0]!).state).toBe('waiting_for_device');
    device.connected = true; // plugged back in
    await finished;
    expect(journal.job(jobIds[0]!).state).toBe('done');
    expect(device.count('putSetting global/stay_on')).toBe(1);
    expect(device.count('setDeviceOwner')).toBe(1);
  });

  it('fails with a clear reason when a yanked device does not return in time', async () => {
    const device = new FakeAndroidDevice('SER1');
    device.fail('putSetting', 'vanish');
    const { journal, run } = bench([device], { ...SETTINGS, waitForDeviceMs: 1_000 });
    const { jobIds } = journal.createBatch(1, [{ serial: 'SER1', platform: 'android', stepCount: 1 }], {
      technician: 'Kari',
      station: 'B1',
    });
    await run(jobIds[0]!, profileOf(STEPS.slice(0, 1)));
    expect(journal.job(jobIds[0]!)).toMatchObject({ state: 'failed' });
    expect(journal.job(jobIds[0]!).reasons).toMatch(/did not come back within 1 s/);
  });

  it('fails at once, with what the device said, when it comes back but cannot be read', async () => {
    // Before: the job waited out waitForDeviceMs (10 min at a station) for a phone that was
    // connected all along, then blamed it for not coming back.
    const device = new FakeAndroidDevice('SER1');
    device.fail('putSetting', 'vanish');
    const reason = 'Cannot read the device: getprop: the device answered with no properties';
    const unreadable: DeviceAccess = {
      waitForDevice: () =>
        device.connected
          ? Promise.resolve(device.driver())
          : Promise.reject(new DeviceUnreadableError(reason)),
    };
    const { journal, run } = bench([device], { ...SETTINGS, waitForDeviceMs: 600_000 }, unreadable);
    const { jobIds } = journal.createBatch(
      1,
      [{ serial: 'SER1', platform: 'android', stepCount: STEPS.length }],
      { technician: 'Kari', station: 'B1' },
    );
    const startedAt = Date.now();
    await run(jobIds[0]!, profileOf(STEPS));
    expect(Date.now() - startedAt).toBeLessThan(1_000);
    expect(journal.job(jobIds[0]!)).toMatchObject({ state: 'failed', reasons: JSON.stringify([reason]) });
    expect(journal.steps(jobIds[0]!).map((step) => step.status)).toEqual([
      'applying',
      'pending',
      'pending',
      'pending',
      'pending',
    ]);
  });

  it('blocks with every preflight reason before making any change', async () => {
    const device = new FakeAndroidDevice('SER1', {
      battery: { levelPercent: 5, health: 'good', status: 'discharging', temperatureC: 30, pluggedIn: false },
      accounts: [{ name: 'kari@gmail.com', type: 'com.google' }],
      androidRelease: '10',
    });
    const { journal, run } = bench([device]);
    const { jobIds } = journal.createBatch(
      1,
      [{ serial: 'SER1', platform: 'android', stepCount: STEPS.length }],
      { technician: 'Kari', station: 'B1' },
    );
    await run(
      jobIds[0]!,
      profileOf(STEPS, { preflight: { minBatteryPercent: 30, androidVersion: { min: 11 } } }),
    );
    const job = journal.job(jobIds[0]!);
    expect(job.state).toBe('blocked');
    const reasons = JSON.parse(job.reasons) as string[];
    expect(reasons).toHaveLength(3);
    expect(reasons.join('\n')).toMatch(/Battery at 5 %.*30 %/);
    expect(reasons.join('\n')).toMatch(/kari@gmail.com.*Factory Reset Protection/);
    expect(reasons.join('\n')).toMatch(/Android 10 is older.*Android 11/);
    // One read (the parts of the identity these rules look at, with the versions of the
    // profile's packages, which this profile has none of), and nothing that changes the phone.
    expect(device.log).toEqual([
      expect.stringMatching(/^read identity\(battery,accounts,deviceOwner,storage\)/),
    ]);
  });

  it('stops between steps when cancelled', async () => {
    const device = new FakeAndroidDevice('SER1');
    // A long backoff keeps step 0 waiting to retry, as a busy package manager would.
    const { journal, run } = bench([device], { ...SETTINGS, retryBaseMs: 60_000 });
    const { jobIds } = journal.createBatch(
      1,
      [{ serial: 'SER1', platform: 'android', stepCount: STEPS.length }],
      { technician: 'Kari', station: 'B1' },
    );
    const controller = new AbortController();
    device.fail('putSetting', new Error('busy'), new Error('busy'), new Error('busy'));
    const finished = run(jobIds[0]!, profileOf(STEPS), controller.signal);
    // The side lane tries step 0 first, the main lane again: either may be the one waiting now.
    await expect.poll(() => journal.steps(jobIds[0]!)[0]!.attempts).toBeGreaterThanOrEqual(1);
    controller.abort();
    await finished;
    expect(journal.job(jobIds[0]!).state).toBe('cancelled');
    expect(device.count('setDeviceOwner')).toBe(0);
  });

  it('records a resumed job whose steps were all verified before the crash as done, with its asset', async () => {
    const device = new FakeAndroidDevice('SER1');
    const { journal, run, done } = bench([device]);
    const { jobIds } = journal.createBatch(1, [{ serial: 'SER1', platform: 'android', stepCount: 2 }], {
      technician: 'Kari',
      station: 'B1',
    });
    for (const index of [0, 1]) {
      await journal.stepStarted(jobIds[0]!, index);
      await journal.stepVerified(jobIds[0]!, index, 'applied');
    }
    await run(jobIds[0]!, profileOf(STEPS.slice(0, 2)));
    expect(journal.job(jobIds[0]!).state).toBe('done');
    expect(done).toEqual(['SER1']);
    expect(device.count('putSetting')).toBe(0);
  });

  it('fails, instead of looping, when a listed phone drops every reply', async () => {
    const device = new FakeAndroidDevice('SER1');
    device.fail(
      'putSetting',
      ...Array.from({ length: 20 }, () => new DeviceGoneError('SER1', 'the reply was cut off')),
    );
    const { journal, run, done } = bench([device]);
    const { jobIds } = journal.createBatch(1, [{ serial: 'SER1', platform: 'android', stepCount: 1 }], {
      technician: 'Kari',
      station: 'B1',
    });
    await run(jobIds[0]!, profileOf(STEPS.slice(0, 1)));
    expect(journal.job(jobIds[0]!).state).toBe('failed');
    expect(journal.job(jobIds[0]!).reasons).toMatch(/keeps dropping \(6 times\).*cut off/);
    expect(done).toEqual([]);
  });
});

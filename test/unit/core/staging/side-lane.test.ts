// The side lane (electron/core/staging/side-lane.ts): settings are applied while an app
// (un)installs, never past a step that must have the phone alone, each journalled like any
// step; a setting that fails there is left to the main lane, which retries it as usual.
import { describe, expect, it } from 'vitest';
import { bench, profileOf } from './android-job-bench.ts';
import { FakeAndroidDevice } from './fake-android-driver.ts';

const OLD_APP = 'org.example.legacy';
const STEPS = [
  { type: 'uninstall', package: OLD_APP },
  { type: 'setting', namespace: 'global', key: 'stay_on_while_plugged_in', value: '7' },
  { type: 'deviceName', name: 'DL-${serial}' },
  { type: 'deviceOwner', component: 'org.depotline.sample.dpc/.AdminReceiver' },
  { type: 'setting', namespace: 'system', key: 'screen_off_timeout', value: '600000' },
];

function deviceWithOldApp(): FakeAndroidDevice {
  const device = new FakeAndroidDevice('SER1');
  device.packages.set(OLD_APP, {
    packageName: OLD_APP,
    versionCode: 1,
    versionName: '1.0',
    runtimePermissions: new Map(),
  });
  device.slow('uninstall', 150); // long enough for both settings to go through meanwhile
  return device;
}

type Journal = ReturnType<typeof bench>['journal'];

/** Runs the job; `before` writes what an earlier core (killed since) left in the journal. */
async function stage(device: FakeAndroidDevice, before?: (journal: Journal, jobId: number) => Promise<void>) {
  const { journal, run } = bench([device]);
  const { jobIds } = journal.createBatch(
    1,
    [{ serial: 'SER1', platform: 'android', stepCount: STEPS.length }],
    { technician: 'Kari', station: 'B1' },
  );
  await before?.(journal, jobIds[0]!);
  await run(jobIds[0]!, profileOf(STEPS));
  return { job: journal.job(jobIds[0]!), steps: journal.steps(jobIds[0]!) };
}

describe('side lane', () => {
  it('applies the settings before a barrier while the app uninstalls, and the barrier after all of them', async () => {
    const device = deviceWithOldApp();
    const { job, steps } = await stage(device);
    expect(job.state).toBe('done');
    expect(steps.map((step) => [step.status, step.outcome])).toEqual(Array(5).fill(['verified', 'applied']));
    const at = (line: string) => device.log.findIndex((entry) => entry.startsWith(line));
    const uninstallEnded = at('uninstall ended');
    expect(at('putSetting global/stay_on_while_plugged_in')).toBeLessThan(uninstallEnded);
    expect(at('putSetting global/device_name=DL-SER1')).toBeLessThan(uninstallEnded);
    // The setting after the device owner step waits for it: no side-lane step past a barrier.
    expect(at('setDeviceOwner')).toBeGreaterThan(uninstallEnded);
    expect(at('putSetting system/screen_off_timeout')).toBeGreaterThan(at('setDeviceOwner'));
  });

  it('leaves a setting that fails there to the main lane, which applies it in its turn', async () => {
    const device = deviceWithOldApp();
    device.fail('putSetting', new Error('settings provider busy'));
    const { job, steps } = await stage(device);
    expect(job.state).toBe('done');
    expect(steps.every((step) => step.status === 'verified')).toBe(true);
    expect(device.settings.get('global/stay_on_while_plugged_in')).toBe('7');
    // One try in the side lane, one in the main lane (after the uninstall ended).
    expect(steps[1]!.attempts).toBe(2);
    expect(device.log.lastIndexOf('putSetting global/stay_on_while_plugged_in=7')).toBeGreaterThan(
      device.log.indexOf('uninstall ended'),
    );
  });

  it('never runs again a step a resumed job had verified, even one ahead of the main lane', async () => {
    const device = deviceWithOldApp();
    // The killed core's side lane had named the device; the uninstall had not finished.
    const { job, steps } = await stage(device, async (journal, jobId) => {
      await journal.stepStarted(jobId, 2);
      await journal.stepVerified(jobId, 2, 'applied');
    });
    expect(job.state).toBe('done');
    expect(device.count('putSetting global/device_name')).toBe(0);
    expect(steps[2]!.attempts).toBe(1);
    expect(device.settings.get('global/stay_on_while_plugged_in')).toBe('7');
  });
});

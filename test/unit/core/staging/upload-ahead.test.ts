// Android installs uploaded ahead (android-plan.ts startAhead): once preflight has passed, each
// install step's APK is streamed into a session in step order, one at a time and in its hub's
// transfer turn, and the step commits it; nothing is uploaded for an app the phone has, or past
// a step that must have the phone alone; what no step committed is abandoned when the job ends.
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeviceCommandError } from '../../../../native/adb/android-driver.ts';
import { DEFAULT_APK_FIXTURE_DIR } from '../../../../scripts/make-test-apks.ts';
import { bench, profileOf, SETTINGS } from './android-job-bench.ts';
import { useTestApks } from '../../../helpers/test-apks.ts';
import { FakeAndroidDevice } from './fake-android-driver.ts';

const apks = useTestApks();

const installOf = (id: 'notesV1' | 'scanner' | 'kiosk') => ({
  type: 'install',
  package: apks.apks[id].packageName,
  apk: basename(apks.apks[id].path),
  signerSha256: apks.apks[id].certSha256,
});

/** Runs one job on `device`; `transfers` records each transfer's start and end in the device log. */
async function stage(device: FakeAndroidDevice, steps: unknown[]) {
  const transfer = async <T>(work: () => Promise<T>): Promise<T> => {
    device.log.push('transfer begins');
    try {
      return await work();
    } finally {
      device.log.push('transfer ends');
    }
  };
  const { journal, run } = bench([device], SETTINGS, undefined, {
    profileDir: DEFAULT_APK_FIXTURE_DIR,
    transfer,
  });
  const { jobIds } = journal.createBatch(
    1,
    [{ serial: 'SER1', platform: 'android', stepCount: steps.length }],
    { technician: 'Kari', station: 'B1' },
  );
  await run(jobIds[0]!, profileOf(steps));
  return { job: journal.job(jobIds[0]!), steps: journal.steps(jobIds[0]!) };
}

const at = (device: FakeAndroidDevice, line: string) =>
  device.log.findIndex((entry) => entry.startsWith(line));

describe('installs uploaded ahead', () => {
  it('uploads the next app while the one before installs, and each step commits its own upload', async () => {
    const device = new FakeAndroidDevice('SER1');
    device.slow('installAndRead', 100);
    device.slow('stageInstall', 20);
    const { job, steps } = await stage(device, [
      installOf('notesV1'),
      { type: 'setting', namespace: 'global', key: 'stay_on_while_plugged_in', value: '7' },
      installOf('scanner'),
    ]);
    expect(job.state).toBe('done');
    expect(steps.map((step) => step.outcome)).toEqual(['applied', 'applied', 'applied']);
    const [notes, scanner] = [apks.apks.notesV1.path, apks.apks.scanner.path];
    expect(device.count(`stageInstall ${notes}`)).toBe(1);
    expect(device.count(`stageInstall ${scanner}`)).toBe(1);
    // The second app's bytes arrive while the first installs, after the first's upload is over.
    expect(at(device, `stageInstall ${scanner}`)).toBeGreaterThan(at(device, `stageInstall ${notes}`));
    expect(at(device, `stageInstall ${scanner}`)).toBeLessThan(at(device, 'installAndRead ended'));
    // Uploads take their hub's transfer turn; a commit moves no bytes and takes none.
    expect(device.log.filter((line) => line === 'transfer begins')).toHaveLength(2);
    expect(at(device, 'transfer begins')).toBeLessThan(at(device, `stageInstall ${notes}`));
    expect(device.staged.size).toBe(0);
    expect(device.packages.get(apks.apks.scanner.packageName)?.versionCode).toBe(
      apks.apks.scanner.versionCode,
    );
  });

  it('uploads nothing for an app the phone has, nor past a step that must have the phone alone', async () => {
    const device = new FakeAndroidDevice('SER1');
    const notes = apks.apks.notesV1;
    device.packages.set(notes.packageName, {
      packageName: notes.packageName,
      versionCode: notes.versionCode,
      versionName: '1',
      runtimePermissions: new Map(),
    });
    device.slow('reboot', 50);
    const { job } = await stage(device, [
      installOf('notesV1'),
      installOf('scanner'),
      { type: 'reboot' },
      installOf('kiosk'),
    ]);
    expect(job.state).toBe('done');
    expect(device.count('stageInstall')).toBe(1);
    expect(device.count(`stageInstall ${apks.apks.scanner.path}`)).toBe(1);
    // The app after the reboot is streamed in its own step, after the reboot.
    expect(at(device, `installAndRead ${apks.apks.kiosk.path}`)).toBeGreaterThan(at(device, 'reboot'));
  });

  it('abandons an upload no step committed when the job ends early, and streams afresh after a failed upload', async () => {
    const device = new FakeAndroidDevice('SER1');
    device.fail('stageInstall', new DeviceCommandError('the phone did not open an install session'));
    device.fail('installAndRead', new DeviceCommandError('Failure [INSTALL_FAILED_INSUFFICIENT_STORAGE]'));
    device.slow('stageInstall', 20);
    const { job, steps } = await stage(device, [installOf('notesV1'), installOf('scanner')]);
    // The first upload failed, so the step streamed its APK itself (and the phone refused it).
    expect(job.state).toBe('failed');
    expect(steps[0]!.status).toBe('failed');
    expect(steps[0]!.message).toMatch(/INSTALL_FAILED_INSUFFICIENT_STORAGE/);
    expect(device.count(`stageInstall ${apks.apks.scanner.path}`)).toBe(1);
    expect(device.count('discardStaged')).toBe(1);
    expect(device.staged.size).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { readOnce } from '../../../../electron/core/staging/read-once.ts';
import {
  partFor,
  StagingProfileSchema,
  type StagingProfile,
} from '../../../../electron/common/profile/profile-schema.ts';
import { FakeAndroidDevice } from './fake-android-driver.ts';

const SIGNER = 'a'.repeat(64);

function profileOf(steps: unknown[]): StagingProfile {
  return StagingProfileSchema.parse({
    schema: 'depotline.profile/v1',
    id: 'test',
    name: 'Test',
    version: 1,
    platform: 'android',
    steps,
  });
}

const PROFILE = profileOf([
  { type: 'install', package: 'org.example.one', apk: 'one.apk', signerSha256: SIGNER },
  { type: 'install', package: 'org.example.two', apk: 'two.apk', signerSha256: SIGNER },
  { type: 'setting', namespace: 'global', key: 'stay_on_while_plugged_in', value: '7' },
  { type: 'setting', namespace: 'system', key: 'screen_off_timeout', value: '600000' },
  { type: 'deviceName', name: 'DL-${serial}' },
  { type: 'reboot' },
]);

function installed(device: FakeAndroidDevice, name: string, versionCode: number): void {
  device.packages.set(name, {
    packageName: name,
    versionCode,
    versionName: undefined,
    runtimePermissions: new Map(),
  });
}

/** The commands the device received, without the ones these tests do not look at. */
const reads = (device: FakeAndroidDevice) =>
  device.log.filter((line) => /^(packageInfo|getSetting)/.test(line));

describe('readOnce', () => {
  it('reads all of the profile’s packages, then all of its settings, in one round trip each', async () => {
    const device = new FakeAndroidDevice('SER1');
    installed(device, 'org.example.two', 3);
    device.settings.set('system/screen_off_timeout', '600000');
    const driver = readOnce(device.driver(), partFor(PROFILE, 'android')!, '/profile');
    expect(await driver.packageInfo('org.example.one')).toBeUndefined();
    expect(await driver.packageInfo('org.example.two')).toMatchObject({ versionCode: 3 });
    expect(await driver.getSetting('global', 'stay_on_while_plugged_in')).toBeUndefined();
    expect(await driver.getSetting('system', 'screen_off_timeout')).toBe('600000');
    expect(await driver.getSetting('global', 'device_name')).toBeUndefined();
    expect(reads(device)).toEqual([
      'packageInfos org.example.one org.example.two',
      'getSettings global/stay_on_while_plugged_in system/screen_off_timeout global/device_name',
    ]);
  });

  it('reads a package again after the job changed it, and only that one', async () => {
    const device = new FakeAndroidDevice('SER1');
    const driver = readOnce(device.driver(), partFor(PROFILE, 'android')!, '/profile');
    await driver.packageInfo('org.example.one');
    installed(device, 'org.example.one', 5); // what the install below does on a real phone
    await driver.install('/profile/one.apk').catch(() => undefined);
    expect(await driver.packageInfo('org.example.one')).toMatchObject({ versionCode: 5 });
    await driver.setPermission('org.example.one', 'android.permission.CAMERA', true);
    await driver.packageInfo('org.example.one');
    await driver.packageInfo('org.example.two'); // untouched since the first read
    expect(reads(device)).toEqual([
      'packageInfos org.example.one org.example.two',
      'packageInfos org.example.one',
      'packageInfos org.example.one',
    ]);
    // An APK the profile does not name may hold any package: all are read again.
    await driver.install('/elsewhere/unknown.apk').catch(() => undefined);
    await driver.packageInfo('org.example.two');
    expect(reads(device).at(-1)).toBe('packageInfos org.example.two');
  });

  it('keeps what the device showed after a put, which is the verification', async () => {
    const device = new FakeAndroidDevice('SER1');
    const driver = readOnce(device.driver(), partFor(PROFILE, 'android')!, '/profile');
    await driver.getSetting('global', 'stay_on_while_plugged_in');
    expect(await driver.putSetting('global', 'stay_on_while_plugged_in', '7')).toBe('7');
    expect(await driver.getSetting('global', 'stay_on_while_plugged_in')).toBe('7');

    // A phone that accepts a put but keeps its old value: the check after the apply sees that.
    const stubborn = device.driver();
    const lying = readOnce(
      { ...stubborn, putSetting: async (ns, key) => stubborn.getSetting(ns, key) },
      partFor(PROFILE, 'android')!,
      '/profile',
    );
    expect(await lying.putSetting('system', 'screen_off_timeout', '1')).toBeUndefined();
    expect(await lying.getSetting('system', 'screen_off_timeout')).toBeUndefined();
  });

  it('forgets everything after a reboot or a shell command', async () => {
    const device = new FakeAndroidDevice('SER1');
    const driver = readOnce(device.driver(), partFor(PROFILE, 'android')!, '/profile');
    await driver.getSetting('global', 'device_name');
    await driver.packageInfo('org.example.one');
    await driver.reboot();
    device.settings.set('global/device_name', 'changed while it rebooted');
    expect(await driver.getSetting('global', 'device_name')).toBe('changed while it rebooted');
    await driver.shell('pm uninstall org.example.one');
    await driver.packageInfo('org.example.one');
    expect(reads(device)).toEqual([
      'getSettings global/device_name global/stay_on_while_plugged_in system/screen_off_timeout',
      'packageInfos org.example.one org.example.two',
      'getSettings global/device_name',
      'packageInfos org.example.one',
    ]);
  });
});

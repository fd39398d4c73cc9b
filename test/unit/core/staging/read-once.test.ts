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

/** The reads the device received (every one a round trip), without the changes. */
const reads = (device: FakeAndroidDevice) =>
  device.log.filter((line) => /^(read|packageInfo|installedVersion|getSetting)/.test(line));

const VERSIONS = 'versions(org.example.one org.example.two)';

describe('readOnce', () => {
  it('reads the profile’s package versions with the preflight, and its settings with the first setting asked', async () => {
    const device = new FakeAndroidDevice('SER1');
    installed(device, 'org.example.two', 3);
    device.settings.set('system/screen_off_timeout', '600000');
    const driver = readOnce(device.driver(), partFor(PROFILE, 'android')!, '/profile');
    const { identity } = await driver.read({ identity: ['storage'] });
    expect(identity).toMatchObject({ model: 'Pixel 8', storage: { freeBytes: 120e9 } });
    expect(identity?.battery).toBeUndefined();
    expect(await driver.installedVersion('org.example.one')).toBeUndefined();
    expect(await driver.installedVersion('org.example.two')).toBe(3);
    // No setting yet: the first install need not wait for them (they are applied beside it).
    expect(reads(device)).toEqual([`read identity(storage) ${VERSIONS}`]);
    expect(await driver.getSetting('system', 'screen_off_timeout')).toBe('600000');
    expect(await driver.getSetting('global', 'stay_on_while_plugged_in')).toBeUndefined();
    expect(await driver.getSetting('global', 'device_name')).toBeUndefined();
    expect(reads(device)).toEqual([
      `read identity(storage) ${VERSIONS}`,
      'read settings(system/screen_off_timeout global/stay_on_while_plugged_in global/device_name)',
    ]);
    // Runtime permissions are not in a package list: asked for, they cost a read of their own.
    expect(await driver.packageInfo('org.example.two')).toMatchObject({ versionCode: 3 });
    expect(reads(device).at(-1)).toBe('read packages(org.example.two)');
  });

  it('reads each group whole with its first check when the job did not read the identity first', async () => {
    const device = new FakeAndroidDevice('SER1');
    const driver = readOnce(device.driver(), partFor(PROFILE, 'android')!, '/profile');
    await driver.getSetting('system', 'screen_off_timeout');
    await driver.getSetting('global', 'device_name');
    await driver.installedVersion('org.example.two');
    await driver.installedVersion('org.example.one');
    expect(reads(device)).toEqual([
      'read settings(system/screen_off_timeout global/stay_on_while_plugged_in global/device_name)',
      'read versions(org.example.two org.example.one)',
    ]);
  });

  it('keeps what the device showed after each change, read in the change’s own round trip', async () => {
    const device = new FakeAndroidDevice('SER1');
    const plain = device.driver();
    // An install that puts version 5 of the package on the phone, as one.apk would.
    const phone: typeof plain = {
      ...plain,
      installAndRead: async (_apk, name) => {
        device.packages.set(name, {
          packageName: name,
          versionCode: 5,
          versionName: undefined,
          runtimePermissions: new Map([['android.permission.CAMERA', false]]),
        });
        return plain.packageInfo(name); // the read that follows the install on the phone
      },
    };
    const driver = readOnce(phone, partFor(PROFILE, 'android')!, '/profile');
    expect(await driver.installedVersion('org.example.one')).toBeUndefined();
    await driver.install('/profile/one.apk');
    // What the install's own read saw, not the reading from before the install.
    expect(await driver.installedVersion('org.example.one')).toBe(5);
    const granted = await driver.setPermission('org.example.one', 'android.permission.CAMERA', true);
    expect(granted?.runtimePermissions.get('android.permission.CAMERA')).toBe(true);
    const info = await driver.packageInfo('org.example.one');
    expect(info?.runtimePermissions.get('android.permission.CAMERA')).toBe(true);
    expect(await driver.uninstall('org.example.one')).toBeUndefined();
    expect(await driver.installedVersion('org.example.one')).toBeUndefined();
    expect(await driver.installedVersion('org.example.two')).toBeUndefined(); // untouched since the first read
    expect(reads(device)).toEqual([
      `read ${VERSIONS}`,
      'packageInfo org.example.one', // this test's stand-in install reading back
    ]);
  });

  it('forgets every package after an APK the profile does not name', async () => {
    const device = new FakeAndroidDevice('SER1');
    const driver = readOnce(device.driver(), partFor(PROFILE, 'android')!, '/profile');
    await driver.installedVersion('org.example.two');
    await driver.install('/elsewhere/unknown.apk').catch(() => undefined);
    installed(device, 'org.example.two', 9); // an APK may hold any package
    expect(await driver.installedVersion('org.example.two')).toBe(9);
    expect(reads(device).at(-1)).toBe('read versions(org.example.two)');
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

  it('forgets everything after a reboot or a shell command, and reads the profile’s again at once', async () => {
    const device = new FakeAndroidDevice('SER1');
    const driver = readOnce(device.driver(), partFor(PROFILE, 'android')!, '/profile');
    await driver.getSetting('global', 'device_name');
    await driver.reboot();
    device.settings.set('global/device_name', 'changed while it rebooted');
    expect(await driver.getSetting('global', 'device_name')).toBe('changed while it rebooted');
    await driver.shell('pm uninstall org.example.one');
    await driver.installedVersion('org.example.one');
    await driver.getSetting('global', 'device_name');
    const settingsAgain =
      'read settings(global/device_name global/stay_on_while_plugged_in system/screen_off_timeout)';
    expect(reads(device)).toEqual([settingsAgain, settingsAgain, `read ${VERSIONS}`, settingsAgain]);
  });
});

// The staging driver and device manager against the real adb server and the lab.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adbAndroidDriver } from '../../native/adb/adb-android-driver.ts';
import { createAdbClient } from '../../native/adb/adb-client.ts';
import { DeviceCommandError } from '../../native/adb/android-driver.ts';
import { DeviceManager, type ConnectedDevice } from '../../electron/core/devices/device-manager.ts';
import type { LabController } from '../../native/lab/adb/lab/lab-controller.ts';
import { makeTestApks, DEFAULT_APK_FIXTURE_DIR, type TestApkSet } from '../../scripts/make-test-apks.ts';
import { AdbFixture, ADB, startLab } from '../conformance/support/adb-fixture.ts';

let adb: AdbFixture;
let lab: LabController;
let serials: string[];
let apks: TestApkSet;

beforeAll(async () => {
  adb = await AdbFixture.start();
  apks = await makeTestApks(DEFAULT_APK_FIXTURE_DIR);
  ({ lab, serials } = await startLab(adb, { android: 2 }));
  await adb.waitForStates(serials, 'device');
}, 120_000);

afterAll(async () => {
  await lab?.stop();
  await adb?.stop();
});

const client = () => createAdbClient({ adbPath: ADB, host: '127.0.0.1', port: adb.port });

describe('adb driver on a lab phone', () => {
  it('reads the identity the lab phone reports', async () => {
    const info = lab.list()[0]!;
    const identity = await adbAndroidDriver(client(), serials[0]!).identity();
    expect(identity).toMatchObject({
      serial: info.serial,
      model: expect.any(String),
      bootCompleted: true,
      accounts: [],
      deviceOwner: undefined,
    });
    expect(identity.imei).toBeUndefined();
    expect(identity.imeiUnknownReason).toMatch(/Android 10/);
    expect(identity.battery.levelPercent).toBeGreaterThan(0);
    expect(identity.storage.freeBytes).toBeGreaterThan(0);
    expect(identity).toMatchObject({
      manufacturer: info.manufacturer,
      model: info.model,
      androidRelease: info.androidRelease,
      sdk: info.sdk,
    });
  });

  it('installs, upgrades, refuses a downgrade in the device’s own words, and uninstalls', async () => {
    const driver = adbAndroidDriver(client(), serials[0]!);
    await driver.install(apks.apks.notesV1.path);
    expect(await driver.packageInfo('org.depotline.sample.notes')).toMatchObject({ versionCode: 1 });
    await driver.install(apks.apks.notesV2.path);
    expect(await driver.packageInfo('org.depotline.sample.notes')).toMatchObject({
      versionCode: 2,
      versionName: '2.0',
    });
    const downgrade = driver.install(apks.apks.notesV1.path);
    await expect(downgrade).rejects.toBeInstanceOf(DeviceCommandError);
    await expect(downgrade).rejects.toThrow(/INSTALL_FAILED_VERSION_DOWNGRADE/);
    await expect(driver.install(apks.apks.notesV2OtherKey.path)).rejects.toThrow(
      /INSTALL_FAILED_UPDATE_INCOMPATIBLE/,
    );
    await driver.uninstall('org.depotline.sample.notes');
    expect(await driver.packageInfo('org.depotline.sample.notes')).toBeUndefined();
  });

  it('grants runtime permissions, writes settings and sets a device owner', async () => {
    const driver = adbAndroidDriver(client(), serials[0]!);
    await driver.install(apks.apks.scanner.path);
    await driver.setPermission('org.depotline.sample.scanner', 'android.permission.CAMERA', true);
    expect(
      (await driver.packageInfo('org.depotline.sample.scanner'))?.runtimePermissions.get(
        'android.permission.CAMERA',
      ),
    ).toBe(true);
    await driver.putSetting('global', 'device_name', "DL-0042 Kari's");
    expect(await driver.getSetting('global', 'device_name')).toBe("DL-0042 Kari's");
    expect(await driver.getSetting('secure', 'no_such_setting_here')).toBeUndefined();
    await driver.install(apks.apks.dpc.path);
    await driver.setDeviceOwner('org.depotline.sample.dpc/.AdminReceiver');
    expect((await driver.identity()).deviceOwner?.packageName).toBe('org.depotline.sample.dpc');
    await expect(driver.setDeviceOwner('org.depotline.sample.dpc/.AdminReceiver')).rejects.toThrow(
      /already set/,
    );
  });

  it('reports an exit code and output of a shell command', async () => {
    const driver = adbAndroidDriver(client(), serials[1]!);
    expect(await driver.shell('echo hello')).toMatchObject({ stdout: 'hello\n', exitCode: 0 });
    expect((await driver.shell('frobnicate')).exitCode).toBe(127);
  });
});

describe('device manager', () => {
  it('finds the lab phones with their slots and identities, and sees one unplugged and back', async () => {
    const seen: ConnectedDevice[][] = [];
    const manager = new DeviceManager({
      adb: { adbPath: ADB, host: '127.0.0.1', port: adb.port },
      pollMs: 300,
      onChange: (devices) => seen.push(devices),
      log: () => {},
    });
    manager.start();
    try {
      await expect.poll(() => manager.list().filter((d) => d.identity).length, { timeout: 15_000 }).toBe(2);
      expect(
        manager
          .list()
          .map((d) => d.slotKey)
          .sort(),
      ).toEqual(serials.map((s) => `tcp:${s}`).sort());

      const id = lab.list()[1]!.adbSerial;
      await lab.unplug(id, 'yank');
      await expect
        .poll(() => manager.list().find((d) => d.serial === serials[1])?.connection, { timeout: 15_000 })
        .not.toBe('device');
      const waiting = manager.waitForDevice(serials[1]!, 20_000, new AbortController().signal);
      await lab.plug(id);
      const driver = await waiting;
      expect((await driver.identity()).serial).toBe(lab.list()[1]!.serial);
    } finally {
      manager.stop();
    }
  });

  it('comes back by itself when the adb server is killed and restarted', async () => {
    const restartLab = await startLab(adb, { android: 2, rediscoverMs: 300 });
    const manager = new DeviceManager({
      adb: { adbPath: ADB, host: '127.0.0.1', port: adb.port },
      pollMs: 300,
      onChange: () => {},
      log: () => {},
    });
    manager.start();
    try {
      const ready = () =>
        manager
          .list()
          .filter((d) => restartLab.serials.includes(d.serial) && d.connection === 'device' && d.identity)
          .length;
      await expect.poll(ready, { timeout: 15_000 }).toBe(2);
      expect((await adb.run(['kill-server'])).code).toBe(0);
      await expect
        .poll(
          () =>
            manager.list().filter((d) => restartLab.serials.includes(d.serial) && d.connection === 'device')
              .length,
          { timeout: 10_000 },
        )
        .toBe(0);
      // The manager's next `adb devices` starts the server again; the phones are back within seconds.
      await expect.poll(ready, { timeout: 20_000 }).toBe(2);
    } finally {
      manager.stop();
      await restartLab.lab.stop();
    }
  }, 60_000);
});

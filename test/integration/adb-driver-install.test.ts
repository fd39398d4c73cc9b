// The driver installs as the adb CLI does, by the route the phone's features allow (streamed
// through abb_exec or exec:cmd, else push + pm install), keeps the phone's own words when it
// refuses, and reads settings and packages in batches, against the real adb server and the lab.
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DeviceCommandError, DeviceGoneError } from '../../native/adb/android-driver.ts';
import { IMPLEMENTED_FEATURES, type AdbFeature } from '../../native/lab/adb/protocol/features.ts';
import { useDriverLab } from './support/driver-lab.ts';

const ROUTES: { name: string; features: readonly AdbFeature[]; service: RegExp }[] = [
  { name: 'abb_exec', features: IMPLEMENTED_FEATURES, service: /open "abb_exec:package\\u0000install/ },
  {
    name: 'exec:cmd',
    features: IMPLEMENTED_FEATURES.filter((f) => f !== 'abb_exec'),
    service: /open "exec:cmd package 'install' -r -S \d+"/,
  },
  {
    name: 'push + pm install',
    features: IMPLEMENTED_FEATURES.filter((f) => f !== 'abb_exec' && f !== 'cmd'),
    service: /open "shell:pm install -r \/data\/local\/tmp\/depotline-/,
  },
];

const ground = useDriverLab(ROUTES.map((route) => route.features));
const { driverOf, labId, logsOf } = ground;

describe.each(ROUTES.map((route, index) => ({ ...route, index })))(
  'install via $name',
  ({ index, service }) => {
    it('installs by that route, upgrades, and refuses a downgrade in the phone’s own words', async () => {
      const driver = driverOf(index);
      await driver.install(ground.apks.apks.notesV1.path);
      expect(
        logsOf(index).some((line) => service.test(line)),
        logsOf(index).join('\n'),
      ).toBe(true);
      await driver.install(ground.apks.apks.notesV2.path);
      expect(await driver.packageInfo('org.depotline.sample.notes')).toMatchObject({ versionCode: 2 });
      const downgrade = driver.install(ground.apks.apks.notesV1.path);
      await expect(downgrade).rejects.toBeInstanceOf(DeviceCommandError);
      await expect(downgrade).rejects.toThrow(/^Failure \[INSTALL_FAILED_VERSION_DOWNGRADE/);
    });

    it('installs and reads the package back in the install’s own command line', async () => {
      const driver = driverOf(index);
      const id = labId(index);
      const before = ground.lab.commands(id)!.length;
      const read = await driver.installAndRead(ground.apks.apks.scanner.path, 'org.depotline.sample.scanner');
      expect(read).toMatchObject({ packageName: 'org.depotline.sample.scanner', versionCode: 5 });
      expect(read?.runtimePermissions.get('android.permission.CAMERA')).toBe(false);
      const sent = ground.lab
        .commands(id)!
        .slice(before)
        .map((entry) => entry.command)
        .filter((command) => !command.startsWith('rm -f '));
      // One command: the read runs on the phone after the install (push + pm install too).
      expect(sent, sent.join('\n')).toHaveLength(1);
      expect(sent[0]).toMatch(
        /^(cmd package 'install' -r -S \d+|pm install -r \S+); .*dumpsys package org\.depotline\.sample\.scanner/,
      );
      // A refusal is still the phone's own words, with nothing read.
      await expect(
        driver.installAndRead(ground.apks.apks.notesV2OtherKey.path, 'org.depotline.sample.notes'),
      ).rejects.toThrow(/^Failure \[INSTALL_FAILED_UPDATE_INCOMPATIBLE/);
    });
  },
);

describe('streamed install', () => {
  const index = ROUTES.length;

  it('reports an injected failure as the phone words it, and the next install succeeds', async () => {
    const id = labId(index);
    ground.lab.controls(id)!.failNextInstall('INSTALL_FAILED_INSUFFICIENT_STORAGE');
    await expect(driverOf(index).install(ground.apks.apks.scanner.path)).rejects.toThrow(
      /^Failure \[INSTALL_FAILED_INSUFFICIENT_STORAGE/,
    );
    await driverOf(index).install(ground.apks.apks.scanner.path);
    const size = statSync(ground.apks.apks.scanner.path).size;
    expect(ground.lab.commands(id)!.map((entry) => entry.command)).toContain(
      `cmd package install -r -S ${size}`,
    );
  });

  it('is a gone device, not a refusal, when the phone is yanked mid-install', async () => {
    const id = labId(index);
    const installs = () => logsOf(index).filter((line) => line.includes('open "abb_exec:package')).length;
    const before = installs();
    ground.lab.controls(id)!.hangNextInstall();
    const install = driverOf(index)
      .install(ground.apks.apks.kiosk.path)
      .catch((error: unknown) => error);
    await expect.poll(installs).toBe(before + 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await ground.lab.unplug(id, 'yank');
    expect(await install).toBeInstanceOf(DeviceGoneError);
    await ground.lab.plug(id);
    await ground.adb.waitForStates([ground.serials[index]!], 'device');
  });

  it('reads several settings and packages in one command each, null and missing as undefined', async () => {
    const driver = driverOf(index);
    const id = labId(index);
    expect(await driver.putSetting('global', 'device_name', "DL-7 Kari's")).toBe("DL-7 Kari's");
    const before = ground.lab.commands(id)!.length;
    expect(
      await driver.getSettings([
        { namespace: 'global', key: 'device_name' },
        { namespace: 'secure', key: 'no_such_setting_here' },
      ]),
    ).toEqual(["DL-7 Kari's", undefined]);
    const infos = await driver.packageInfos(['org.depotline.sample.scanner', 'org.example.absent']);
    expect(infos[0]).toMatchObject({ packageName: 'org.depotline.sample.scanner' });
    expect(infos[1]).toBeUndefined();
    expect(ground.lab.commands(id)!.length - before).toBe(2);
  });

  it('reads identity parts, packages, versions and settings in one command, whatever the values hold', async () => {
    const driver = driverOf(index);
    const id = labId(index);
    const tricky = ['', 'line one\nline two', '__DEPOTLINE_PART__\n__DL0:0:0', 'null-ish'];
    for (const [i, value] of tricky.entries())
      await driver.putSetting('global', `depotline_test_${i}`, value);
    const before = ground.lab.commands(id)!.length;
    const reading = await driver.read({
      identity: ['storage'],
      packages: ['org.depotline.sample.scanner'],
      versions: ['org.depotline.sample.scanner', 'org.example.absent'],
      settings: tricky.map((_, i) => ({ namespace: 'global' as const, key: `depotline_test_${i}` })),
    });
    expect(ground.lab.commands(id)!.length - before).toBe(1);
    expect(reading.identity).toMatchObject({ serial: ground.lab.list()[index]!.serial, bootCompleted: true });
    expect(reading.identity?.storage?.freeBytes).toBeGreaterThan(0);
    expect(reading.identity?.battery).toBeUndefined();
    expect(reading.packages[0]).toMatchObject({ packageName: 'org.depotline.sample.scanner' });
    expect(reading.versions).toEqual([reading.packages[0]!.versionCode, undefined]);
    expect(reading.settings).toEqual(tricky);
  });

  it('reads a permission back in the same command that grants it', async () => {
    const driver = driverOf(index);
    const id = labId(index);
    const before = ground.lab.commands(id)!.length;
    const after = await driver.setPermission(
      'org.depotline.sample.scanner',
      'android.permission.CAMERA',
      true,
    );
    expect(after?.runtimePermissions.get('android.permission.CAMERA')).toBe(true);
    expect(ground.lab.commands(id)!.length - before).toBe(1);
    await expect(
      driver.setPermission('org.example.absent', 'android.permission.CAMERA', true),
    ).rejects.toBeInstanceOf(DeviceCommandError);
  });
});

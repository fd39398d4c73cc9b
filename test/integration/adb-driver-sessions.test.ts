// Installs uploaded ahead (native/adb/install-sessions.ts) through the real adb server and the
// lab: the APK is streamed into a PackageInstaller session while the phone is busy installing
// another app, and committed later, with the read that verifies it in the same command line; a
// refused commit is the phone's own words; a session the phone lost is streamed afresh; one no
// install took is abandoned.
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IMPLEMENTED_FEATURES } from '../../native/lab/adb/protocol/features.ts';
import { useDriverLab } from './support/driver-lab.ts';

const ROUTES = [
  { name: 'abb_exec', features: IMPLEMENTED_FEATURES, write: /open "abb_exec:package\\u0000install-write/ },
  {
    name: 'exec:cmd',
    features: IMPLEMENTED_FEATURES.filter((f) => f !== 'abb_exec'),
    write: /open "exec:cmd package install-write -S \d+ \d+ base\.apk -"/,
  },
];

const ground = useDriverLab(ROUTES.map((route) => route.features));
const { driverOf, labId, logsOf } = ground;
/** The command lines the phone ran, without the exit-code marker the driver appends. */
const commandsOf = (index: number) =>
  ground.lab
    .commands(labId(index))!
    .map((entry) => entry.command.replace(/; echo "__DEPOTLINE_RC=\$\?"$/, ''));
const shellOf = (index: number, line: string) => driverOf(index).shell(line);

describe.each(ROUTES.map((route, index) => ({ ...route, index })))(
  'a session written via $name',
  ({ index, write }) => {
    it('holds the APK uninstalled until the install commits it, reading the package back in the same line', async () => {
      const driver = driverOf(index);
      const notes = ground.apks.apks.notesV1;
      const size = statSync(notes.path).size;
      await driver.stageInstall(notes.path);
      expect(driver.hasStaged(notes.path)).toBe(true);
      expect(
        logsOf(index).some((line) => write.test(line)),
        logsOf(index).join('\n'),
      ).toBe(true);
      expect(commandsOf(index)).toContain(`cmd package install-create -r -S ${size}`);
      // Streamed into the session, not installed.
      expect(await driver.installedVersion(notes.packageName)).toBeUndefined();

      const before = commandsOf(index).length;
      const read = await driver.installAndRead(notes.path, notes.packageName);
      expect(read).toMatchObject({ packageName: notes.packageName, versionCode: notes.versionCode });
      const sent = commandsOf(index).slice(before);
      expect(sent, sent.join('\n')).toHaveLength(1);
      expect(sent[0]).toMatch(
        /^cmd package install-commit \d+; .*dumpsys package org\.depotline\.sample\.notes/,
      );
      expect(driver.hasStaged(notes.path)).toBe(false);
    });
  },
);

describe('sessions', () => {
  const index = ROUTES.length;

  it('take the next app’s bytes while the phone is still installing another one', async () => {
    const driver = driverOf(index);
    ground.lab.controls(labId(index))!.hangNextInstall();
    const hung = driver.install(ground.apks.apks.kiosk.path).catch((error: unknown) => error);
    await expect
      .poll(() => commandsOf(index).some((line) => /^cmd package install -r -S/.test(line)))
      .toBe(true);
    // The package manager is stuck in an install (holding its install lock); the upload still completes.
    await driver.stageInstall(ground.apks.apks.scanner.path);
    await driver.discardStaged();
    await driver.reboot(); // ends the hung install, as it would on a phone
    expect(await hung).toBeInstanceOf(Error);
    await ground.adb.waitForStates([ground.serials[index]!], 'device');
    await driverOf(index).waitForBoot(60_000);
  });

  it('report a refused commit in the phone’s own words; the next install streams afresh', async () => {
    const driver = driverOf(index);
    const scanner = ground.apks.apks.scanner;
    await driver.stageInstall(scanner.path);
    ground.lab.controls(labId(index))!.failNextInstall('INSTALL_FAILED_INSUFFICIENT_STORAGE');
    await expect(driver.install(scanner.path)).rejects.toThrow(
      /^Failure \[INSTALL_FAILED_INSUFFICIENT_STORAGE/,
    );
    expect(driver.hasStaged(scanner.path)).toBe(false);
    await driver.install(scanner.path);
    expect(commandsOf(index).at(-1)).toMatch(/^cmd package install -r -S \d+/);
    expect(await driver.installedVersion(scanner.packageName)).toBe(scanner.versionCode);
  });

  it('that the phone lost (a wipe) are streamed afresh by the install', async () => {
    const driver = driverOf(index);
    const notes = ground.apks.apks.notesV1;
    await driver.stageInstall(notes.path);
    ground.lab.controls(labId(index))!.factoryReset({ keepAdb: true });
    await ground.adb.waitForStates([ground.serials[index]!], 'device');
    const after = driverOf(index);
    await after.waitForBoot(60_000);
    // The driver that staged it commits; the phone no longer knows the session.
    await driver.install(notes.path);
    expect(commandsOf(index).some((line) => /^cmd package install-commit \d+/.test(line))).toBe(true);
    expect(commandsOf(index).at(-1)).toMatch(/^cmd package install -r -S \d+/);
    expect(await after.installedVersion(notes.packageName)).toBe(notes.versionCode);
  });

  it('that no install took are abandoned', async () => {
    const driver = driverOf(index);
    await driver.stageInstall(ground.apks.apks.kiosk.path);
    await driver.discardStaged();
    const abandon = commandsOf(index).findLast((line) => line.startsWith('cmd package install-abandon '));
    expect(abandon).toMatch(/^cmd package install-abandon \d+$/);
    const id = abandon!.split(' ').at(-1)!;
    // The phone no longer has it.
    expect((await shellOf(index, `cmd package install-commit ${id}`)).stdout).toMatch(
      new RegExp(`SecurityException: Caller has no access to session ${id}`),
    );
    expect(driver.hasStaged(ground.apks.apks.kiosk.path)).toBe(false);
  });
});

// `adb install` through each of its three paths, forced by what the lab advertises:
// abb_exec → `abb_exec:package install`; cmd only → `exec:cmd package install`;
// neither → push to /data/local/tmp + `pm install`. Each path must install, replace
// (-r), and refuse a downgrade the way a phone does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabController } from '../../native/lab/adb/lab/lab-controller.ts';
import { IMPLEMENTED_FEATURES, type AdbFeature } from '../../native/lab/adb/protocol/features.ts';
import { DEFAULT_APK_FIXTURE_DIR, makeTestApks, type TestApkSet } from '../../scripts/make-test-apks.ts';
import { AdbFixture, startLab } from './support/adb-fixture.ts';

const PATHS: { name: string; features: readonly AdbFeature[]; service: RegExp }[] = [
  {
    name: 'abb_exec',
    features: IMPLEMENTED_FEATURES,
    service: /open "abb_exec:package\\u0000install\\u0000(-r\\u0000)?-S\\u0000\d+"/,
  },
  {
    name: 'exec:cmd',
    features: IMPLEMENTED_FEATURES.filter((f) => f !== 'abb_exec'),
    service: /open "exec:cmd package 'install' ('-r' )?-S \d+"/,
  },
  {
    name: 'push + pm install',
    features: IMPLEMENTED_FEATURES.filter((f) => f !== 'abb_exec' && f !== 'cmd'),
    service: /open "shell,v2,[^:]*:pm 'install' ('-r' )?'\/data\/local\/tmp\/[^']+\.apk'"/,
  },
];

let adb: AdbFixture;
let lab: LabController;
let serials: string[];
let logs: string[];
let apks: TestApkSet;

beforeAll(async () => {
  adb = await AdbFixture.start();
  apks = await makeTestApks(DEFAULT_APK_FIXTURE_DIR);
  ({ lab, serials, logs } = await startLab(adb, {
    android: PATHS.length,
    featuresFor: (index) => PATHS[index]?.features,
  }));
  await adb.waitForStates(serials, 'device');
});

afterAll(async () => {
  await lab?.stop();
  await adb?.stop();
});

describe.each(PATHS.map((path, index) => ({ ...path, index })))(
  'adb install via $name',
  ({ index, service }) => {
    const serial = () => serials[index] ?? '';
    const deviceLogs = () =>
      logs.filter((line) => line.includes(`[${lab.find(String(index))?.serial ?? '?'}]`));

    it('installs, and the phone knows the package and version', async () => {
      const result = await adb.run(['-s', serial(), 'install', apks.apks.notesV1.path]);
      expect(result.stdout).toMatch(/^Success$/m);
      expect(result.code).toBe(0);
      expect(
        deviceLogs().some((line) => service.test(line)),
        deviceLogs().join('\n'),
      ).toBe(true);
      const listed = await adb.run([
        '-s',
        serial(),
        'shell',
        'pm',
        'list',
        'packages',
        '--show-versioncode',
        apks.apks.notesV1.packageName,
      ]);
      expect(listed.stdout.trim()).toBe(`package:${apks.apks.notesV1.packageName} versionCode:1`);
    });

    it('replaces with install -r', async () => {
      const result = await adb.run(['-s', serial(), 'install', '-r', apks.apks.notesV2.path]);
      expect(result.stdout).toMatch(/^Success$/m);
      expect(result.code).toBe(0);
      const listed = await adb.run([
        '-s',
        serial(),
        'shell',
        'pm',
        'list',
        'packages',
        '--show-versioncode',
        apks.apks.notesV2.packageName,
      ]);
      expect(listed.stdout.trim()).toBe(`package:${apks.apks.notesV2.packageName} versionCode:2`);
    });

    it('refuses a downgrade with INSTALL_FAILED_VERSION_DOWNGRADE and a non-zero exit', async () => {
      const result = await adb.run(['-s', serial(), 'install', '-r', apks.apks.notesV1.path]);
      expect(result.code).not.toBe(0);
      expect(result.stdout + result.stderr).toMatch(/INSTALL_FAILED_VERSION_DOWNGRADE/);
    });
  },
);

// Lab faults as adb experiences them: an install that fails, one that hangs until the
// cable is yanked, and a phone whose storage is full.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFaults } from '../../native/lab/adb/lab/faults.ts';
import type { LabController } from '../../native/lab/adb/lab/lab-controller.ts';
import { DEFAULT_APK_FIXTURE_DIR, makeTestApks, type TestApkSet } from '../../scripts/make-test-apks.ts';
import { AdbFixture, startLab } from './support/adb-fixture.ts';

let adb: AdbFixture;
let lab: LabController;
let serials: string[];
let logs: string[];
let apks: TestApkSet;
let workDir: string;

beforeAll(async () => {
  adb = await AdbFixture.start();
  apks = await makeTestApks(DEFAULT_APK_FIXTURE_DIR);
  workDir = await mkdtemp(join(tmpdir(), 'depotline-faults-'));
  ({ lab, serials, logs } = await startLab(adb, {
    android: 3,
    faults: parseFaults(
      'fail-install=1:INSTALL_FAILED_INSUFFICIENT_STORAGE,hang-install=1,full-storage=1',
      3,
    ),
  }));
  await adb.waitForStates(serials, 'device');
});

afterAll(async () => {
  await lab?.stop();
  await adb?.stop();
  await rm(workDir, { recursive: true, force: true });
});

describe('faults', () => {
  it('fail-install: the next install fails with the code, the one after succeeds', async () => {
    const failed = await adb.run(['-s', serials[0] ?? '', 'install', apks.apks.notesV1.path]);
    expect(failed.code).not.toBe(0);
    expect(failed.stdout + failed.stderr).toMatch(/INSTALL_FAILED_INSUFFICIENT_STORAGE/);
    const retried = await adb.run(['-s', serials[0] ?? '', 'install', apks.apks.notesV1.path]);
    expect(retried.stdout).toMatch(/^Success$/m);
  });

  it('hang-install: adb waits until the cable is yanked, then fails; the phone works once plugged back', async () => {
    const serial = serials[1] ?? '';
    const install = adb.run(['-s', serial, 'install', apks.apks.notesV1.path], { timeoutMs: 20_000 });
    let settled = false;
    void install.then(() => (settled = true));
    // Wait until the phone has the install stream, then give it ample time to (not) finish.
    const phone = lab.find('1')?.serial ?? '?';
    while (!logs.some((line) => line.startsWith(`[${phone}] open "abb_exec:package`)))
      await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(settled).toBe(false);
    await lab.unplug('1', 'yank');
    const result = await install;
    expect(result.code).not.toBe(0);
    expect(result.stdout).not.toMatch(/^Success$/m);
    await lab.plug('1');
    await adb.waitForStates([serial], 'device');
    const again = await adb.run(['-s', serial, 'install', apks.apks.notesV1.path]);
    expect(again.stdout).toMatch(/^Success$/m);
  });

  it('full-storage: a push to /data fails with "No space left on device"', async () => {
    const local = join(workDir, 'one-mb.bin');
    await writeFile(local, Buffer.alloc(1024 * 1024, 1));
    const result = await adb.run(['-s', serials[2] ?? '', 'push', local, '/data/local/tmp/one-mb.bin']);
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(/No space left on device/);
  });
});

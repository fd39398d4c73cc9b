// The lab inspects each distinct APK once for all its phones and lets an upload that matches
// a held APK be compared rather than kept (native/lab/adb/device/packages/apk-inspections.ts).
// Through the real adb server, as a staging batch does it: phones that get the same APK at
// once all install it, and a phone sent a copy of that APK with one byte changed, the same
// size, refuses it, on every install path adb can take.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labApkInspections } from '../../native/lab/adb/device/packages/apk-inspections.ts';
import type { LabController } from '../../native/lab/adb/lab/lab-controller.ts';
import { IMPLEMENTED_FEATURES, type AdbFeature } from '../../native/lab/adb/protocol/features.ts';
import { DEFAULT_APK_FIXTURE_DIR, makeTestApks, type TestApkSet } from '../../scripts/make-test-apks.ts';
import { AdbFixture, startLab } from '../conformance/support/adb-fixture.ts';

const PER_PATH = 3;
const PATHS: { name: string; features: readonly AdbFeature[] }[] = [
  { name: 'abb_exec', features: IMPLEMENTED_FEATURES },
  { name: 'exec:cmd', features: IMPLEMENTED_FEATURES.filter((f) => f !== 'abb_exec') },
  {
    name: 'push + pm install',
    features: IMPLEMENTED_FEATURES.filter((f) => f !== 'abb_exec' && f !== 'cmd'),
  },
];

let adb: AdbFixture;
let lab: LabController;
let serials: string[];
let apks: TestApkSet;
let dir: string;

beforeAll(async () => {
  adb = await AdbFixture.start();
  apks = await makeTestApks(DEFAULT_APK_FIXTURE_DIR);
  dir = await mkdtemp(join(tmpdir(), 'depotline-shared-install-'));
  ({ lab, serials } = await startLab(adb, {
    android: PATHS.length * PER_PATH,
    featuresFor: (index) => PATHS[Math.floor(index / PER_PATH)]?.features,
  }));
  await adb.waitForStates(serials, 'device');
});

afterAll(async () => {
  await lab?.stop();
  await adb?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const listed = async (serial: string, packageName: string) =>
  (await adb.run(['-s', serial, 'shell', 'pm', 'list', 'packages', packageName])).stdout.trim();

describe.each(PATHS.map((path, index) => ({ ...path, first: index * PER_PATH })))(
  'adb install via $name',
  ({ first }) => {
    it('installs one APK on phones at once, and refuses a same-size copy with one byte changed', async () => {
      const genuine = await readFile(apks.apks.bulky.path);
      const corrupted = Buffer.from(genuine);
      const at = genuine.length >> 1; // inside the stored, incompressible asset
      corrupted[at] = (corrupted[at] ?? 0) ^ 0xff;
      const corruptedPath = join(dir, `bulky-corrupted-${first}.apk`);
      await writeFile(corruptedPath, corrupted);
      const [a, b, c] = serials.slice(first, first + PER_PATH) as [string, string, string];
      const packageName = apks.apks.bulky.packageName;

      const together = await Promise.all(
        [a, b].map((serial) => adb.run(['-s', serial, 'install', apks.apks.bulky.path])),
      );
      for (const result of together) expect(result.stdout).toMatch(/^Success$/m);
      expect(labApkInspections.sameSize(genuine.length).some((held) => held.equals(genuine))).toBe(true);

      const refused = await adb.run(['-s', c, 'install', corruptedPath]);
      expect(refused.code).not.toBe(0);
      expect(refused.stdout + refused.stderr).toMatch(/INSTALL_PARSE_FAILED_NO_CERTIFICATES/);
      expect(await listed(c, packageName)).toBe('');
      for (const serial of [a, b]) expect(await listed(serial, packageName)).toBe(`package:${packageName}`);

      // And the genuine one still installs after the corrupted copy was seen.
      expect((await adb.run(['-s', c, 'install', apks.apks.bulky.path])).stdout).toMatch(/^Success$/m);
    });
  },
);

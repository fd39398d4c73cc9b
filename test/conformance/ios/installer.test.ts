// Debian's real ideviceinstaller (1.1.1, libimobiledevice 1.3.0) against the lab's
// services: it uploads over AFC to PublicStaging, installs through installation_proxy and
// reads the progress; lists, upgrades and removes apps; and fails, with the device's words,
// on a package the device refuses and on an install fault armed through the lab.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePlist } from '../../../native/ios/wire/plist-codec.ts';
import { IosLabController } from '../../../native/lab/ios/lab/ios-lab-controller.ts';
import { labIosServices } from '../../../native/lab/ios/services/index.ts';
import {
  buildIpa,
  DEFAULT_IPA_FIXTURE_DIR,
  infoPlistOf,
  IPA_RECIPES,
  makeTestIpas,
  type TestIpaSet,
} from '../../../scripts/make-test-ipas.ts';
import { runTool, type ToolResult } from './support/ios-tools.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

let lab: IosLabController;
let set: TestIpaSet;
let udid: string;

const installer = (...args: string[]): Promise<ToolResult> =>
  runTool(lab.usbmuxdAddress, 'ideviceinstaller', ['-u', udid, ...args], 60_000);

/** `ideviceinstaller -l` output: "bundle id, "version", "display name"" lines after its header. */
async function listed(...options: string[]): Promise<string[]> {
  const { code, stdout } = await installer('-l', ...options);
  expect(code).toBe(0);
  const [header, ...lines] = stdout.trim().split('\n');
  expect(header).toBe('CFBundleIdentifier, CFBundleVersion, CFBundleDisplayName');
  return lines;
}

beforeAll(async () => {
  set = await makeTestIpas(DEFAULT_IPA_FIXTURE_DIR);
  lab = await IosLabController.start({
    ios: 1,
    seed: 'conformance-installer',
    latency: 'fast',
    services: labIosServices,
  });
  lab.device('0')?.setUp(true);
  lab.device('0')?.acceptTrust();
  udid = lab.list()[0]?.udid ?? '';
  // The first tool run pairs (RSA key generation); do it here, outside the timed install.
  expect((await runTool(lab.usbmuxdAddress, 'ideviceinfo', ['-u', udid, '-k', 'DeviceClass'])).code).toBe(0);
}, 60_000);

afterAll(async () => {
  await lab?.stop();
});

const tempDir = useTempDirs();

describe('ideviceinstaller -i, -l, -g, -U', () => {
  it('installs the 20 MB IPA: AFC upload, progress to Complete; -l lists it', async () => {
    const started = performance.now();
    const result = await installer('-i', set.ipas.timesheet.path);
    const ms = Math.round(performance.now() - started);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Installing 'org.depotline.timesheet'");
    expect(result.stdout).toMatch(/Install: VerifyingApplication \(40%\)/);
    expect(result.stdout).toMatch(/Install: Complete\n/);
    console.log(`ideviceinstaller -i of the ${set.ipas.timesheet.sizeBytes / 2 ** 20} MB IPA: ${ms} ms`);
    expect(await listed()).toEqual(['org.depotline.timesheet, "200", "Timesheet"']);
    const device = lab.device('0');
    expect(device?.apps.get('org.depotline.timesheet')).toMatchObject({ type: 'User', shortVersion: '2.0' });
    // The staged package left PublicStaging (installd moved it into the app's container).
    expect(device?.files.has('/PublicStaging/org.depotline.timesheet')).toBe(false);
    expect(device?.commandLog().map((c) => c.request)).toEqual(
      expect.arrayContaining(['makeDir /PublicStaging', 'Install', 'Installed org.depotline.timesheet 2.0']),
    );
  });

  it('installs a second app, upgrades it (-g), waits for the installed notification (-w)', async () => {
    expect((await installer('-i', set.ipas.fieldNotes.path)).code).toBe(0);
    const upgrade = await installer('-w', '-g', set.ipas.fieldNotesUpgrade.path);
    expect(upgrade.code).toBe(0);
    expect(upgrade.stdout).toContain("Upgrading 'org.depotline.field-notes'");
    expect(upgrade.stdout).toMatch(/Upgrade: Complete\n/);
    expect((await listed()).sort()).toEqual([
      'org.depotline.field-notes, "15", "Field Notes"',
      'org.depotline.timesheet, "200", "Timesheet"',
    ]);
  });

  it('lists system apps with -o list_system, and every app with -o list_all', async () => {
    const system = await listed('-o', 'list_system');
    expect(system.length).toBeGreaterThan(0);
    expect(system.some((line) => line.startsWith('org.depotline.'))).toBe(false);
    expect((await listed('-o', 'list_all')).length).toBe(system.length + 2);
  });

  it('uninstalls (-U): progress to Complete, gone from -l; an app that is not there fails', async () => {
    const removed = await installer('-U', 'org.depotline.field-notes');
    expect(removed.code).toBe(0);
    expect(removed.stdout).toMatch(/Uninstall: Complete\n/);
    expect(await listed()).toEqual(['org.depotline.timesheet, "200", "Timesheet"']);
    const again = await installer('-U', 'org.depotline.field-notes');
    expect(again.code).toBe(128);
    expect(again.stderr).toContain(
      'ERROR: Uninstall failed. Got error "LookupFailed" with code 0x00000000: No application with bundle identifier org.depotline.field-notes is installed',
    );
  });
});

describe('ideviceinstaller: packages that fail', () => {
  it('a file that is not a zip fails before reaching the device', async () => {
    const result = await installer('-i', set.notZip);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/ERROR: zip_open: .*not-a-zip\.ipa: 19/);
  });

  it('an app without Info.plist fails naming the file it looked for', async () => {
    const result = await installer('-i', set.noInfoPlist);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('could not locate Payload/Broken.app/Info.plist in archive!');
  });

  it('an Info.plist without CFBundleIdentifier is uploaded, then refused by the device (PackageInspectionFailed)', async () => {
    const recipe = { ...IPA_RECIPES.fieldNotesUpgrade, sizeBytes: 300_000 };
    const { CFBundleIdentifier: _, ...info } = infoPlistOf(recipe);
    const path = join(tempDir(), 'anonymous.ipa');
    await writeFile(path, buildIpa(recipe, { infoPlist: encodePlist(info, 'binary') }));
    const result = await installer('-i', path);
    expect(result.code).toBe(128);
    expect(result.stderr).toContain(
      'ERROR: Install failed. Got error "PackageInspectionFailed" with code 0x00000000: Failed to inspect package:',
    );
    expect(result.stderr).toContain('has no CFBundleIdentifier');
  });

  it('an install fault armed on the device fails the next install part-way, in the device words', async () => {
    lab.device('0')?.failNextInstall('ApplicationVerificationFailed', 'Failed to verify code signature');
    const failed = await installer('-i', set.ipas.fieldNotes.path);
    expect(failed.code).toBe(128);
    expect(failed.stdout).toMatch(/Install: PreflightingApplication \(30%\)/);
    expect(failed.stderr).toContain(
      'ERROR: Install failed. Got error "ApplicationVerificationFailed" with code 0x00000000: Failed to verify code signature',
    );
    expect(await listed()).toEqual(['org.depotline.timesheet, "200", "Timesheet"']);
    // Only that install: the next one goes through.
    expect((await installer('-i', set.ipas.fieldNotes.path)).code).toBe(0);
  });

  it('storage: an upload that does not fit stops at AFC NO_SPACE_LEFT (18); one that fits but cannot be installed fails', async () => {
    const device = lab.device('0');
    if (!device) throw new Error('no device');
    const recipe = { ...IPA_RECIPES.timesheet, bundleId: 'org.depotline.big', executable: 'Big' };
    const path = join(tempDir(), 'big.ipa');
    await writeFile(path, buildIpa(recipe));
    // Fill the media partition to leave `left` bytes free: one shared 64 MiB buffer, many entries.
    const block = Buffer.alloc(64 * 2 ** 20);
    const fill = (left: number) => {
      let free = device.freeBytes() - left;
      for (let i = 0; free > 0; i++, free -= block.length)
        device.files.set(`/Downloads/filler-${i}.bin`, {
          kind: 'file',
          data: block.subarray(0, Math.min(block.length, free)),
          modifiedMs: Date.now(),
        });
    };
    const empty = () => {
      for (const key of [...device.files.keys()])
        if (key.startsWith('/Downloads/filler-') || key === '/PublicStaging/org.depotline.big')
          device.files.delete(key);
    };
    try {
      fill(10 * 2 ** 20);
      const upload = await installer('-i', path);
      expect(upload.stderr).toContain('AFC Write error: 18');
      expect(upload.stdout).not.toContain('Installing');
      empty();
      fill(30 * 2 ** 20);
      const install = await installer('-i', path);
      expect(install.code).toBe(128);
      expect(install.stderr).toMatch(
        /Got error "APIInternalError" with code 0x00000000: Not enough storage to install org\.depotline\.big/,
      );
      expect(device.apps.has('org.depotline.big')).toBe(false);
    } finally {
      empty();
    }
  });
});

// The iOS driver against the simulated iOS lab (its usbmuxd, lockdownd and services), each
// step checked against what the lab's device model then holds: pairing, identity,
// profiles, apps, name, prepare (and 14002), erase, restart, a yanked cable mid-upload.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IPA_RECIPES,
  makeTestIpas,
  PROFILE_RECIPES,
  type TestIpaSet,
} from '../../../scripts/make-test-ipas.ts';
import { DeviceGoneError } from '../../../native/device-errors.ts';
import { NotPairedError } from '../../../native/ios/device-session.ts';
import { IosLabController } from '../../../native/lab/ios/lab/ios-lab-controller.ts';
import { labIosServices } from '../../../native/lab/ios/services/index.ts';
import { createHostIdentity, type HostIdentity } from '../../../native/ios/pairing/host-identity.ts';
import { createIosDriver, type UsbmuxIosDriver } from '../../../native/ios/usbmux-ios-driver.ts';
import { readPairRecord } from '../../../native/ios/usbmux/pair-records.ts';
import { parseUsbmuxAddress, type UsbmuxAddress } from '../../../native/ios/usbmux/usbmux-address.ts';
import {
  createDepotSigningIdentity,
  signMobileconfig,
} from '../../../native/ios/mobileconfig/sign-mobileconfig.ts';
import { McInstallError } from '../../../native/ios/services/mcinstall.ts';
import type { CloudConfiguration } from '../../../native/ios/ios-driver.ts';
import { encodePlist } from '../../../native/ios/wire/plist-codec.ts';
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

let lab: IosLabController;
let address: UsbmuxAddress;
let hostIdentity: HostIdentity;
let fixtures: TestIpaSet;
let fixtureDir: string;

beforeAll(async () => {
  fixtureDir = mkdtempSync(join(tmpdir(), 'depotline-ios-driver-'));
  [hostIdentity, fixtures] = await Promise.all([createHostIdentity(), makeTestIpas(fixtureDir)]);
  // Trust prompts wait for the test (acceptTrustAfterMs undefined), as a real phone waits for its user.
  lab = await IosLabController.start({
    ios: 3,
    seed: 'ios-driver',
    latency: 'fast',
    services: labIosServices,
  });
  address = parseUsbmuxAddress(lab.usbmuxdAddress);
}, 60_000);

afterAll(async () => {
  await lab?.stop();
  if (fixtureDir) rmSync(fixtureDir, { recursive: true, force: true });
});

const udidOf = (index: number) => lab.list()[index]!.udid;
const driverFor = (index: number): UsbmuxIosDriver =>
  createIosDriver({ udid: udidOf(index), usbmuxAddress: address, hostIdentity });

/** Pairs device `index` the way the bench does: ask, the user taps Trust, ask again. */
async function paired(index: number): Promise<UsbmuxIosDriver> {
  const ios = driverFor(index);
  const first = await ios.pair();
  if (first.status !== 'paired') {
    lab.device(String(index))!.acceptTrust();
    expect((await ios.pair()).status).toBe('paired');
  }
  return ios;
}

describe('iOS driver against the lab', () => {
  it('pairs: Tap Trust first on an activated phone, then paired; usbmuxd keeps the record', async () => {
    lab.device('0')!.setUp(true); // activated and set up: it shows the trust prompt
    const ios = driverFor(0);
    const started = performance.now();
    const pending = ios.identity();
    await expect(pending).rejects.toBeInstanceOf(NotPairedError);
    await expect(pending).rejects.toMatchObject({ outcome: { status: 'pending-trust' }, transient: true });
    expect(lab.find('0')!.trust).toBe('prompting');
    lab.device('0')!.acceptTrust();
    const identity = await ios.identity();
    const pairingMs = performance.now() - started;
    expect(lab.find('0')).toMatchObject({ trust: 'trusted', pairedHosts: 1 });
    expect((await readPairRecord(address, udidOf(0)))?.HostID).toBe(hostIdentity.hostId);
    expect(identity.udid).toBe(udidOf(0));
    console.info(`pairing + first identity: ${pairingMs.toFixed(0)} ms`);
  });

  it('reads the identity the lab reports', async () => {
    const ios = await paired(1);
    const expected = lab.find('1')!;
    const identity = await ios.identity();
    expect(identity).toMatchObject({
      udid: expected.udid,
      serial: expected.serial,
      ecid: expected.ecid,
      productType: expected.productType,
      modelName: expected.modelName,
      deviceClass: expected.deviceClass,
      iosVersion: expected.iosVersion,
      buildVersion: expected.buildVersion,
      deviceName: expected.deviceName,
      activationState: expected.activationState,
      inSetupAssistant: expected.inSetupAssistant,
      supervised: expected.supervised,
      activationLock: expected.activationLock ? 'on' : 'off',
      passcodeSet: expected.passcodeSet,
      batteryPercent: expected.battery.level,
      batteryCharging: expected.battery.charging,
      totalBytes: expected.storage.totalBytes,
      freeBytes: expected.storage.freeBytes,
    });
    expect(identity.imei ?? null).toBe(expected.imei);
    lab.device('1')!.setActivationLock(true);
    lab.device('1')!.setBattery({ level: 12, charging: false });
    expect(await ios.identity()).toMatchObject({
      activationLock: 'on',
      batteryPercent: 12,
      batteryCharging: false,
    });
  });

  it('installs a signed profile, lists it and removes it', async () => {
    const ios = await paired(1);
    const signer = await createDepotSigningIdentity();
    await ios.installProfile(signMobileconfig(encodePlist(PROFILE_RECIPES.wifi), signer));
    expect(lab.device('1')!.profiles.has('org.depotline.profile.wifi')).toBe(true);
    expect(await ios.installedProfiles()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ identifier: 'org.depotline.profile.wifi', displayName: 'Depot Wi-Fi' }),
      ]),
    );
    await ios.removeProfile('org.depotline.profile.wifi');
    expect(lab.device('1')!.profiles.has('org.depotline.profile.wifi')).toBe(false);
  });

  it('installs a 20 MB IPA with progress, lists it, uninstalls it', async () => {
    const ios = await paired(1);
    const ipa = fixtures.ipas.timesheet;
    expect(ipa.sizeBytes).toBe(IPA_RECIPES.timesheet.sizeBytes);
    const progress: number[] = [];
    const started = performance.now();
    await ios.installApp(ipa.path, (percent) => progress.push(percent));
    const installMs = performance.now() - started;
    console.info(
      `install of a ${(ipa.sizeBytes / 1024 / 1024).toFixed(0)} MB IPA: ${installMs.toFixed(0)} ms`,
    );
    expect(progress.at(-1)).toBe(100);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(lab.device('1')!.apps.get(ipa.bundleId)).toMatchObject({ version: ipa.version, type: 'User' });
    expect(await ios.installedApps()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          bundleId: ipa.bundleId,
          version: ipa.version,
          shortVersion: ipa.shortVersion,
        }),
      ]),
    );
    await ios.uninstallApp(ipa.bundleId);
    expect(lab.device('1')!.apps.has(ipa.bundleId)).toBe(false);
  });

  it('an install the device refuses comes back in its own words', async () => {
    const ios = await paired(1);
    lab.device('1')!.failNextInstall('ApplicationVerificationFailed', 'Failed to verify code signature');
    await expect(ios.installApp(fixtures.ipas.fieldNotesUpgrade.path)).rejects.toThrow(
      /ApplicationVerificationFailed \(Failed to verify code signature/,
    );
  });

  it('sets the device name (a second read shows it)', async () => {
    const ios = await paired(1);
    await ios.setDeviceName('Depot 7 · 042');
    expect(lab.find('1')!.deviceName).toBe('Depot 7 · 042');
    expect((await driverFor(1).identity()).deviceName).toBe('Depot 7 · 042');
  });

  it('prepares a device in Setup Assistant; a second prepare is refused with 14002', async () => {
    lab.device('2')!.setUp(false); // back in Setup Assistant (a new phone out of its box)
    const ios = await paired(2); // in Setup Assistant: pairs without a prompt
    const supervisor = await createDepotSigningIdentity({ commonName: 'Depot supervision' });
    const configuration: CloudConfiguration = {
      organisationName: 'Example Depot',
      organisationDepartment: 'IT',
      supervise: true,
      supervisorHostCertificates: [Buffer.from(new X509Certificate(supervisor.certificatePem).raw)],
      skipSetup: ['Location', 'Restore', 'Passcode'],
      anchorCertificates: [],
      allowPairing: true,
      isMandatory: true,
      isMdmUnremovable: false,
    };
    await ios.prepare(configuration);
    expect(lab.device('2')!.cloudConfiguration).toMatchObject({
      IsSupervised: true,
      OrganizationName: 'Example Depot',
    });
    expect(await ios.cloudConfiguration()).toMatchObject({
      IsSupervised: true,
      SkipSetup: ['Location', 'Restore', 'Passcode'],
    });
    expect(await ios.identity()).toMatchObject({
      supervised: true,
      organisation: 'Example Depot',
      inSetupAssistant: true,
    });
    const again = ios.prepare(configuration);
    await expect(again).rejects.toBeInstanceOf(McInstallError);
    await expect(again).rejects.toMatchObject({ code: 14002 });
  });

  it('erases: the device comes back in Setup Assistant, without its cloud configuration, and pairs again', async () => {
    const ios = await paired(2);
    const before = lab.find('2')!.deviceId;
    await ios.erase();
    // Erased and booted again: back on usbmuxd with a new DeviceID.
    await expect
      .poll(() => lab.find('2')!.status === 'online' && lab.find('2')!.deviceId !== before, {
        timeout: 5_000,
      })
      .toBe(true);
    expect(lab.find('2')).toMatchObject({
      inSetupAssistant: true,
      cloudConfiguration: false,
      pairedHosts: 0,
    });
    // The device forgot this host; the driver pairs again with the same identity.
    expect((await ios.identity()).inSetupAssistant).toBe(true);
    expect(lab.find('2')!.pairedHosts).toBe(1);
  });

  it('restarts: the device drops off usbmuxd and comes back', async () => {
    const ios = await paired(1);
    const before = lab.find('1')!.deviceId;
    await ios.restart();
    await expect
      .poll(() => lab.find('1')!.status === 'online' && lab.find('1')!.deviceId !== before, {
        timeout: 5_000,
      })
      .toBe(true);
    expect(lab.commands('1')!.map((command) => command.request)).toContain('Restarting');
    expect((await ios.identity()).udid).toBe(udidOf(1)); // a new DeviceID, found again
  });

  // libimobiledevice on the same usbmuxd: one pairing serves every tool on the host. Async
  // execFile: the lab runs in this process and must keep answering while the tool runs.
  const libimobiledevice = existsSync('/usr/bin/ideviceinfo') && existsSync('/usr/bin/idevicepair');
  const tool = (command: string, args: string[]) =>
    promisify(execFile)(command, args, {
      env: { ...process.env, USBMUXD_SOCKET_ADDRESS: lab.usbmuxdAddress },
    });

  it.skipIf(!libimobiledevice)(
    'ideviceinfo opens a session with the pair record Depotline saved',
    async () => {
      await paired(0);
      const { stdout } = await tool('ideviceinfo', ['-u', udidOf(0), '-k', 'SerialNumber']);
      expect(stdout.trim()).toBe(lab.find('0')!.serial);
    },
  );

  it.skipIf(!libimobiledevice)(
    'the driver uses a pair record idevicepair saved (no host identity needed)',
    async () => {
      lab.device('2')!.acceptTrust();
      await tool('idevicepair', ['-u', udidOf(2), 'pair']);
      const ios = createIosDriver({ udid: udidOf(2), usbmuxAddress: address });
      expect((await ios.identity()).serial).toBe(lab.find('2')!.serial);
    },
  );

  it('a cable yanked mid-upload is DeviceGoneError', async () => {
    const ios = await paired(1);
    const install = ios.installApp(fixtures.ipas.timesheet.path, (percent) => {
      if (percent >= 10 && lab.find('1')!.status === 'online') lab.yank('1');
    });
    await expect(install).rejects.toBeInstanceOf(DeviceGoneError);
    lab.plug('1');
    await expect.poll(() => lab.find('1')!.status, { timeout: 5_000 }).toBe('online');
  });
});

// The driver end to end against a fake usbmuxd, lockdownd and services over real UNIX
// sockets: pairing on first use, a TLS session per call, services with and without SSL.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IPA_RECIPES, buildIpa, PROFILE_RECIPES } from '../../../../scripts/make-test-ipas.ts';
import {
  DeviceCommandError,
  DeviceGoneError,
  DeviceUnreadableError,
} from '../../../../native/device-errors.ts';
import { NotPairedError } from '../../../../native/ios/device-session.ts';
import { createHostIdentity } from '../../../../native/ios/pairing/host-identity.ts';
import { McInstallError } from '../../../../native/ios/services/mcinstall.ts';
import { createIosDriver } from '../../../../native/ios/usbmux-ios-driver.ts';
import type { CloudConfiguration } from '../../../../native/ios/ios-driver.ts';
import { encodePlist } from '../../../../native/ios/wire/plist-codec.ts';
import { useTempDirs } from '../../../helpers/temp-dir.ts';
import { installFakeServices } from './fakes/fake-services.ts';
import { UDID, useFakePhone } from './fakes/fake-phone.ts';

const phone = useFakePhone();
const tempDir = useTempDirs();

function driver(options: { hostIdentity?: boolean } = {}) {
  const { usbmuxd, hostIdentity } = phone();
  return createIosDriver({
    udid: UDID,
    usbmuxAddress: usbmuxd.address,
    hostIdentity: options.hostIdentity === false ? undefined : hostIdentity,
  });
}

const preparation: CloudConfiguration = {
  organisationName: 'Example Depot',
  organisationEmail: 'it@example.org',
  supervise: true,
  supervisorHostCertificates: [Buffer.from('DER')],
  skipSetup: ['Location', 'Restore'],
  mdmUrl: 'https://mdm.example.org/enroll',
  anchorCertificates: [],
  allowPairing: true,
  isMandatory: true,
  isMdmUnremovable: false,
};

describe('usbmux iOS driver', () => {
  it('pairs on first use: "Tap Trust" is a transient refusal until the phone says yes', async () => {
    phone().lockdownd.pairScript = ['PairingDialogResponsePending'];
    const ios = driver();
    const pending = ios.identity();
    await expect(pending).rejects.toBeInstanceOf(NotPairedError);
    await expect(pending).rejects.toMatchObject({ transient: true, outcome: { status: 'pending-trust' } });
    const identity = await ios.identity();
    expect(identity).toMatchObject({ udid: UDID, modelName: 'iPhone 15', deviceName: 'Depot iPhone' });
    expect(phone().usbmuxd.pairRecords.has(UDID)).toBe(true);
  });

  it('reads identity from lockdownd domains and the cloud configuration', async () => {
    const { lockdownd } = phone();
    const services = installFakeServices(lockdownd);
    lockdownd.domains['com.apple.mobile.battery'] = { BatteryCurrentCapacity: 64, BatteryIsCharging: false };
    lockdownd.domains['com.apple.disk_usage'] = { TotalDiskCapacity: 256e9, AmountDataAvailable: 200e9 };
    lockdownd.domains['com.apple.fmip'] = { IsAssociated: false };
    lockdownd.domains['com.apple.purplebuddy'] = { SetupDone: false };
    services.cloudConfiguration = { IsSupervised: true, OrganizationName: 'Example Depot' };
    const ios = driver();
    const identity = await ios.identity();
    expect(identity).toMatchObject({
      batteryPercent: 64,
      totalBytes: 256e9,
      freeBytes: 200e9,
      activationLock: 'off',
      inSetupAssistant: true,
      supervised: true,
      organisation: 'Example Depot',
    });
    // Everything after StartSession went over TLS; lockdownd saw the session end once closed.
    expect(lockdownd.requests).toEqual(expect.arrayContaining(['StartSession', 'StartService']));
    ios.close();
    await expect.poll(() => lockdownd.requests).toContain('StopSession');
  });

  for (const ssl of [false, true])
    it(`installs an IPA with progress, lists and uninstalls it (services ${ssl ? 'with' : 'without'} SSL)`, async () => {
      const services = installFakeServices(phone().lockdownd, { ssl });
      const path = join(tempDir(), 'timesheet.ipa');
      writeFileSync(path, buildIpa({ ...IPA_RECIPES.timesheet, sizeBytes: 3 * 1024 * 1024 }));
      const ios = driver();
      const progress: number[] = [];
      await ios.installApp(path, (percent) => progress.push(percent));
      expect(progress[0]).toBeLessThan(50);
      expect(progress.at(-1)).toBe(100);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      expect(services.apps.has('org.depotline.timesheet')).toBe(true);
      expect([...services.afc.files.keys()]).toEqual([]); // the staged package is removed
      expect(await ios.installedApps()).toEqual([
        {
          bundleId: 'org.depotline.timesheet',
          version: '1',
          shortVersion: undefined,
          name: 'org.depotline.timesheet',
        },
      ]);
      await ios.uninstallApp('org.depotline.timesheet');
      expect(await ios.installedApps()).toEqual([]);
    });

  it('installs, lists and removes a profile', async () => {
    const services = installFakeServices(phone().lockdownd);
    const ios = driver();
    await ios.installProfile(encodePlist(PROFILE_RECIPES.wifi));
    expect(await ios.installedProfiles()).toEqual([
      { identifier: 'org.depotline.profile.wifi', uuid: expect.any(String), displayName: 'Depot Wi-Fi' },
    ]);
    await ios.removeProfile('org.depotline.profile.wifi');
    expect(services.profiles.size).toBe(0);
    await expect(ios.removeProfile('org.depotline.profile.wifi')).rejects.toBeInstanceOf(DeviceCommandError);
  });

  it('names the device, prepares it once (14002 the second time), erases and restarts it', async () => {
    const { lockdownd } = phone();
    const services = installFakeServices(lockdownd);
    const ios = driver();
    await ios.setDeviceName('Depot 7 · 042');
    expect(lockdownd.values.DeviceName).toBe('Depot 7 · 042');
    expect(await ios.cloudConfiguration()).toBeUndefined();
    await ios.prepare(preparation);
    expect(services.cloudConfiguration).toMatchObject({
      IsSupervised: true,
      OrganizationName: 'Example Depot',
      OrganizationEmail: 'it@example.org',
      SkipSetup: ['Location', 'Restore'],
      ConfigurationURL: 'https://mdm.example.org/enroll',
      AllowPairing: true,
      IsMandatory: true,
      IsMDMUnremovable: false,
    });
    const again = ios.prepare(preparation);
    await expect(again).rejects.toBeInstanceOf(McInstallError);
    await expect(again).rejects.toMatchObject({ code: 14002, transient: false });
    await ios.erase();
    expect(services.erased).toBe(true);
    await ios.restart();
    expect(services.restarts).toBe(1);
  });

  it('a device that forgot this host (erased) is paired again with the host identity', async () => {
    const { lockdownd, usbmuxd, device } = phone();
    const ios = driver();
    await ios.setDeviceName('first');
    // Erased: it forgets this host and drops off usbmuxd (and with it the kept session), then returns.
    lockdownd.pairedHosts.clear();
    usbmuxd.detach(device.deviceId);
    usbmuxd.attach({ ...device, deviceId: device.deviceId + 1 });
    await ios.setDeviceName('second');
    expect(lockdownd.values.DeviceName).toBe('second');
    expect(lockdownd.requests.filter((request) => request === 'Pair')).toHaveLength(2);
  });

  it('uses a pair record another tool saved; without one and without a host identity it says not paired', async () => {
    await expect(driver({ hostIdentity: false }).identity()).rejects.toThrow(
      `${UDID} is not paired with this computer and no host identity was given to pair it`,
    );
    await driver().identity(); // pairs and saves the record
    const { lockdownd } = phone();
    const before = lockdownd.requests.filter((request) => request === 'Pair').length;
    await driver({ hostIdentity: false }).identity();
    expect(lockdownd.requests.filter((request) => request === 'Pair')).toHaveLength(before);
  });

  it('a device presenting another certificate than the paired one is refused', async () => {
    const { lockdownd } = phone();
    const stranger = await createHostIdentity();
    lockdownd.sessionCertificate = { cert: stranger.hostCertificatePem, key: stranger.hostPrivateKeyPem };
    await expect(driver().identity()).rejects.toThrow(
      /presented a certificate that does not match the pair record/,
    );
  });

  it('a detached device is gone; a garbled reply is unreadable', async () => {
    const { usbmuxd, device, lockdownd } = phone();
    const ios = driver();
    await ios.identity();
    lockdownd.services.set('com.apple.mobile.installation_proxy', {
      ssl: false,
      serve: (stream) => stream.on('data', () => stream.write(Buffer.from('\x00\x00\x00\x05<?xml'))),
    });
    await expect(ios.installedApps()).rejects.toBeInstanceOf(DeviceUnreadableError);
    usbmuxd.detach(device.deviceId);
    const gone = ios.identity();
    await expect(gone).rejects.toBeInstanceOf(DeviceGoneError);
    await expect(gone).rejects.toThrow(`${UDID} is not connected`);
  });
});

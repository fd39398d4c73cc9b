// The driver keeps one lockdownd session (and its MCInstall and installation_proxy
// connections) across calls: counted in the fake lockdownd's requests and the fake
// services' connections. Idle close, retirement on errors, overlapping calls, and a device
// that went away between calls.
import { describe, expect, it } from 'vitest';
import { PROFILE_RECIPES } from '../../../../scripts/make-test-ipas.ts';
import { DeviceGoneError } from '../../../../native/device-errors.ts';
import { McInstallError } from '../../../../native/ios/services/mcinstall.ts';
import { createIosDriver } from '../../../../native/ios/usbmux-ios-driver.ts';
import { encodePlist } from '../../../../native/ios/wire/plist-codec.ts';
import { installFakeServices } from './fakes/fake-services.ts';
import { UDID, useFakePhone } from './fakes/fake-phone.ts';

const phone = useFakePhone();

function driver(idleMs?: number) {
  const { usbmuxd, hostIdentity } = phone();
  return createIosDriver({ udid: UDID, usbmuxAddress: usbmuxd.address, hostIdentity, idleMs });
}

const count = (requests: string[], name: string) => requests.filter((request) => request === name).length;

describe('the driver keeps its session across calls', () => {
  it('one StartSession and one MCInstall connection for a run of calls', async () => {
    const { lockdownd } = phone();
    installFakeServices(lockdownd);
    const ios = driver();
    await ios.identity();
    await ios.installProfile(encodePlist(PROFILE_RECIPES.wifi));
    expect(await ios.installedProfiles()).toHaveLength(1);
    await ios.setDeviceName('Depot 7');
    expect(await ios.installedApps()).toEqual([]);
    expect((await ios.identity()).deviceName).toBe('Depot 7');
    expect(count(lockdownd.requests, 'StartSession')).toBe(1);
    expect(count(lockdownd.requests, 'StopSession')).toBe(0);
    // MCInstall and installation_proxy were each started once, and kept.
    expect(lockdownd.started).toEqual(['com.apple.mobile.MCInstall', 'com.apple.mobile.installation_proxy']);
    ios.close();
    await expect.poll(() => count(lockdownd.requests, 'StopSession')).toBe(1);
  });

  it('closes the session once idle; the next call opens a new one', async () => {
    const { lockdownd } = phone();
    installFakeServices(lockdownd);
    const ios = driver(50);
    await ios.identity();
    await ios.cloudConfiguration();
    expect(count(lockdownd.requests, 'StartSession')).toBe(1);
    await expect.poll(() => count(lockdownd.requests, 'StopSession')).toBe(1);
    await ios.identity();
    expect(count(lockdownd.requests, 'StartSession')).toBe(2);
  });

  it('overlapping calls share one session, one request at a time on each connection', async () => {
    const { lockdownd } = phone();
    const services = installFakeServices(lockdownd);
    services.cloudConfiguration = { IsSupervised: true, OrganizationName: 'Example Depot' };
    const ios = driver();
    const [identity, profiles, apps, configuration, renamed] = await Promise.all([
      ios.identity(),
      ios.installedProfiles(),
      ios.installedApps(),
      ios.cloudConfiguration(),
      ios.setDeviceName('Depot 9'),
    ]);
    expect(identity).toMatchObject({ udid: UDID, organisation: 'Example Depot' });
    expect(profiles).toEqual([]);
    expect(apps).toEqual([]);
    expect(configuration).toMatchObject({ OrganizationName: 'Example Depot' });
    expect(renamed).toBeUndefined();
    expect(lockdownd.values.DeviceName).toBe('Depot 9');
    expect(count(lockdownd.requests, 'StartSession')).toBe(1);
    // Two calls wanted MCInstall at once: it was started once.
    expect(count(lockdownd.started, 'com.apple.mobile.MCInstall')).toBe(1);
  });

  it('an error ends the session: the next call starts afresh', async () => {
    const { lockdownd } = phone();
    installFakeServices(lockdownd);
    const ios = driver();
    await expect(ios.removeProfile('org.example.absent')).rejects.toThrow(/no profile/);
    await ios.prepare(preparation);
    await expect(ios.prepare(preparation)).rejects.toBeInstanceOf(McInstallError);
    expect(await ios.cloudConfiguration()).toMatchObject({ OrganizationName: 'Example Depot' });
    expect(count(lockdownd.requests, 'StartSession')).toBe(3);
  });

  it('a device detached between calls is gone; back again, it gets a new session', async () => {
    const { lockdownd, usbmuxd, device } = phone();
    const ios = driver();
    await ios.identity();
    usbmuxd.detach(device.deviceId);
    await expect(ios.identity()).rejects.toBeInstanceOf(DeviceGoneError);
    usbmuxd.attach({ ...device, deviceId: device.deviceId + 10 });
    expect((await ios.identity()).udid).toBe(UDID);
    expect(count(lockdownd.requests, 'StartSession')).toBe(2);
  });

  it('a restart or an erase ends the session at once', async () => {
    const { lockdownd } = phone();
    const services = installFakeServices(lockdownd);
    const ios = driver();
    await ios.restart();
    await expect.poll(() => count(lockdownd.requests, 'StopSession')).toBe(1);
    await ios.erase();
    expect(services.erased).toBe(true);
    await expect.poll(() => count(lockdownd.requests, 'StopSession')).toBe(2);
    expect(count(lockdownd.requests, 'StartSession')).toBe(2);
  });
});

const preparation = {
  organisationName: 'Example Depot',
  supervise: true,
  supervisorHostCertificates: [],
  skipSetup: [],
  anchorCertificates: [],
  allowPairing: true,
  isMandatory: false,
  isMdmUnremovable: false,
};

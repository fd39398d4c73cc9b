// One fake iPhone behind a fake usbmuxd, for the lockdown, pairing and driver tests. Device
// keys and the host identity are made once per test file (RSA key generation is the slow part).
import { beforeAll, beforeEach, afterEach } from 'vitest';
import { createHostIdentity, type HostIdentity } from '../../../../../native/ios/pairing/host-identity.ts';
import type { PlistDict } from '../../../../../native/ios/wire/plist-codec.ts';
import { useTempDirs } from '../../../../helpers/temp-dir.ts';
import { deviceKeys, FakeLockdownd } from './fake-lockdownd.ts';
import { FakeUsbmuxd, type FakeDevice } from './fake-usbmuxd.ts';

export const UDID = '00008110-000A1B2C3D4E5F60';

export function phoneValues(): PlistDict {
  return {
    UniqueDeviceID: UDID,
    SerialNumber: 'F2LXK0AAHG7F',
    UniqueChipID: 2_866_512_410_923_046,
    InternationalMobileEquipmentIdentity: '356789104321987',
    ProductType: 'iPhone15,4',
    DeviceClass: 'iPhone',
    DeviceName: 'Depot iPhone',
    ProductVersion: '18.1',
    BuildVersion: '22B83',
    ActivationState: 'Activated',
    PasswordProtected: false,
    WiFiAddress: 'a4:83:e7:01:02:03',
  };
}

export interface FakePhone {
  usbmuxd: FakeUsbmuxd;
  device: FakeDevice;
  lockdownd: FakeLockdownd;
  hostIdentity: HostIdentity;
}

/** Registers hooks; the returned getter gives this test's phone. */
export function useFakePhone(): () => FakePhone {
  const tempDir = useTempDirs();
  let keys: ReturnType<typeof deviceKeys>;
  let hostIdentity: HostIdentity;
  let phone: FakePhone | undefined;
  beforeAll(async () => {
    keys = deviceKeys();
    hostIdentity = await createHostIdentity();
  });
  beforeEach(async () => {
    const usbmuxd = new FakeUsbmuxd(tempDir());
    await usbmuxd.start();
    const device: FakeDevice = { deviceId: 11, udid: UDID, ports: new Map() };
    const lockdownd = new FakeLockdownd(device, keys, phoneValues());
    usbmuxd.attach(device);
    phone = { usbmuxd, device, lockdownd, hostIdentity };
  });
  afterEach(async () => {
    await phone?.usbmuxd.stop();
    phone = undefined;
  });
  return () => phone!;
}

// The repair bench's device layer on iOS, through the iOS lab's usbmuxd and lockdownd and the
// bench's own device manager and backend: blockers (Activation Lock, another organisation's
// supervision, passcode), diagnostics with the battery's cycle count, and an EraseDevice
// followed to the device's return in Setup Assistant and read back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IosDeviceManager } from '../../../electron/core/devices/ios-device-manager.ts';
import { BenchRepairDevices } from '../../../electron/core/devices/repair-devices.ts';
import { usbmuxBackend } from '../../../electron/core/devices/usbmux-backend.ts';
import type { RepairDevice } from '../../../electron/core/repair/repair-device.ts';
import { DeviceCommandError } from '../../../native/device-errors.ts';
import { createHostIdentity, type HostIdentity } from '../../../native/ios/pairing/host-identity.ts';
import { createIosDriver } from '../../../native/ios/usbmux-ios-driver.ts';
import { parseUsbmuxAddress, type UsbmuxAddress } from '../../../native/ios/usbmux/usbmux-address.ts';
import { IosLabController } from '../../../native/lab/ios/lab/ios-lab-controller.ts';
import {
  addMediaFiles,
  organisationCloudConfiguration,
} from '../../../native/lab/ios/device/repair-content.ts';
import { labIosServices } from '../../../native/lab/ios/services/index.ts';

let lab: IosLabController;
let address: UsbmuxAddress;
let hostIdentity: HostIdentity;
let manager: IosDeviceManager;
let repair: BenchRepairDevices;

beforeAll(async () => {
  hostIdentity = await createHostIdentity();
  lab = await IosLabController.start({
    ios: 2,
    seed: 'repair-devices',
    latency: 'fast',
    services: labIosServices,
    acceptTrustAfterMs: 0,
  });
  address = parseUsbmuxAddress(lab.usbmuxdAddress);
  manager = new IosDeviceManager({
    backend: usbmuxBackend({
      address,
      hostIdentity: () => Promise.resolve(hostIdentity),
      createDriver: (device) =>
        createIosDriver({
          udid: device.udid,
          usbmuxAddress: device.address,
          ...(device.hostIdentity ? { hostIdentity: device.hostIdentity } : {}),
        }),
    }),
    trustPollMs: 200,
    onChange: () => repair?.devicesChanged(),
    log: () => undefined,
  });
  repair = new BenchRepairDevices({
    ios: { manager, address, hostIdentity: () => Promise.resolve(hostIdentity) },
  });
  manager.start();
  await waitFor(() => lab.list().every((device) => repair.get(device.serial) !== undefined));
}, 60_000);

afterAll(async () => {
  repair?.close();
  manager?.stop();
  await lab?.stop();
});

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function iphone(index: number): RepairDevice {
  const device = repair.get(lab.list()[index]!.serial);
  if (!device) throw new Error(`lab iPhone ${index} is not ready`);
  return device;
}

describe('iOS blockers and diagnostics', () => {
  it('names Activation Lock, the other organisation and the passcode', async () => {
    const model = lab.device('0')!;
    model.setUp(true);
    model.setActivationLock(true);
    model.setPasscode(true);
    model.cloudConfiguration = organisationCloudConfiguration(
      { organisation: 'Northwind Logistics', supervised: true },
      model.udid,
    );
    model.supervise('Northwind Logistics');
    expect(await iphone(0).blockers()).toEqual({
      platform: 'ios',
      activationLock: true,
      supervisedBy: 'Northwind Logistics',
      passcodeSet: true,
    });
    model.setActivationLock(false);
    model.setPasscode(false);
    model.supervise(null);
    model.cloudConfiguration = undefined;
    expect(await iphone(0).blockers()).toEqual({
      platform: 'ios',
      activationLock: false,
      supervisedBy: null,
      passcodeSet: false,
    });
  });

  it('grades from the battery gauge: cycles and health as diagnostics_relay reports them', async () => {
    const battery = lab.device('0')!.battery();
    const info = lab.list()[0]!;
    expect(await iphone(0).diagnostics()).toEqual({
      batteryLevel: battery.level,
      batteryHealth: battery.health,
      batteryCycles: battery.cycleCount,
      storageTotalBytes: info.storage.totalBytes,
      storageFreeBytes: expect.any(Number),
      osVersion: info.iosVersion,
    });
    expect(await iphone(0).wipeSupport()).toEqual([{ method: 'ios-erase-device', supported: true }]);
    await expect(iphone(0).startWipe('android-testharness')).rejects.toBeInstanceOf(DeviceCommandError);
  });
});

describe('iOS erase followed to its return', () => {
  it('erases, refuses a second erase, comes back in Setup Assistant and reads back clean', async () => {
    const model = lab.device('1')!;
    model.setUp(true);
    model.profiles.set('com.example.wifi', {
      identifier: 'com.example.wifi',
      uuid: 'A1',
      displayName: 'Wi-Fi',
      payload: {},
      signed: false,
    });
    addMediaFiles(model.files, [{ path: 'DCIM/100APPLE/IMG_0001.HEIC', bytes: 4096 }]);
    const device = iphone(1);
    expect(await device.readback()).toMatchObject({ inSetup: false, profiles: 1, userFiles: 1 });

    await device.startWipe('ios-erase-device');
    await expect(device.startWipe('ios-erase-device')).rejects.toThrow(/already sent/);
    const back = await repair.waitForReturn(device.serial, 20_000);
    expect(back?.serial).toBe(device.serial);
    const info = lab.list()[1]!;
    expect(await back!.readback()).toEqual({
      serial: info.serial,
      imeis: info.imei ? [info.imei] : [],
      udid: info.udid,
      inSetup: true,
      accounts: [],
      onlyFactoryPackages: true,
      userFiles: 0,
      profiles: 0,
    });
  });
});

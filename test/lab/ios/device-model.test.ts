// The simulated iPhone as a model: identities that are deterministic and plausible, and the
// lifecycle the lab drives (cable, restart, erase, Setup Assistant, supervision) as usbmuxd
// listeners see it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productTypeInfo } from '../../../native/ios/product-types.ts';
import { isValidLuhn } from '../../../native/lab/adb/device/identity.ts';
import { generateIosIdentity } from '../../../native/lab/ios/device/identity.ts';
import { IosLabController } from '../../../native/lab/ios/lab/ios-lab-controller.ts';
import { locationIdOf, slotFromLocationId, slotOf } from '../../../native/lab/ios/usbmuxd/usb-slots.ts';
import { UsbmuxTestClient } from './support/usbmux-test-client.ts';

describe('identities', () => {
  const identities = Array.from({ length: 60 }, (_, index) => generateIosIdentity('fleet', index));

  it('are the same for the same seed and index, different otherwise', () => {
    expect(generateIosIdentity('fleet', 3)).toEqual(identities[3]);
    expect(generateIosIdentity('other', 3).udid).not.toBe(identities[3]?.udid);
    expect(new Set(identities.map((identity) => identity.udid)).size).toBe(identities.length);
    expect(new Set(identities.map((identity) => identity.serial)).size).toBe(identities.length);
  });

  it('have real ProductTypes running an iOS release the model supports, 17, 18 and 26 among them', () => {
    for (const identity of identities) {
      const info = productTypeInfo(identity.model.productType);
      expect(info).toBeDefined();
      const major = Number(identity.iosVersion.split('.')[0]);
      expect(major).toBeLessThanOrEqual(info?.maxIos ?? 0);
      expect([17, 18, 26]).toContain(major);
      expect(identity.buildVersion).toMatch(/^2[123][A-H]\d{2,4}$/);
    }
    expect(new Set(identities.map((identity) => identity.iosVersion.split('.')[0]))).toEqual(
      new Set(['17', '18', '26']),
    );
    expect(identities.some((identity) => identity.model.deviceClass === 'iPad')).toBe(true);
  });

  it('have UDIDs made of the chip ID and an ECID below 2^53', () => {
    for (const identity of identities) {
      expect(identity.udid).toMatch(/^0000[0-9A-F]{4}-[0-9A-F]{16}$/);
      expect(identity.udid.slice(4, 8)).toBe(identity.model.chip.chipId.toString(16).toUpperCase());
      expect(Number.isSafeInteger(identity.ecid)).toBe(true);
      expect(BigInt(`0x${identity.udid.slice(9)}`)).toBe(BigInt(identity.ecid));
      expect(identity.usbSerial).toBe(identity.udid.replace('-', ''));
      expect(identity.serial).toMatch(/^[0-9B-DF-HJ-NP-TV-Z]{10}$/);
    }
  });

  it('give cellular models Luhn-valid IMEIs and Wi-Fi iPads none', () => {
    for (const identity of identities) {
      if (identity.model.cellular) {
        expect(isValidLuhn(identity.imei ?? '')).toBe(true);
        expect(identity.imei).toHaveLength(15);
        if (identity.model.deviceClass === 'iPhone') expect(isValidLuhn(identity.imei2 ?? '')).toBe(true);
      } else {
        expect(identity.imei).toBeUndefined();
      }
    }
  });
});

describe('USB slots', () => {
  it('encode hub and port in the LocationID, macOS style, and decode back', () => {
    expect(locationIdOf(slotOf(0))).toBe(0x01110000);
    expect(locationIdOf(slotOf(12))).toBe(0x01230000);
    expect(slotOf(150)).toEqual({ bus: 2, hub: 1, port: 1 });
    for (const index of [0, 9, 10, 149, 150, 199])
      expect(slotFromLocationId(locationIdOf(slotOf(index)))).toEqual(slotOf(index));
  });
});

describe('device lifecycle through usbmuxd', () => {
  let lab: IosLabController;
  let listener: UsbmuxTestClient;

  beforeAll(async () => {
    lab = await IosLabController.start({ ios: 2, seed: 'lifecycle', latency: 'fast', services: [] });
    listener = await UsbmuxTestClient.open(lab.usbmuxdAddress.replace(/^UNIX:/, ''));
    await listener.request({ MessageType: 'Listen' });
    await listener.next();
    await listener.next();
  });

  afterAll(async () => {
    listener?.close();
    await lab?.stop();
  });

  async function nextEvent(): Promise<[unknown, unknown]> {
    const event = await listener.next();
    return [event.body.MessageType, event.body.DeviceID];
  }

  it('unplug and plug: Detached, then Attached under a new DeviceID in the same slot', async () => {
    const before = lab.find('0');
    lab.unplug('0');
    expect(await nextEvent()).toEqual(['Detached', before?.deviceId]);
    expect(lab.find('0')).toMatchObject({ status: 'unplugged', deviceId: null });
    lab.plug('0');
    const [type, id] = await nextEvent();
    expect(type).toBe('Attached');
    expect(id).toBeGreaterThan(before?.deviceId ?? 0);
    expect(lab.find('0')?.locationId).toBe(before?.locationId);
  });

  it('restart drops off and comes back with its state', async () => {
    const device = lab.device('1');
    device?.setUp(true);
    device?.setBattery({ level: 42 });
    lab.restart('1');
    expect((await nextEvent())[0]).toBe('Detached');
    expect(lab.find('1')?.status).toBe('booting');
    expect((await nextEvent())[0]).toBe('Attached');
    expect(lab.find('1')).toMatchObject({
      status: 'online',
      battery: { level: 42 },
      inSetupAssistant: false,
    });
  });

  it('erase goes back to factory but keeps Activation Lock', async () => {
    const device = lab.device('1');
    if (device === undefined) throw new Error('no device');
    device.setUp(true);
    device.setActivationLock(true);
    device.supervise('Acme');
    device.setPasscode(true);
    device.acceptTrust();
    device.apps.set('com.acme.app', {
      bundleId: 'com.acme.app',
      version: '1',
      shortVersion: '1.0',
      name: 'Acme',
      type: 'User',
      infoPlist: {},
      sizeBytes: 5_000_000,
    });
    device.profiles.set('com.acme.wifi', {
      identifier: 'com.acme.wifi',
      uuid: 'U',
      displayName: 'Wi-Fi',
      payload: {},
      signed: false,
    });
    device.cloudConfiguration = { OrganizationName: 'Acme', IsSupervised: true };
    device.files.set('/Downloads/a.txt', { kind: 'file', data: Buffer.from('x'), modifiedMs: 0 });
    const freeBefore = device.freeBytes();

    lab.erase('1');
    expect((await nextEvent())[0]).toBe('Detached');
    expect((await nextEvent())[0]).toBe('Attached');
    expect(lab.find('1')).toMatchObject({
      activationState: 'Unactivated',
      inSetupAssistant: true,
      supervised: false,
      organisation: null,
      activationLock: true,
      passcodeSet: false,
      trust: 'untrusted',
      pairedHosts: 0,
      userApps: 0,
      profiles: 0,
      cloudConfiguration: false,
      deviceName: 'iPhone',
    });
    expect([...device.apps.values()].every((app) => app.type === 'System')).toBe(true);
    expect(device.files.has('/Downloads/a.txt')).toBe(false);
    expect(device.freeBytes()).toBeGreaterThan(freeBefore);
  });

  it('finishing Setup Assistant applies a supervising cloud configuration', () => {
    const device = lab.device('1');
    if (device === undefined) throw new Error('no device');
    device.cloudConfiguration = { OrganizationName: 'Depot North', IsSupervised: true };
    lab.device('1')?.setUp(true);
    expect(lab.find('1')).toMatchObject({
      supervised: true,
      organisation: 'Depot North',
      activationState: 'Activated',
    });
  });

  it('a service shutdown turns it off until it is plugged in again', async () => {
    lab.device('0')?.shutdown();
    expect((await nextEvent())[0]).toBe('Detached');
    expect(lab.find('0')?.status).toBe('off');
    lab.unplug('0');
    lab.plug('0');
    expect((await nextEvent())[0]).toBe('Attached');
    expect(lab.find('0')?.status).toBe('online');
  });

  it('finds devices by index, UDID (with or without the dash) or serial', () => {
    const device = lab.list()[1];
    expect(lab.find(device?.udid ?? '')?.index).toBe(1);
    expect(lab.find((device?.udid ?? '').replace('-', '').toLowerCase())?.index).toBe(1);
    expect(lab.find(device?.serial ?? '')?.index).toBe(1);
    expect(lab.find('7')).toBeUndefined();
    expect(lab.find('nope')).toBeUndefined();
  });
});

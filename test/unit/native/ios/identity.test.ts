import { describe, expect, it } from 'vitest';
import { DeviceUnreadableError } from '../../../../native/device-errors.ts';
import { buildIdentity, type IdentitySources } from '../../../../native/ios/identity.ts';
import type { PlistDict } from '../../../../native/ios/wire/plist-codec.ts';
import { phoneValues } from './fakes/fake-phone.ts';

function sources(overrides: Partial<IdentitySources> = {}): IdentitySources {
  return {
    values: phoneValues(),
    battery: { BatteryCurrentCapacity: 76, BatteryIsCharging: true },
    diskUsage: { TotalDiskCapacity: 128_000_000_000, AmountDataAvailable: 91_500_000_000 },
    findMy: { IsAssociated: false },
    setupAssistant: undefined,
    cloudConfiguration: undefined,
    ...overrides,
  };
}

describe('buildIdentity', () => {
  it('reads an activated iPhone', () => {
    expect(buildIdentity(sources())).toEqual({
      udid: '00008110-000A1B2C3D4E5F60',
      serial: 'F2LXK0AAHG7F',
      ecid: '2866512410923046',
      imei: '356789104321987',
      imeiUnknownReason: undefined,
      productType: 'iPhone15,4',
      modelName: 'iPhone 15',
      deviceClass: 'iPhone',
      deviceName: 'Depot iPhone',
      iosVersion: '18.1',
      buildVersion: '22B83',
      batteryPercent: 76,
      batteryCharging: true,
      totalBytes: 128_000_000_000,
      freeBytes: 91_500_000_000,
      activationState: 'Activated',
      inSetupAssistant: false,
      supervised: false,
      organisation: undefined,
      activationLock: 'off',
      passcodeSet: false,
    });
  });

  it('says why a Wi-Fi-only iPad has no IMEI, and when a device just did not report one', () => {
    const values: PlistDict = { ...phoneValues(), ProductType: 'iPad13,18', DeviceClass: 'iPad' };
    delete values.InternationalMobileEquipmentIdentity;
    const ipad = buildIdentity(sources({ values }));
    expect(ipad.imei).toBeUndefined();
    expect(ipad.imeiUnknownReason).toBe(
      'iPad (10th generation) is Wi-Fi only: it has no cellular modem and so no IMEI',
    );
    const phone = { ...phoneValues() };
    delete phone.InternationalMobileEquipmentIdentity;
    expect(buildIdentity(sources({ values: phone })).imeiUnknownReason).toBe(
      'the device did not report an IMEI',
    );
  });

  it('Setup Assistant: SetupDone when reported, else not activated', () => {
    expect(buildIdentity(sources({ setupAssistant: { SetupDone: false } })).inSetupAssistant).toBe(true);
    expect(buildIdentity(sources({ setupAssistant: { SetupDone: true } })).inSetupAssistant).toBe(false);
    const erased = { ...phoneValues(), ActivationState: 'Unactivated' };
    expect(buildIdentity(sources({ values: erased })).inSetupAssistant).toBe(true);
    expect(
      buildIdentity(sources({ values: erased, setupAssistant: { SetupDone: true } })).inSetupAssistant,
    ).toBe(false);
  });

  it('supervision and organisation come from the cloud configuration; Activation Lock from Find My', () => {
    const prepared = buildIdentity(
      sources({
        cloudConfiguration: { IsSupervised: true, OrganizationName: 'Example Depot' },
        findMy: { IsAssociated: true },
      }),
    );
    expect([prepared.supervised, prepared.organisation, prepared.activationLock]).toEqual([
      true,
      'Example Depot',
      'on',
    ]);
    expect(buildIdentity(sources({ findMy: undefined })).activationLock).toBe('unknown');
    expect(buildIdentity(sources({ supervision: { DeviceIsChaperoned: true } })).supervised).toBe(true);
    expect(buildIdentity(sources({ supervision: { DeviceIsChaperoned: false } })).supervised).toBe(false);
  });

  it('missing battery, storage and passcode values read as unknown or zero, never as garbage', () => {
    const values = { ...phoneValues() };
    delete values.PasswordProtected;
    const identity = buildIdentity(
      sources({ values, battery: undefined, diskUsage: { TotalDataAvailable: 5 } }),
    );
    expect([
      identity.batteryPercent,
      identity.batteryCharging,
      identity.freeBytes,
      identity.passcodeSet,
    ]).toEqual([0, false, 5, undefined]);
  });

  it('a device that does not say what it is, is unreadable', () => {
    const values = { ...phoneValues() };
    delete values.ProductType;
    expect(() => buildIdentity(sources({ values }))).toThrow(DeviceUnreadableError);
    expect(() => buildIdentity(sources({ values }))).toThrow('lockdownd did not report ProductType');
  });
});

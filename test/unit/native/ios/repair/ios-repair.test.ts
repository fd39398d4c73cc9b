// The repair bench's iOS readings: the battery gauge from an IORegistry entry as iPhones
// report it, and the blocker facts from the identity the driver reads.
import { describe, expect, it } from 'vitest';
import { parseBatteryGauge } from '../../../../../native/ios/repair/battery-gauge.ts';
import { iosBlockers, UNNAMED_ORGANISATION } from '../../../../../native/ios/repair/ios-blockers.ts';
import type { IosIdentity } from '../../../../../native/ios/ios-driver.ts';

describe('battery gauge', () => {
  it('reads cycles, health against design capacity and the level', () => {
    expect(
      parseBatteryGauge({
        CycleCount: 512,
        DesignCapacity: 3279,
        NominalChargeCapacity: 2789,
        AppleRawMaxCapacity: 2750,
        CurrentCapacity: 64,
        MaxCapacity: 100,
      }),
    ).toEqual({ cycles: 512, healthPercent: 85, levelPercent: 64 });
    // Older iOS: raw capacities only, MaxCapacity in mAh.
    expect(
      parseBatteryGauge({
        DesignCapacity: 1821,
        AppleRawMaxCapacity: 1600,
        CurrentCapacity: 800,
        MaxCapacity: 1600,
      }),
    ).toEqual({ cycles: null, healthPercent: 88, levelPercent: 50 });
    expect(parseBatteryGauge({})).toEqual({ cycles: null, healthPercent: null, levelPercent: null });
  });
});

describe('blockers', () => {
  const identity = {
    activationLock: 'on',
    supervised: true,
    organisation: 'Northwind',
    passcodeSet: true,
  } as IosIdentity;

  it('names Activation Lock, the organisation and the passcode', () => {
    expect(iosBlockers(identity)).toEqual({
      activationLock: true,
      supervisedBy: 'Northwind',
      passcodeSet: true,
      unknownReasons: {},
    });
  });

  it('says why when the device does not tell', () => {
    const reading = iosBlockers({
      ...identity,
      activationLock: 'unknown',
      organisation: undefined,
      passcodeSet: undefined,
    });
    expect(reading).toMatchObject({ activationLock: 'unknown', supervisedBy: UNNAMED_ORGANISATION });
    expect(Object.keys(reading.unknownReasons).sort()).toEqual([
      'activationLock',
      'passcodeSet',
      'supervisedBy',
    ]);
    expect(iosBlockers({ ...identity, supervised: false, activationLock: 'off' })).toMatchObject({
      activationLock: false,
      supervisedBy: null,
    });
  });
});

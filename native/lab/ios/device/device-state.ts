// The changeable state of a simulated iPhone and where it starts: from the seed, most devices
// arrive set up (activated, some with a passcode, some with Activation Lock still on, as
// returned phones do), about a third still at the Hello screen of Setup Assistant.
import { SeededRandom } from '../../adb/device/prng.ts';
import type { PlistValue } from '../../../ios/wire/plist-codec.ts';
import type { IosLabIdentity } from './identity.ts';

export interface IosBattery {
  level: number;
  charging: boolean;
  healthPercent: number;
  cycleCount: number;
  temperatureC: number;
}

export interface IosDeviceState {
  deviceName: string;
  activated: boolean;
  /** Setup Assistant finished (com.apple.purplebuddy SetupDone). */
  setupDone: boolean;
  supervised: boolean;
  organisation: string | undefined;
  /** Find My / Activation Lock: survives an erase, which is the point of it. */
  activationLock: boolean;
  passcodeSet: boolean;
  /** Locked with its passcode: an untrusted host's Pair gets PasswordProtected. */
  locked: boolean;
  battery: IosBattery;
  wifiConnections: boolean;
  purchaseDate: Date;
}

export function initialState(seed: string, index: number, identity: IosLabIdentity): IosDeviceState {
  const rng = new SeededRandom('depotline-lab-ios-state', seed, index);
  const setUp = rng.int(0, 2) > 0;
  const passcodeSet = setUp && rng.int(0, 4) >= 2;
  return {
    deviceName: identity.model.deviceClass,
    activated: setUp,
    setupDone: setUp,
    supervised: false,
    organisation: undefined,
    activationLock: setUp && rng.int(0, 3) === 0,
    passcodeSet,
    locked: false,
    battery: {
      level: identity.batteryLevel,
      charging: true,
      healthPercent: identity.batteryHealthPercent,
      cycleCount: identity.batteryCycleCount,
      temperatureC: 24 + rng.int(0, 8),
    },
    wifiConnections: false,
    purchaseDate: new Date(Date.UTC(2023 + rng.int(0, 2), rng.int(0, 11), rng.int(1, 28), 9, 0, 0)),
  };
}

/** "Erase All Content and Settings": everything but the hardware and Activation Lock. */
export function erasedState(before: IosDeviceState, identity: IosLabIdentity): IosDeviceState {
  return {
    ...before,
    deviceName: identity.model.deviceClass,
    activated: false,
    setupDone: false,
    supervised: false,
    organisation: undefined,
    passcodeSet: false,
    locked: false,
    wifiConnections: false,
  };
}

/**
 * The state after lockdownd's SetValue of `key` in `domain`, or 'SetProhibited' for a value the
 * lab's devices do not let a host set (as a real device answers for most of them).
 */
export function withLockdownValue(
  state: IosDeviceState,
  domain: string | undefined,
  key: string | undefined,
  value: PlistValue,
): IosDeviceState | 'SetProhibited' {
  if (domain === undefined && key === 'DeviceName') {
    if (typeof value !== 'string' || value.trim() === '') return 'SetProhibited';
    return { ...state, deviceName: value };
  }
  if (domain === 'com.apple.mobile.wireless_lockdown' && key === 'EnableWifiConnections') {
    if (typeof value !== 'boolean') return 'SetProhibited';
    return { ...state, wifiConnections: value };
  }
  return 'SetProhibited';
}

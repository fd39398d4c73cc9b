// What the repair bench asks of one plugged-in device, whatever its platform: the facts that
// block a wipe, the wipe methods it supports, the wipe itself, and a readback afterwards.
// The device layer (electron/core/devices, over native/adb and native/ios) implements it;
// the repair flow (electron/core/repair) and its tests use only this interface.
import type { z } from 'zod';
import type { PlatformSchema } from '../../common/models/asset.ts';

type Platform = z.infer<typeof PlatformSchema>;

/** Facts read from the device before a wipe; `unknown` when the device cannot tell (and why). */
export interface BlockerFacts {
  platform: Platform;
  /** Android: accounts (Google and others) — Factory Reset Protection will lock the phone after a reset. */
  accounts?: { type: string; name: string }[];
  /** Android: a device owner (MDM) still in control: its package/component. */
  deviceOwner?: string | null;
  /** Android: a screen lock (PIN, pattern, password) is set; 'unknown' where adb cannot read it. */
  screenLock?: boolean | 'unknown';
  /** iOS: Activation Lock / Find My is on. */
  activationLock?: boolean | 'unknown';
  /** iOS: supervised, and by which organisation (null when not supervised). */
  supervisedBy?: string | null;
  /** iOS: a passcode is set. */
  passcodeSet?: boolean;
  /** Anything the device could not answer, with why, e.g. { screenLock: 'locksettings needs Android 8' }. */
  unknownReasons?: Record<string, string>;
}

export const WIPE_METHODS = [
  'android-testharness', // `cmd testharness enable`: wipes and comes back with adb authorised (Android 10+, userdebug or test-harness-capable builds)
  'android-device-owner', // a broadcast or intent the depot's device-owner app handles by wiping (configured per depot)
  'android-recovery', // guided: the console tells the technician the key presses and waits
  'ios-erase-device', // MCInstall EraseDevice
] as const;
export type WipeMethod = (typeof WIPE_METHODS)[number];

export interface WipeSupport {
  method: WipeMethod;
  supported: boolean;
  /** Why not, in words for the technician (e.g. "this build has no test harness mode"). */
  reason?: string;
  /** For guided methods: the steps the technician follows. */
  instructions?: string[];
}

/** What a device says about itself after coming back from a wipe. */
export interface ReadbackFacts {
  /** The identity the device reports now (serial, IMEI, UDID), to catch a different device coming back. */
  serial: string;
  imeis: string[];
  udid: string | null;
  /**
   * Android: setup wizard not completed; iOS: in Setup Assistant (not activated). A test-harness
   * wipe skips the setup wizard itself (TestHarnessModeService marks the phone provisioned), so
   * there it is true when `testHarnessMode` is: fresh from that wipe.
   */
  inSetup: boolean;
  /** Android: the phone is in Test Harness Mode (persist.sys.test_harness=1, set only by that wipe). */
  testHarnessMode?: boolean;
  accounts: { type: string; name: string }[];
  /** Android: only the factory package set is installed (no user-installed apps). */
  onlyFactoryPackages: boolean;
  /** Files found in user storage (/sdcard/DCIM, Download, …; iOS: AFC Media); 0 after a good wipe. */
  userFiles: number;
  /** iOS: configuration profiles still installed. */
  profiles?: number;
}

export interface Diagnostics {
  batteryLevel: number | null;
  /** Percent of design capacity where the device exposes it. */
  batteryHealth: number | null;
  /** Battery cycle count where exposed (iOS diagnostics, some Android builds); null otherwise. */
  batteryCycles: number | null;
  storageTotalBytes: number | null;
  storageFreeBytes: number | null;
  osVersion: string;
}

export interface RepairDevice {
  readonly platform: Platform;
  /** The device's serial as the asset registry knows it (Android ro.serialno, iOS SerialNumber). */
  readonly serial: string;
  blockers(): Promise<BlockerFacts>;
  diagnostics(): Promise<Diagnostics>;
  wipeSupport(): Promise<WipeSupport[]>;
  /**
   * Starts the wipe; resolves once the device has accepted it (it then drops off the bus).
   * Throws DeviceGoneError / DeviceCommandError (native/device-errors.ts) with the device's message.
   */
  startWipe(method: WipeMethod): Promise<void>;
  /** Reads the device after it came back; only possible where it comes back on USB with access. */
  readback(): Promise<ReadbackFacts>;
}

/** How the repair flow finds the device for a serial on the bench (undefined: not plugged in / not ready). */
export interface RepairDevices {
  get(serial: string): RepairDevice | undefined;
  /** Resolves when a device with this serial (or, iOS, UDID) is back and ready, or after timeoutMs with undefined. */
  waitForReturn(serial: string, timeoutMs: number, signal?: AbortSignal): Promise<RepairDevice | undefined>;
  /**
   * True when the device a wipe was sent to has already left and come back: what is ready under
   * this serial (or in the slot it left) is a new appearance of it (a new adb transport, a new
   * usbmuxd attach), or it was seen away since. A phone that reboots faster than the bench polls
   * never looks gone; without this the flow would wait the whole grace time for it to leave.
   */
  hasReturned?(serial: string): boolean;
}

import type { Battery } from './parsers/dumpsys-battery.ts';
import type { DeviceAccount } from './parsers/dumpsys-account.ts';
import type { DeviceOwner } from './parsers/dumpsys-device-policy.ts';
import type { DiskUsage } from './parsers/df.ts';
import type { InstalledPackage } from './parsers/dumpsys-package.ts';

/** What a phone's properties (getprop) say about it: read whenever any of its identity is. */
export interface DeviceProperties {
  /** The phone's own serial (ro.serialno): what the box label and the asset record carry. */
  serial: string;
  /** Undefined with the reason in imeiUnknownReason: Android 10+ shows IMEIs to privileged apps only. */
  imei: string | undefined;
  imeiUnknownReason: string | undefined;
  manufacturer: string;
  model: string;
  androidRelease: string;
  sdk: number;
  securityPatch: string;
  bootCompleted: boolean;
}

export interface AndroidIdentity extends DeviceProperties {
  setupComplete: boolean;
  battery: Battery;
  storage: DiskUsage;
  accounts: DeviceAccount[];
  deviceOwner: DeviceOwner | undefined;
}

/** The parts of an identity beyond the properties, each its own command on the phone. */
export type IdentityPart = 'battery' | 'accounts' | 'deviceOwner' | 'storage' | 'setupComplete';

/**
 * The properties and the parts that were asked for; a part not asked for is undefined (so
 * a device with no owner has `deviceOwner: null` here, not undefined).
 */
export type PartialIdentity = DeviceProperties &
  Partial<Omit<Pick<AndroidIdentity, IdentityPart>, 'deviceOwner'>> & { deviceOwner?: DeviceOwner | null };

export type SettingsNamespace = 'global' | 'secure' | 'system';

export interface SettingKey {
  namespace: SettingsNamespace;
  key: string;
}

/** What one round trip reads (see AndroidDeviceDriver.read). */
export interface DeviceReads {
  /** The identity's properties and these parts of it; omitted, no identity is read. */
  identity?: readonly IdentityPart[];
  /** `dumpsys package` of each, in this order. */
  packages?: readonly string[];
  /** These packages' installed version codes, from one package list. */
  versions?: readonly string[];
  settings?: readonly SettingKey[];
}

export interface DeviceReading {
  identity: PartialIdentity | undefined;
  packages: (InstalledPackage | undefined)[];
  /** In the order asked; undefined for a package that is not installed. */
  versions: (number | undefined)[];
  settings: (string | undefined)[];
}

export { DeviceCommandError, DeviceGoneError, DeviceUnreadableError } from '../device-errors.ts';

/**
 * Everything staging asks of one Android device. The adb implementation lives beside this
 * file; tests of the engine use an in-memory one. Every method may throw DeviceGoneError.
 */
export interface AndroidDeviceDriver {
  readonly serial: string;
  identity(): Promise<AndroidIdentity>;
  /** Any mix of identity, packages, versions and settings in one round trip. */
  read(reads: DeviceReads): Promise<DeviceReading>;
  packageInfo(packageName: string): Promise<InstalledPackage | undefined>;
  /** packageInfo for several packages in one round trip, in the order asked. */
  packageInfos(packageNames: string[]): Promise<(InstalledPackage | undefined)[]>;
  /** The installed version code, or undefined when the package is not installed. */
  installedVersion(packageName: string): Promise<number | undefined>;
  /**
   * Installs the APK. After stageInstall(apkPath) it commits the session uploaded ahead
   * (waiting for the upload while it runs); when that upload failed, it streams afresh.
   */
  install(apkPath: string): Promise<void>;
  /**
   * Streams the APK into an install session ahead of its install (which may run meanwhile other
   * calls do); resolves once the phone holds it all. A second call for the same path returns
   * the same promise. A rejection is no install's failure: the install streams afresh.
   */
  stageInstall(apkPath: string): Promise<void>;
  /** Whether stageInstall was called for the path and no install has taken its session yet. */
  hasStaged(apkPath: string): boolean;
  /** Abandons sessions stageInstall opened that no install committed (best effort; never throws). */
  discardStaged(): Promise<void>;
  /**
   * Installs, then reads `packageName` as the device shows it afterwards in the same round
   * trip where the device allows (the read runs on the phone once the install has finished).
   */
  installAndRead(apkPath: string, packageName: string): Promise<InstalledPackage | undefined>;
  /** Uninstalls; returns what the device shows of the package afterwards (read in the same round trip). */
  uninstall(packageName: string): Promise<InstalledPackage | undefined>;
  /** Grants or revokes; returns the package as the device shows it afterwards (read in the same round trip). */
  setPermission(
    packageName: string,
    permission: string,
    grant: boolean,
  ): Promise<InstalledPackage | undefined>;
  getSetting(namespace: SettingsNamespace, key: string): Promise<string | undefined>;
  /** getSetting for several settings in one round trip, in the order asked. */
  getSettings(keys: SettingKey[]): Promise<(string | undefined)[]>;
  /** Writes a setting and returns what the device shows for it afterwards (read in the same round trip). */
  putSetting(namespace: SettingsNamespace, key: string, value: string): Promise<string | undefined>;
  setDeviceOwner(component: string): Promise<void>;
  fileSize(devicePath: string): Promise<number | undefined>;
  push(localPath: string, devicePath: string): Promise<void>;
  startActivity(component: string, action: string | undefined, extras: Record<string, string>): Promise<void>;
  reboot(): Promise<void>;
  waitForBoot(timeoutMs: number): Promise<void>;
  shell(command: string): Promise<{ stdout: string; stderr: string; exitCode: number }>;
  /** Makes the phone show where it is: wakes the screen and posts a notification with `message`. */
  locate(message: string): Promise<void>;
}

import type { Battery } from './parsers/dumpsys-battery.ts';
import type { DeviceAccount } from './parsers/dumpsys-account.ts';
import type { DeviceOwner } from './parsers/dumpsys-device-policy.ts';
import type { DiskUsage } from './parsers/df.ts';
import type { InstalledPackage } from './parsers/dumpsys-package.ts';

export interface AndroidIdentity {
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
  setupComplete: boolean;
  battery: Battery;
  storage: DiskUsage;
  accounts: DeviceAccount[];
  deviceOwner: DeviceOwner | undefined;
}

export type SettingsNamespace = 'global' | 'secure' | 'system';

export interface SettingKey {
  namespace: SettingsNamespace;
  key: string;
}

export { DeviceCommandError, DeviceGoneError, DeviceUnreadableError } from '../device-errors.ts';

/**
 * Everything staging asks of one Android device. The adb implementation lives beside this
 * file; tests of the engine use an in-memory one. Every method may throw DeviceGoneError.
 */
export interface AndroidDeviceDriver {
  readonly serial: string;
  identity(): Promise<AndroidIdentity>;
  packageInfo(packageName: string): Promise<InstalledPackage | undefined>;
  /** packageInfo for several packages in one round trip, in the order asked. */
  packageInfos(packageNames: string[]): Promise<(InstalledPackage | undefined)[]>;
  install(apkPath: string): Promise<void>;
  uninstall(packageName: string): Promise<void>;
  setPermission(packageName: string, permission: string, grant: boolean): Promise<void>;
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

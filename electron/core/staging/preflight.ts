import {
  DeviceUnreadableError,
  type IdentityPart,
  type PartialIdentity,
} from '../../../native/adb/android-driver.ts';
import type { AndroidPreflight } from '../../common/profile/profile-schema.ts';

const MiB = 1024 * 1024;

/**
 * The parts of the identity these rules look at (the properties, which give the Android
 * version, are always read). A rule that is off needs nothing read: each part is a command,
 * and most are system-server calls, on every phone of a batch.
 */
export function preflightParts(rules: AndroidPreflight): IdentityPart[] {
  const parts: IdentityPart[] = [];
  if (rules.minBatteryPercent > 0) parts.push('battery');
  if (rules.requireNoAccounts) parts.push('accounts');
  if (rules.requireNoDeviceOwner) parts.push('deviceOwner');
  if (rules.setupWizard !== 'any') parts.push('setupComplete');
  if (rules.requireFreeStorageForPayload) parts.push('storage');
  return parts;
}

/**
 * Every reason this device may not be staged with this profile, each telling the technician
 * what to do. All rules are evaluated (not just the first that fails), before any change.
 */
export function preflightReasons(
  rules: AndroidPreflight,
  device: PartialIdentity,
  payloadBytes: number,
): string[] {
  // A part these rules need but nobody read would pass its rule unnoticed.
  const missing = preflightParts(rules).filter((part) => device[part] === undefined);
  if (missing.length > 0)
    throw new DeviceUnreadableError(`the device's ${missing.join(', ')} were not read before preflight`);
  const { battery, accounts = [], deviceOwner, setupComplete, storage } = device;
  const reasons: string[] = [];
  if (battery && battery.levelPercent < rules.minBatteryPercent) {
    reasons.push(
      `Battery at ${battery.levelPercent} %; the profile needs ${rules.minBatteryPercent} %. Charge it, then retry.`,
    );
  }
  const release = Number.parseInt(device.androidRelease, 10);
  const { min, max } = rules.androidVersion;
  if (min !== undefined && !(release >= min))
    reasons.push(
      `Android ${device.androidRelease} is older than the profile's minimum, Android ${min}. Update it first.`,
    );
  if (max !== undefined && !(release <= max))
    reasons.push(`Android ${device.androidRelease} is newer than the profile's maximum, Android ${max}.`);
  if (rules.requireNoAccounts && accounts.length > 0) {
    const list = accounts.map((account) => `${account.name} (${account.type})`).join(', ');
    const frp = accounts.some((account) => account.type === 'com.google')
      ? ' A Google account also means Factory Reset Protection.'
      : '';
    reasons.push(`Accounts on the device: ${list}. Remove them in Settings › Accounts.${frp}`);
  }
  if (rules.requireNoDeviceOwner && deviceOwner) {
    reasons.push(
      `Already managed: ${deviceOwner.packageName} is the device owner. Release it from its MDM, or wipe the device.`,
    );
  }
  if (rules.setupWizard === 'incomplete' && setupComplete) {
    reasons.push(
      'Setup has been completed on this device; the profile needs a device still in the setup wizard. Factory-reset it first.',
    );
  }
  if (rules.setupWizard === 'complete' && setupComplete === false) {
    reasons.push('The device is still in the setup wizard; the profile needs setup completed.');
  }
  // An install briefly needs the APK twice (the staged copy and the installed one).
  const needed = payloadBytes * 2;
  if (rules.requireFreeStorageForPayload && storage && storage.freeBytes < needed) {
    reasons.push(
      `Only ${Math.floor(storage.freeBytes / MiB)} MiB free; the profile's payload needs ${Math.ceil(needed / MiB)} MiB. Free up space or wipe it.`,
    );
  }
  return reasons;
}

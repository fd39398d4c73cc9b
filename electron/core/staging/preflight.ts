import type { AndroidIdentity } from '../../../native/adb/android-driver.ts';
import type { AndroidPreflight } from '../../common/profile/profile-schema.ts';

const MiB = 1024 * 1024;

/**
 * Every reason this device may not be staged with this profile, each telling the technician
 * what to do. All rules are evaluated (not just the first that fails), before any change.
 */
export function preflightReasons(
  rules: AndroidPreflight,
  device: AndroidIdentity,
  payloadBytes: number,
): string[] {
  const reasons: string[] = [];
  if (device.battery.levelPercent < rules.minBatteryPercent) {
    reasons.push(
      `Battery at ${device.battery.levelPercent} %; the profile needs ${rules.minBatteryPercent} %. Charge it, then retry.`,
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
  if (rules.requireNoAccounts && device.accounts.length > 0) {
    const list = device.accounts.map((account) => `${account.name} (${account.type})`).join(', ');
    const frp = device.accounts.some((account) => account.type === 'com.google')
      ? ' A Google account also means Factory Reset Protection.'
      : '';
    reasons.push(`Accounts on the device: ${list}. Remove them in Settings › Accounts.${frp}`);
  }
  if (rules.requireNoDeviceOwner && device.deviceOwner) {
    reasons.push(
      `Already managed: ${device.deviceOwner.packageName} is the device owner. Release it from its MDM, or wipe the device.`,
    );
  }
  if (rules.setupWizard === 'incomplete' && device.setupComplete) {
    reasons.push(
      'Setup has been completed on this device; the profile needs a device still in the setup wizard. Factory-reset it first.',
    );
  }
  if (rules.setupWizard === 'complete' && !device.setupComplete) {
    reasons.push('The device is still in the setup wizard; the profile needs setup completed.');
  }
  // An install briefly needs the APK twice (the staged copy and the installed one).
  const needed = payloadBytes * 2;
  if (rules.requireFreeStorageForPayload && device.storage.freeBytes < needed) {
    reasons.push(
      `Only ${Math.floor(device.storage.freeBytes / MiB)} MiB free; the profile's payload needs ${Math.ceil(needed / MiB)} MiB. Free up space or wipe it.`,
    );
  }
  return reasons;
}

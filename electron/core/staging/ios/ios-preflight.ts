import type { IosIdentity } from '../../../../native/ios/ios-driver.ts';
import type { IosPart } from '../../../common/profile/profile-schema.ts';

const MiB = 1024 * 1024;

/**
 * Every reason this iPhone or iPad may not be staged with this part of a profile, each telling
 * the technician what to do. All rules are evaluated, before any change is made.
 */
export function iosPreflightReasons(part: IosPart, device: IosIdentity, payloadBytes: number): string[] {
  const rules = part.preflight;
  const reasons: string[] = [];
  if (device.batteryPercent < rules.minBatteryPercent) {
    reasons.push(
      `Battery at ${device.batteryPercent} %; the profile needs ${rules.minBatteryPercent} %. Charge it, then retry.`,
    );
  }
  const major = Number.parseInt(device.iosVersion, 10);
  const { min, max } = rules.iosVersion;
  if (min !== undefined && !(major >= min))
    reasons.push(
      `iOS ${device.iosVersion} is older than the profile's minimum, iOS ${min}. Update it first.`,
    );
  if (max !== undefined && !(major <= max))
    reasons.push(`iOS ${device.iosVersion} is newer than the profile's maximum, iOS ${max}.`);
  if (rules.requireActivationLockOff && device.activationLock === 'on') {
    reasons.push(
      'Activation Lock is on (Find My): after an erase the device would ask for the previous owner’s Apple Account. Have the owner remove it from their account, or release it in Apple Business Manager.',
    );
  }
  const prepare = part.steps.find((step) => step.type === 'prepare');
  if ((prepare || rules.setupState === 'setupAssistant') && !device.inSetupAssistant) {
    reasons.push(
      prepare
        ? 'Already set up: supervision and enrolment can only be applied in Setup Assistant. Erase the device (this deletes its data), then stage it again.'
        : 'Already set up; the profile needs a device still in Setup Assistant. Erase it first.',
    );
  }
  if (
    prepare?.type === 'prepare' &&
    device.supervised &&
    device.organisation !== undefined &&
    device.organisation !== prepare.organisation.name
  ) {
    reasons.push(
      `Supervised by another organisation (${device.organisation}). It must be released and erased by them first.`,
    );
  }
  if (rules.setupState === 'setUp' && device.inSetupAssistant)
    reasons.push('The device is still in Setup Assistant; the profile needs a device that has been set up.');
  // An install briefly needs the app twice (the uploaded package and the installed app).
  const needed = payloadBytes * 2;
  if (rules.requireFreeStorageForPayload && device.freeBytes < needed) {
    reasons.push(
      `Only ${Math.floor(device.freeBytes / MiB)} MiB free; the profile's apps need ${Math.ceil(needed / MiB)} MiB. Free up space or erase it.`,
    );
  }
  return reasons;
}

import type { TFunction } from 'i18next';
import {
  partFor,
  platformsOf,
  type AndroidPart,
  type IosPart,
  type Platform,
  type StagingProfile,
} from '../../../electron/common/profile/profile-schema.ts';

/** One part of a profile with the platform it is for (so its steps and checks narrow together). */
export type PlatformPart = { platform: 'android'; part: AndroidPart } | { platform: 'ios'; part: IosPart };

/** The parts a profile has, Android first; v1 profiles read as one Android part. */
export function partsOf(profile: StagingProfile): PlatformPart[] {
  return platformsOf(profile).flatMap((platform): PlatformPart[] => {
    if (platform === 'android') {
      const part = partFor(profile, 'android');
      return part ? [{ platform, part }] : [];
    }
    const part = partFor(profile, 'ios');
    return part ? [{ platform, part }] : [];
  });
}

function versionFact(
  platform: Platform,
  { min, max }: { min?: number; max?: number },
  t: TFunction,
): string | undefined {
  if (min !== undefined && max !== undefined) return t(`profiles.preflight.${platform}Between`, { min, max });
  if (min !== undefined) return t(`profiles.preflight.${platform}Min`, { min });
  if (max !== undefined) return t(`profiles.preflight.${platform}Max`, { max });
  return undefined;
}

/** The checks every device of the part's platform must pass before anything changes on it. */
export function preflightFacts({ platform, part }: PlatformPart, t: TFunction): string[] {
  const facts =
    platform === 'android'
      ? [
          t('profiles.preflight.battery', { percent: part.preflight.minBatteryPercent }),
          versionFact(platform, part.preflight.androidVersion, t),
          part.preflight.requireNoAccounts ? t('profiles.preflight.noAccounts') : undefined,
          part.preflight.requireNoDeviceOwner ? t('profiles.preflight.noDeviceOwner') : undefined,
          part.preflight.setupWizard === 'any'
            ? undefined
            : t(`profiles.preflight.setup.${part.preflight.setupWizard}`),
          part.preflight.requireFreeStorageForPayload ? t('profiles.preflight.freeStorage') : undefined,
        ]
      : [
          t('profiles.preflight.battery', { percent: part.preflight.minBatteryPercent }),
          versionFact(platform, part.preflight.iosVersion, t),
          part.preflight.requireActivationLockOff ? t('profiles.preflight.activationLockOff') : undefined,
          part.preflight.setupState === 'any'
            ? undefined
            : t(`profiles.preflight.setupState.${part.preflight.setupState}`),
          part.preflight.requireFreeStorageForPayload ? t('profiles.preflight.freeStorageApps') : undefined,
        ];
  return facts.filter((fact) => fact !== undefined);
}

import { partFor, type Platform, type StagingProfile } from '../../common/profile/profile-schema.ts';
import { describeAndroidStep } from './android-plan.ts';
import { describeIosStep } from './ios/ios-steps.ts';

/** The steps a device of `platform` runs, as the bench and the job log name them. */
export function stepLabels(profile: StagingProfile, platform: Platform): { type: string; label: string }[] {
  if (platform === 'ios')
    return (partFor(profile, 'ios')?.steps ?? []).map((step) => ({
      type: step.type,
      label: describeIosStep(step),
    }));
  return (partFor(profile, 'android')?.steps ?? []).map((step) => ({
    type: step.type,
    label: describeAndroidStep(step),
  }));
}

import type { AndroidDeviceDriver } from '../../../../native/adb/android-driver.ts';
import type { ProfileStep, ProfileStepType } from '../../../common/profile/profile-schema.ts';
import type { TemplateValues } from '../../../common/profile/template.ts';

export interface StepContext {
  driver: AndroidDeviceDriver;
  /** The folder the profile's relative paths (APKs, files) are resolved in. */
  profileDir: string;
  /** Per-device values for `${…}` templates. */
  values: TemplateValues;
  /** Runs a large transfer when the device's hub has bandwidth for it, so no hub is saturated. */
  transfer: <T>(work: () => Promise<T>) => Promise<T>;
}

/**
 * How one kind of step is made true on a device. `check` reads whether the device already
 * is as the step wants it (so a step is never redone needlessly) and, after `apply`, is the
 * verification. A step with no way to read its effect back (a reboot, an enrolment intent)
 * has no `check`: its `apply` must itself confirm success, and the journal keeps it from
 * running twice once verified.
 */
export interface StepRunner<S extends ProfileStep = ProfileStep> {
  describe(step: S): string;
  check?(step: S, context: StepContext): Promise<boolean>;
  apply(step: S, context: StepContext): Promise<void>;
}

export type StepRunners = { [T in ProfileStepType]: StepRunner<Extract<ProfileStep, { type: T }>> };

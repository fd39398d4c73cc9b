import type { AndroidDeviceDriver } from '../../../../native/adb/android-driver.ts';
import type { AndroidStep, AndroidStepType } from '../../../common/profile/profile-schema.ts';
import type { TemplateValues } from '../../../common/profile/template.ts';
import type { CheckedStep } from '../device-plan.ts';

export interface StepContext {
  driver: AndroidDeviceDriver;
  /** The folder the profile's relative paths (APKs, files) are resolved in. */
  profileDir: string;
  /** Per-device values for `${…}` templates. */
  values: TemplateValues;
  /** Runs a large transfer when the device's hub has bandwidth for it, so no hub is saturated. */
  transfer: <T>(work: () => Promise<T>) => Promise<T>;
}

/** How one kind of Android step is made true on a device (see CheckedStep). */
export type StepRunner<S extends AndroidStep = AndroidStep> = CheckedStep<S, StepContext>;

export type StepRunners = { [T in AndroidStepType]: StepRunner<Extract<AndroidStep, { type: T }>> };

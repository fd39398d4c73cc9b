// What the job runner needs from a platform: how to reach the device, what it is, what blocks
// it, and how to make each step of its part of the profile true. The runner itself (journal,
// retries, waiting for a device that went away, cancel) is the same for Android and iOS.
import type { Platform } from '../../common/profile/profile-schema.ts';
import type { TemplateValues } from '../../common/profile/template.ts';
import { DeviceCommandError } from '../../../native/device-errors.ts';
import type { StepConcurrency } from './side-lane.ts';

/** What a device is, in the words the registry, templates and audit use. */
export interface DeviceFacts {
  platform: Platform;
  /** The device's own serial (box label, Settings › About). */
  serial: string;
  manufacturer: string;
  model: string;
  osVersion: string;
  imei?: string;
  /** iOS: the UDID and ECID, the platform identifiers the registry records. */
  udid?: string;
  ecid?: string;
}

export type StepOutcome = 'already-satisfied' | 'applied';

export interface DevicePlan {
  readonly stepCount: number;
  describe(index: number): string;
  /** Resolves once the device is there and readable (again, after a drop); see DeviceAccess. */
  connect(timeoutMs: number, signal: AbortSignal): Promise<void>;
  /** Reads the device after connecting: preflight, templates and the asset record use it. */
  readFacts(): Promise<DeviceFacts>;
  /** Every reason the device may not be staged, each saying what to do; [] when it may. */
  preflight(): string[];
  runStep(index: number, values: TemplateValues): Promise<StepOutcome>;
  /** Work worth starting while the device is reached (reading payload files ahead). */
  prepareAhead?(fromIndex: number): void;
  /**
   * Device work worth starting before its step (an app's upload while earlier steps run),
   * called once preflight has passed (or when a resumed job skips preflight): nothing may be
   * written to the device before. Its failures are its own: the step itself retries as usual.
   */
  startAhead?(fromIndex: number): void;
  /** The job is over (done, failed, blocked, cancelled): drop what startAhead left behind. */
  release?(): Promise<void>;
  /** How the step may share the phone with others (side-lane.ts); all steps in order without. */
  concurrency?(index: number): StepConcurrency;
}

/**
 * How one kind of step is made true. `check` reads whether the device already is as the step
 * wants it (so a step is never redone needlessly) and, after `apply`, is the verification. A
 * step with no way to read its effect back (a reboot, an enrolment intent) has no `check`: its
 * `apply` must itself confirm success, and the journal keeps it from running twice.
 */
export interface CheckedStep<S, C> {
  describe(step: S): string;
  check?(step: S, context: C): Promise<boolean>;
  apply(step: S, context: C): Promise<void>;
}

/** The step's label, or what its runner calls it. */
export function describeStep<S extends { label?: string | undefined }, C>(
  runner: CheckedStep<S, C>,
  step: S,
): string {
  return step.label ?? runner.describe(step);
}

export async function runChecked<S, C>(runner: CheckedStep<S, C>, step: S, context: C): Promise<StepOutcome> {
  if (runner.check && (await runner.check(step, context))) return 'already-satisfied';
  await runner.apply(step, context);
  if (runner.check && !(await runner.check(step, context))) {
    throw new DeviceCommandError('the device accepted the change but does not show it afterwards', {
      transient: true,
    });
  }
  return 'applied';
}

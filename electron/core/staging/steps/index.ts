import type { StepRunners } from './step-runner.ts';
import { packageSteps } from './package-steps.ts';
import { settingsSteps } from './settings-steps.ts';
import { managementSteps } from './management-steps.ts';
import { systemSteps } from './system-steps.ts';

/** Every step type's runner; the type makes a step without one a compile error. */
export const stepRunners: StepRunners = {
  ...packageSteps,
  ...settingsSteps,
  ...managementSteps,
  ...systemSteps,
};
export type { StepContext, StepRunner } from './step-runner.ts';

import { DeviceCommandError, DeviceGoneError, DeviceUnreadableError } from '../../../native/device-errors.ts';
import type { TemplateValues } from '../../common/profile/template.ts';
import type { StagingJournal } from './journal.ts';
import type { DeviceFacts, DevicePlan } from './device-plan.ts';
import { mainLaneNext, startSideLane, verifiedSteps } from './side-lane.ts';

export type { AndroidDeviceAccess as DeviceAccess } from './android-plan.ts';

export interface JobSettings {
  /** How long a job waits for a device that went away before it fails. */
  waitForDeviceMs: number;
  /** Attempts for a step that fails transiently (timeouts, a busy package manager). */
  maxAttempts: number;
  retryBaseMs: number;
}

export interface JobProgress {
  jobId: number;
  serial: string;
  state: ReturnType<StagingJournal['job']>['state'];
  stepIndex: number;
  stepCount: number;
  stepLabel: string | undefined;
  reasons: string[];
}

export interface RunJobInput {
  jobId: number;
  /** The device's part of the profile, and how to reach the device (Android or iOS). */
  plan: DevicePlan;
  values: (facts: DeviceFacts) => TemplateValues;
  /**
   * Runs in the same transaction that marks the job done (the asset record and its audit),
   * so a crash can never leave a done job without them, or them without a done job.
   */
  onDone: (facts: DeviceFacts) => void;
  signal: AbortSignal;
}

class Cancelled extends Error {}

/**
 * The abort reason when the core itself stops (quit, SIGTERM): unlike a technician's cancel,
 * the job stays unfinished in the journal, so the next start resumes it.
 */
export const SHUTDOWN = 'depotline-core-shutdown';

/** Runs one device's job from the first step the journal has not verified. */
export async function runJob(
  input: RunJobInput,
  journal: StagingJournal,
  settings: JobSettings,
  report: (progress: JobProgress) => void,
): Promise<void> {
  const { jobId, plan, signal } = input;
  const job = journal.job(jobId);
  const stepCount = plan.stepCount;
  // The job's state row is written only when it changes: "running" again for the next step
  // would be one more synchronous disk flush per step (≈ 2,000 at 64 phones) for nothing.
  let written = '';
  const progress = (state: JobProgress['state'], stepIndex: number, reasons: string[] = []) => {
    const row = `${state}\n${JSON.stringify(reasons)}`;
    if (row !== written) {
      journal.setState(jobId, state, reasons);
      written = row;
    }
    report({
      jobId,
      serial: job.serial,
      state,
      stepIndex,
      stepCount,
      stepLabel: stepIndex < stepCount ? plan.describe(stepIndex) : undefined,
      reasons,
    });
  };
  const throwIfCancelled = () => {
    if (signal.aborted) throw new Cancelled();
  };
  const connect = async (): Promise<void> => {
    try {
      await plan.connect(settings.waitForDeviceMs, signal);
    } catch (error) {
      throwIfCancelled();
      if (error instanceof DeviceUnreadableError) throw error; // its own reason says it all
      throw new DeviceCommandError(
        `the device did not come back within ${Math.round(settings.waitForDeviceMs / 1000)} s (${errorText(error)})`,
      );
    }
  };

  let stepIndex = firstUnverified(journal, jobId);
  try {
    throwIfCancelled();
    plan.prepareAhead?.(stepIndex);
    await connect();
    const facts = await plan.readFacts();
    // Preflight only before the first change: once staging began, the device is expected to
    // differ from a fresh one (it may now have a device owner that we set).
    if (stepIndex === 0 && journal.steps(jobId).every((step) => step.status === 'pending')) {
      progress('preflight', 0);
      const reasons = plan.preflight();
      if (reasons.length > 0) return progress('blocked', 0, reasons);
    }
    plan.startAhead?.(stepIndex);
    const side = startSideLane({
      plan,
      journal,
      jobId,
      runStep: (index) => plan.runStep(index, input.values(facts)),
      signal,
    });

    for (;;) {
      const next = mainLaneNext(verifiedSteps(journal, jobId), side, plan);
      if (next === 'wait') {
        await side.settled;
        continue;
      }
      stepIndex = next;
      if (stepIndex >= stepCount) break;
      throwIfCancelled();
      progress('running', stepIndex);
      let drops = 0;
      for (let attempt = 1; ; attempt += 1) {
        await journal.stepStarted(jobId, stepIndex);
        try {
          const outcome = await plan.runStep(stepIndex, input.values(facts));
          await journal.stepVerified(jobId, stepIndex, outcome);
          break;
        } catch (error) {
          if (error instanceof DeviceGoneError) {
            // A phone that is listed again at once but drops every reply would loop forever.
            drops += 1;
            if (drops > settings.maxAttempts + 2) {
              await journal.stepFailed(jobId, stepIndex, errorText(error));
              return progress('failed', stepIndex, [
                `${plan.describe(stepIndex)}: the connection keeps dropping (${drops} times): ${errorText(error)}`,
              ]);
            }
            progress('waiting_for_device', stepIndex, [error.message]);
            await connect();
            progress('running', stepIndex);
            await delay(settings.retryBaseMs * (0.5 + Math.random()), signal);
            continue;
          }
          const permanent = error instanceof DeviceCommandError && !error.transient;
          if (permanent || attempt >= settings.maxAttempts) {
            await journal.stepFailed(jobId, stepIndex, errorText(error));
            return progress('failed', stepIndex, [`${plan.describe(stepIndex)}: ${errorText(error)}`]);
          }
          await delay(settings.retryBaseMs * 2 ** (attempt - 1) * (0.5 + Math.random()), signal);
        }
      }
    }
    journal.atomically(() => {
      progress('done', stepCount);
      input.onDone(facts);
    });
  } catch (error) {
    if (signal.aborted && signal.reason === SHUTDOWN) return;
    if (error instanceof Cancelled || signal.aborted)
      return progress('cancelled', stepIndex, ['Cancelled by the technician.']);
    progress('failed', stepIndex, [errorText(error)]);
  } finally {
    await plan.release?.().catch(() => undefined);
  }
}

function firstUnverified(journal: StagingJournal, jobId: number): number {
  const steps = journal.steps(jobId);
  const index = steps.findIndex((step) => step.status !== 'verified');
  return index < 0 ? steps.length : index;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new Cancelled());
      },
      { once: true },
    );
  });
}

import { join } from 'node:path';
import {
  DeviceCommandError,
  DeviceGoneError,
  DeviceUnreadableError,
  type AndroidDeviceDriver,
  type AndroidIdentity,
} from '../../../native/adb/android-driver.ts';
import type { StagingProfile } from '../../common/profile/profile-schema.ts';
import type { TemplateValues } from '../../common/profile/template.ts';
import type { StagingJournal } from './journal.ts';
import { stepRunners, type StepContext, type StepRunner } from './steps/index.ts';
import { preflightReasons } from './preflight.ts';
import { readOnce } from './read-once.ts';
import { profileApkInfo } from './steps/apk-info-cache.ts';

export interface DeviceAccess {
  /**
   * A driver for the device once it is connected and authorised; rejects after `timeoutMs`,
   * or at once with DeviceUnreadableError for a device that is there but answers garbage.
   */
  waitForDevice(serial: string, timeoutMs: number, signal: AbortSignal): Promise<AndroidDeviceDriver>;
}

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
  profile: StagingProfile;
  profileDir: string;
  payloadBytes: number;
  values: (identity: AndroidIdentity) => TemplateValues;
  transfer: StepContext['transfer'];
  /**
   * Runs in the same transaction that marks the job done (the asset record and its audit),
   * so a crash can never leave a done job without them, or them without a done job.
   */
  onDone: (identity: AndroidIdentity) => void;
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
  devices: DeviceAccess,
  settings: JobSettings,
  report: (progress: JobProgress) => void,
): Promise<void> {
  const { jobId, profile, signal } = input;
  const job = journal.job(jobId);
  const stepCount = profile.steps.length;
  const progress = (state: JobProgress['state'], stepIndex: number, reasons: string[] = []) => {
    journal.setState(jobId, state, reasons);
    report({
      jobId,
      serial: job.serial,
      state,
      stepIndex,
      stepCount,
      stepLabel: labelOf(profile, stepIndex),
      reasons,
    });
  };
  const throwIfCancelled = () => {
    if (signal.aborted) throw new Cancelled();
  };
  const connect = async (): Promise<AndroidDeviceDriver> => {
    try {
      return readOnce(
        await devices.waitForDevice(job.serial, settings.waitForDeviceMs, signal),
        profile,
        input.profileDir,
      );
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
    void readApksAhead(profile.steps.slice(stepIndex), input.profileDir);
    let driver = await connect();
    const identity = await driver.identity();
    // Preflight only before the first change: once staging began, the device is expected to
    // differ from a fresh one (it may now have a device owner that we set).
    if (stepIndex === 0 && journal.steps(jobId).every((step) => step.status === 'pending')) {
      progress('preflight', 0);
      const reasons = preflightReasons(profile.preflight, identity, input.payloadBytes);
      if (reasons.length > 0) return progress('blocked', 0, reasons);
    }
    const context = (): StepContext => ({
      driver,
      profileDir: input.profileDir,
      values: input.values(identity),
      transfer: input.transfer,
    });

    for (; stepIndex < stepCount; stepIndex = firstUnverified(journal, jobId)) {
      throwIfCancelled();
      progress('running', stepIndex);
      const step = profile.steps[stepIndex]!;
      const runner = stepRunners[step.type] as StepRunner;
      let drops = 0;
      for (let attempt = 1; ; attempt += 1) {
        journal.stepStarted(jobId, stepIndex);
        try {
          const outcome = await runStep(runner, step, context());
          journal.stepVerified(jobId, stepIndex, outcome);
          break;
        } catch (error) {
          if (error instanceof DeviceGoneError) {
            // A phone that is listed again at once but drops every reply would loop forever.
            drops += 1;
            if (drops > settings.maxAttempts + 2) {
              journal.stepFailed(jobId, stepIndex, errorText(error));
              return progress('failed', stepIndex, [
                `${runner.describe(step)}: the connection keeps dropping (${drops} times): ${errorText(error)}`,
              ]);
            }
            progress('waiting_for_device', stepIndex, [error.message]);
            driver = await connect();
            progress('running', stepIndex);
            await delay(settings.retryBaseMs * (0.5 + Math.random()), signal);
            continue;
          }
          const permanent = error instanceof DeviceCommandError && !error.transient;
          if (permanent || attempt >= settings.maxAttempts) {
            journal.stepFailed(jobId, stepIndex, errorText(error));
            return progress('failed', stepIndex, [`${runner.describe(step)}: ${errorText(error)}`]);
          }
          await delay(settings.retryBaseMs * 2 ** (attempt - 1) * (0.5 + Math.random()), signal);
        }
      }
    }
    journal.atomically(() => {
      progress('done', stepCount);
      input.onDone(identity);
    });
  } catch (error) {
    if (signal.aborted && signal.reason === SHUTDOWN) return;
    if (error instanceof Cancelled || signal.aborted)
      return progress('cancelled', stepIndex, ['Cancelled by the technician.']);
    progress('failed', stepIndex, [errorText(error)]);
  }
}

/**
 * Reads the APKs' manifests and signatures (once per batch, shared by its jobs) while the job
 * reaches the device, not between one install and the next. One at a time, in step order: each
 * read holds its whole file, and all at once raised a 64-phone batch's peak RSS.
 * A file that cannot be read fails its own step later, with its own message.
 */
async function readApksAhead(steps: StagingProfile['steps'], profileDir: string): Promise<void> {
  for (const step of steps) {
    if (step.type === 'install') await profileApkInfo(join(profileDir, step.apk)).catch(() => undefined);
  }
}

async function runStep(
  runner: StepRunner,
  step: StagingProfile['steps'][number],
  context: StepContext,
): Promise<'already-satisfied' | 'applied'> {
  if (runner.check && (await runner.check(step, context))) return 'already-satisfied';
  await runner.apply(step, context);
  if (runner.check && !(await runner.check(step, context))) {
    throw new DeviceCommandError('the device accepted the change but does not show it afterwards', {
      transient: true,
    });
  }
  return 'applied';
}

function firstUnverified(journal: StagingJournal, jobId: number): number {
  const steps = journal.steps(jobId);
  const index = steps.findIndex((step) => step.status !== 'verified');
  return index < 0 ? steps.length : index;
}

function labelOf(profile: StagingProfile, index: number): string | undefined {
  const step = profile.steps[index];
  return step ? (step.label ?? (stepRunners[step.type] as StepRunner).describe(step)) : undefined;
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

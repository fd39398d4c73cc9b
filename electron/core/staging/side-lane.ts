// Steps that touch nothing another step reads or needs (a setting) may run while the steps
// before them do: a phone applies a setting while it installs an app, as it serves any two
// shell sessions at once. The side lane takes such steps, in profile order, from where the
// job is up to the first step that must have the phone to itself (a reboot, a shell command,
// device owner, an enrolment, a pushed file), and runs them one at a time beside the main lane.
// Each is journalled like any step: marked before, verified after.
//
// It is an optimisation and nothing more: it stops quietly at its first error (or a cancel),
// and the main lane runs whatever it left unverified when it gets there, with all its retries,
// waiting for a device that went away, and failure reasons.
import type { StagingJournal } from './journal.ts';
import type { DevicePlan, StepOutcome } from './device-plan.ts';

/**
 * How a step may share the phone: `independent` steps may run in the side lane; `ordered` ones
 * run in order in the main lane while the side lane works; a `barrier` has the phone alone,
 * and no side-lane step is taken from beyond one.
 */
export type StepConcurrency = 'independent' | 'ordered' | 'barrier';

export interface SideLane {
  /** Whether the main lane must wait for the side lane before it looks at this step. */
  owns(index: number): boolean;
  /** Settles (never rejects) once the side lane has run or given up on all its steps. */
  readonly settled: Promise<void>;
}

/**
 * The steps the side lane takes: unverified independent ones before the first unverified
 * barrier (a resumed job may have verified some of them already; those are never run again).
 */
export function sideLaneSteps(plan: DevicePlan, verified: readonly boolean[]): number[] {
  const taken: number[] = [];
  if (!plan.concurrency) return taken;
  const from = verified.indexOf(false);
  if (from < 0) return taken;
  for (let index = from; index < plan.stepCount; index += 1) {
    if (verified[index]) continue;
    const kind = plan.concurrency(index);
    if (kind === 'barrier') break;
    if (kind === 'independent') taken.push(index);
  }
  // One independent step straight ahead gains nothing from a lane of its own.
  return taken.length === 1 && taken[0] === from ? [] : taken;
}

export function startSideLane(input: {
  plan: DevicePlan;
  journal: StagingJournal;
  jobId: number;
  runStep: (index: number) => Promise<StepOutcome>;
  signal: AbortSignal;
}): SideLane {
  const steps = sideLaneSteps(input.plan, verifiedSteps(input.journal, input.jobId));
  let running = steps.length > 0;
  const settled = (async () => {
    try {
      for (const index of steps) {
        if (input.signal.aborted) return;
        await input.journal.stepStarted(input.jobId, index);
        const outcome = await input.runStep(index);
        await input.journal.stepVerified(input.jobId, index, outcome);
      }
    } catch {
      // Left to the main lane (see above).
    } finally {
      running = false;
    }
  })();
  const owned = new Set(steps);
  return { owns: (index) => running && owned.has(index), settled };
}

/** Which of the job's steps the journal holds verified, by index. */
export function verifiedSteps(journal: StagingJournal, jobId: number): boolean[] {
  return journal.steps(jobId).map((step) => step.status === 'verified');
}

/**
 * The main lane's next step: the first unverified one the side lane does not hold — past the
 * side lane's steps only to an `ordered` step — or 'wait' (for `settled`) when there is none
 * yet; the step count once every step is verified.
 */
export function mainLaneNext(
  verified: readonly boolean[],
  side: SideLane,
  plan: DevicePlan,
): number | 'wait' {
  let heldBefore = false;
  for (let index = 0; index < verified.length; index += 1) {
    if (verified[index]) continue;
    if (side.owns(index)) {
      heldBefore = true;
      continue;
    }
    if (heldBefore && plan.concurrency?.(index) !== 'ordered') return 'wait';
    return index;
  }
  return heldBefore ? 'wait' : verified.length;
}

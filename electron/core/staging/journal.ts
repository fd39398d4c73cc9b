import type { Db } from '../store/db.ts';
import type { Platform } from '../../common/profile/profile-schema.ts';
import {
  FINISHED_JOB_STATES,
  stagingQueries,
  type BatchRow,
  type JobRow,
  type JobState,
  type JobStepRow,
} from '../store/staging-queries.ts';

/**
 * The staging journal: what each job has done, written before and after every step. It is
 * the only memory the engine trusts after a crash: a step is done when, and only when, the
 * journal says `verified`.
 */
export class StagingJournal {
  readonly #db: Db;
  readonly #q: ReturnType<typeof stagingQueries>;
  readonly #now: () => string;

  constructor(db: Db, now: () => Date = () => new Date()) {
    this.#db = db;
    this.#q = stagingQueries(db);
    this.#now = () => now().toISOString();
  }

  /** A batch and its jobs appear together or not at all. */
  createBatch(
    profileRow: number,
    devices: { serial: string; platform: Platform; stepCount: number }[],
    who: { technician: string; station: string },
  ): { batchId: number; jobIds: number[] } {
    return this.#db
      .transaction(() => {
        const at = this.#now();
        const batchId = Number(
          this.#q.insertBatch.run({
            profile_row: profileRow,
            technician: who.technician,
            station: who.station,
            created_at: at,
          }).lastInsertRowid,
        );
        const jobIds = devices.map(({ serial, platform, stepCount }) => {
          const jobId = Number(
            this.#q.insertJob.run({ batch_id: batchId, serial, platform, at }).lastInsertRowid,
          );
          for (let index = 0; index < stepCount; index += 1)
            this.#q.insertStep.run({ job_id: jobId, step_index: index });
          return jobId;
        });
        return { batchId, jobIds };
      })
      .immediate();
  }

  /** Runs `work` in one transaction with the journal writes it makes. */
  atomically(work: () => void): void {
    this.#db.transaction(work).immediate();
  }

  job(jobId: number): JobRow {
    const row = this.#q.job.get(jobId);
    if (!row) throw new Error(`no staging job ${jobId}`);
    return row;
  }

  batch(batchId: number): BatchRow {
    const row = this.#q.batch.get(batchId);
    if (!row) throw new Error(`no staging batch ${batchId}`);
    return row;
  }

  jobsOfBatch(batchId: number): JobRow[] {
    return this.#q.jobsOfBatch.all(batchId);
  }

  latestJobPerSerial(): JobRow[] {
    return this.#q.latestJobPerSerial.all();
  }

  unfinishedJobs(): JobRow[] {
    return this.#q.unfinishedJobs.all();
  }

  steps(jobId: number): JobStepRow[] {
    return this.#q.steps.all(jobId);
  }

  setState(jobId: number, state: JobState, reasons: string[] = []): void {
    const at = this.#now();
    this.#q.setJobState.run({
      id: jobId,
      state,
      reasons: JSON.stringify(reasons),
      at,
      finished_at: FINISHED_JOB_STATES.includes(state) ? at : null,
    });
  }

  stepStarted(jobId: number, stepIndex: number): void {
    this.#q.markApplying.run({ job_id: jobId, step_index: stepIndex, at: this.#now() });
  }

  stepVerified(jobId: number, stepIndex: number, outcome: 'already-satisfied' | 'applied'): void {
    this.#q.markFinished.run({
      job_id: jobId,
      step_index: stepIndex,
      status: 'verified',
      outcome,
      message: null,
      at: this.#now(),
    });
  }

  stepFailed(jobId: number, stepIndex: number, message: string): void {
    this.#q.markFinished.run({
      job_id: jobId,
      step_index: stepIndex,
      status: 'failed',
      outcome: null,
      message,
      at: this.#now(),
    });
  }
}

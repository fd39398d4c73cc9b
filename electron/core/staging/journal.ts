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

/** A step mark waiting for the next group commit, and the job waiting on it. */
interface QueuedWrite {
  write: () => void;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * The staging journal: what each job has done, written before and after every step. It is
 * the only memory the engine trusts after a crash: a step is done when, and only when, the
 * journal says `verified`.
 *
 * Step marks are group-committed: every mark made in one turn of the event loop, by however
 * many jobs, goes to disk in one transaction (one synchronous flush instead of one each), and
 * each job waits for that flush before it goes on. So a mark is as durable as before when
 * the job acts on it, but 64 phones finishing steps together cost one flush, not 64, each of
 * which would stall every other job's event loop for milliseconds.
 */
export class StagingJournal {
  readonly #db: Db;
  readonly #q: ReturnType<typeof stagingQueries>;
  readonly #now: () => string;
  #queued: QueuedWrite[] = [];

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

  /** Resolves once the mark is on disk (see the group commit above). */
  stepStarted(jobId: number, stepIndex: number): Promise<void> {
    const at = this.#now();
    return this.#groupCommit(() => this.#q.markApplying.run({ job_id: jobId, step_index: stepIndex, at }));
  }

  stepVerified(jobId: number, stepIndex: number, outcome: 'already-satisfied' | 'applied'): Promise<void> {
    const at = this.#now();
    return this.#groupCommit(() =>
      this.#q.markFinished.run({
        job_id: jobId,
        step_index: stepIndex,
        status: 'verified',
        outcome,
        message: null,
        at,
      }),
    );
  }

  stepFailed(jobId: number, stepIndex: number, message: string): Promise<void> {
    const at = this.#now();
    return this.#groupCommit(() =>
      this.#q.markFinished.run({
        job_id: jobId,
        step_index: stepIndex,
        status: 'failed',
        outcome: null,
        message,
        at,
      }),
    );
  }

  #groupCommit(write: () => void): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.#queued.length === 0) setImmediate(() => this.#flush());
      this.#queued.push({ write, resolve, reject });
    });
  }

  /** One transaction for every queued mark; a failure (a full disk) fails every job in it. */
  #flush(): void {
    const queued = this.#queued;
    this.#queued = [];
    try {
      this.#db
        .transaction(() => {
          for (const { write } of queued) write();
        })
        .immediate();
    } catch (error) {
      for (const { reject } of queued) reject(error);
      return;
    }
    for (const { resolve } of queued) resolve();
  }
}

import type { Db } from './db.ts';

export type JobState =
  'queued' | 'preflight' | 'running' | 'waiting_for_device' | 'done' | 'failed' | 'blocked' | 'cancelled';
export type StepStatus = 'pending' | 'applying' | 'verified' | 'failed';
export const FINISHED_JOB_STATES: readonly JobState[] = ['done', 'failed', 'blocked', 'cancelled'];

export interface JobRow {
  id: number;
  batch_id: number;
  serial: string;
  /** Which part of the profile the job runs. */
  platform: 'android' | 'ios';
  state: JobState;
  reasons: string;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface BatchRow {
  id: number;
  profile_row: number;
  technician: string;
  station: string;
  created_at: string;
  cancelled_at: string | null;
}

export interface JobStepRow {
  job_id: number;
  step_index: number;
  status: StepStatus;
  attempts: number;
  outcome: string | null;
  message: string | null;
  started_at: string | null;
  finished_at: string | null;
}

/** The staging journal's statements. Step marks are group-committed by StagingJournal (synchronous=FULL). */
export function stagingQueries(db: Db) {
  return {
    insertBatch: db.prepare<{ profile_row: number; technician: string; station: string; created_at: string }>(
      'INSERT INTO batches (profile_row, technician, station, created_at) VALUES (@profile_row, @technician, @station, @created_at)',
    ),
    insertJob: db.prepare<{ batch_id: number; serial: string; platform: string; at: string }>(
      "INSERT INTO jobs (batch_id, serial, platform, state, created_at, updated_at) VALUES (@batch_id, @serial, @platform, 'queued', @at, @at)",
    ),
    insertStep: db.prepare<{ job_id: number; step_index: number }>(
      "INSERT INTO job_steps (job_id, step_index, status) VALUES (@job_id, @step_index, 'pending')",
    ),
    job: db.prepare<[number], JobRow>('SELECT * FROM jobs WHERE id = ?'),
    batch: db.prepare<[number], BatchRow>('SELECT * FROM batches WHERE id = ?'),
    jobsOfBatch: db.prepare<[number], JobRow>('SELECT * FROM jobs WHERE batch_id = ? ORDER BY id'),
    latestJobPerSerial: db.prepare<[], JobRow>(
      'SELECT * FROM jobs WHERE id IN (SELECT max(id) FROM jobs GROUP BY serial) ORDER BY id',
    ),
    unfinishedJobs: db.prepare<[], JobRow>('SELECT * FROM jobs WHERE finished_at IS NULL ORDER BY id'),
    steps: db.prepare<[number], JobStepRow>('SELECT * FROM job_steps WHERE job_id = ? ORDER BY step_index'),
    setJobState: db.prepare<{
      id: number;
      state: JobState;
      reasons: string;
      at: string;
      finished_at: string | null;
    }>(
      'UPDATE jobs SET state = @state, reasons = @reasons, updated_at = @at, finished_at = @finished_at WHERE id = @id',
    ),
    markApplying: db.prepare<{ job_id: number; step_index: number; at: string }>(
      `UPDATE job_steps SET status = 'applying', attempts = attempts + 1, started_at = @at, message = NULL
       WHERE job_id = @job_id AND step_index = @step_index`,
    ),
    markFinished: db.prepare<{
      job_id: number;
      step_index: number;
      status: StepStatus;
      outcome: string | null;
      message: string | null;
      at: string;
    }>(
      `UPDATE job_steps SET status = @status, outcome = @outcome, message = @message, finished_at = @at
       WHERE job_id = @job_id AND step_index = @step_index`,
    ),
  };
}

import type { JobView } from '../../common/models/staging.ts';
import type { z } from 'zod';
import type { JobStepViewSchema } from '../../common/models/staging.ts';
import type { JobRow } from '../store/staging-queries.ts';
import type { StagingJournal } from './journal.ts';
import type { ProfileStore } from './profile-store.ts';
import { stepLabels } from './step-labels.ts';

/** Builds what the bench shows of jobs from the journal (the one source of truth). */
export class JobViews {
  readonly #journal: StagingJournal;
  readonly #profiles: ProfileStore;

  constructor(journal: StagingJournal, profiles: ProfileStore) {
    this.#journal = journal;
    this.#profiles = profiles;
  }

  view(job: JobRow): JobView {
    const profile = this.#profiles.get(this.#journal.batch(job.batch_id).profile_row).profile;
    const steps = this.#journal.steps(job.id);
    const firstOpen = steps.findIndex((step) => step.status !== 'verified');
    const stepIndex = firstOpen < 0 ? steps.length : firstOpen;
    const step = stepLabels(profile, job.platform)[stepIndex];
    return {
      jobId: job.id,
      batchId: job.batch_id,
      serial: job.serial,
      state: job.state,
      stepIndex,
      stepCount: steps.length,
      ...(step ? { stepLabel: step.label } : {}),
      reasons: JSON.parse(job.reasons) as string[],
      profile: profile.id,
      profileVersion: profile.version,
      startedAt: job.created_at,
      ...(job.finished_at ? { finishedAt: job.finished_at } : {}),
    };
  }

  byId(jobId: number): JobView {
    return this.view(this.#journal.job(jobId));
  }

  latestPerDevice(): JobView[] {
    return this.#journal.latestJobPerSerial().map((job) => this.view(job));
  }

  ofBatch(batchId: number): JobView[] {
    return this.#journal.jobsOfBatch(batchId).map((job) => this.view(job));
  }

  log(jobId: number): z.infer<typeof JobStepViewSchema>[] {
    const job = this.#journal.job(jobId);
    const profile = this.#profiles.get(this.#journal.batch(job.batch_id).profile_row).profile;
    const labels = stepLabels(profile, job.platform);
    return this.#journal.steps(jobId).map((row) => {
      const step = labels[row.step_index]!;
      return {
        index: row.step_index,
        label: step.label,
        type: step.type,
        status: row.status,
        attempts: row.attempts,
        ...(row.outcome ? { outcome: row.outcome } : {}),
        ...(row.message ? { message: row.message } : {}),
        ...(row.started_at ? { startedAt: row.started_at } : {}),
        ...(row.finished_at ? { finishedAt: row.finished_at } : {}),
      };
    });
  }
}

import { z } from 'zod';

export const JOB_STATES = [
  'queued',
  'preflight',
  'running',
  'waiting_for_device',
  'done',
  'failed',
  'blocked',
  'cancelled',
] as const;
export const JobStateSchema = z.enum(JOB_STATES);

/** A device's job as the bench shows it: where it is, how far, and why it stopped. */
export const JobViewSchema = z.strictObject({
  jobId: z.number().int(),
  batchId: z.number().int(),
  serial: z.string(),
  state: JobStateSchema,
  stepIndex: z.number().int().nonnegative(),
  stepCount: z.number().int().nonnegative(),
  stepLabel: z.string().optional(),
  reasons: z.array(z.string()),
  profile: z.string(),
  profileVersion: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
});
export type JobView = z.infer<typeof JobViewSchema>;

export const JobStepViewSchema = z.strictObject({
  index: z.number().int(),
  label: z.string(),
  type: z.string(),
  status: z.enum(['pending', 'applying', 'verified', 'failed']),
  outcome: z.string().optional(),
  attempts: z.number().int(),
  message: z.string().optional(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
});

export const ProfileSummarySchema = z.strictObject({
  row: z.number().int(),
  id: z.string(),
  name: z.string(),
  version: z.number().int(),
  description: z.string(),
  /** The platforms the profile has a part for. */
  platforms: z.array(z.enum(['android', 'ios'])),
  /** Steps over all its parts. */
  stepCount: z.number().int(),
  /** True when the profile runs raw shell commands: the UI says so. */
  allowShell: z.boolean(),
  contentHash: z.string(),
  payloadBytes: z.number().int(),
  importedAt: z.string(),
});
export type ProfileSummary = z.infer<typeof ProfileSummarySchema>;

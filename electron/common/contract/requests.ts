import { z } from 'zod';
import { defineRequest, NoInput } from './define.ts';
import { AppInfoSchema } from '../models/app-info.ts';
import { SettingsPatchSchema, SettingsSchema } from '../models/settings.ts';
import { AuditEntrySchema, AuditVerificationSchema } from '../models/audit.ts';
import { assetRequests } from './requests/assets.ts';
import { peopleRequests } from './requests/people.ts';
import { importRequests } from './requests/imports.ts';
import { syncRequests } from './requests/sync.ts';
import { repairRequests } from './requests/repair.ts';
import { DeviceViewSchema } from '../models/device.ts';
import { JobStepViewSchema, JobViewSchema, ProfileSummarySchema } from '../models/staging.ts';
import { StagingProfileSchema } from '../profile/profile-schema.ts';

const JobIds = z.strictObject({ jobIds: z.array(z.number().int().positive()).min(1).max(1000) });

/**
 * Every request any front door can make, by name. The renderer's client, the preload API,
 * the station's HTTP/WebSocket routes and the core's handler table are all typed from
 * this one object; adding a request here is the only place its shape is written.
 */
export const requests = {
  'app.info': defineRequest(
    'Version, data directory, schema version and uptime of the core.',
    NoInput,
    AppInfoSchema,
  ),

  'settings.get': defineRequest('The station settings.', NoInput, SettingsSchema),
  'settings.set': defineRequest(
    'Change one or more settings; each change is audited.',
    SettingsPatchSchema,
    SettingsSchema,
  ),

  'audit.list': defineRequest(
    'Audit entries, newest first, optionally before a sequence number.',
    z.strictObject({
      beforeSeq: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(500).default(100),
      subject: z.string().max(200).optional(),
    }),
    z.strictObject({ entries: z.array(AuditEntrySchema), total: z.number().int().nonnegative() }),
  ),
  'audit.verify': defineRequest(
    'Recompute the hash chain and report the first broken link.',
    NoInput,
    AuditVerificationSchema,
  ),

  ...assetRequests,
  ...peopleRequests,
  ...importRequests,
  ...syncRequests,
  ...repairRequests,

  'devices.list': defineRequest(
    'Every device on the bench, by slot, with identity and state.',
    NoInput,
    z.array(DeviceViewSchema),
  ),
  'devices.locate': defineRequest(
    'Make a phone show which slot it is in (wakes its screen and posts a notification).',
    z.strictObject({ serial: z.string().min(1).max(200) }),
    z.strictObject({ slotName: z.string() }),
  ),
  'slots.rename': defineRequest(
    'Name a physical slot once, e.g. "Hub A / 3"; the name stays with the port.',
    z.strictObject({ slotKey: z.string().min(1).max(200), name: z.string().trim().min(1).max(60) }),
    z.strictObject({ slotKey: z.string(), name: z.string() }),
  ),

  'profiles.list': defineRequest(
    'Imported staging profiles, newest version of each.',
    NoInput,
    z.array(ProfileSummarySchema),
  ),
  'profiles.get': defineRequest(
    'One imported profile in full.',
    z.strictObject({ row: z.number().int().positive() }),
    z.strictObject({ summary: ProfileSummarySchema, profile: StagingProfileSchema }),
  ),
  'profiles.import': defineRequest(
    'Import a profile file (YAML or JSON) from this PC; its APKs and files must sit beside it.',
    z.strictObject({ path: z.string().min(1).max(4096) }),
    ProfileSummarySchema,
  ),

  'staging.start': defineRequest(
    'Stage these devices with a profile.',
    z.strictObject({
      profileRow: z.number().int().positive(),
      serials: z.array(z.string().min(1).max(200)).min(1).max(500),
    }),
    z.strictObject({ batchId: z.number().int(), jobIds: z.array(z.number().int()) }),
  ),
  'staging.cancel': defineRequest(
    'Cancel jobs (a running step finishes first).',
    JobIds,
    z.strictObject({ cancelled: z.number().int() }),
  ),
  'staging.retry': defineRequest(
    'Stage failed, blocked or cancelled devices again.',
    JobIds,
    z.strictObject({ jobIds: z.array(z.number().int()) }),
  ),
  'staging.jobs': defineRequest(
    'The latest job of each device (or of one batch).',
    z.strictObject({ batchId: z.number().int().positive().optional() }),
    z.array(JobViewSchema),
  ),
  'staging.log': defineRequest(
    'The step-by-step journal of one job.',
    z.strictObject({ jobId: z.number().int().positive() }),
    z.array(JobStepViewSchema),
  ),
};

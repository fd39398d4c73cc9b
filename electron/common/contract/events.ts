import { z } from 'zod';
import { SettingsSchema } from '../models/settings.ts';
import { AuditEntrySchema } from '../models/audit.ts';
import { DeviceViewSchema } from '../models/device.ts';
import { JobViewSchema } from '../models/staging.ts';
import { SyncOverviewSchema } from '../models/sync.ts';
import { BenchRowSchema } from '../models/repair.ts';

/** Every push event the core emits, by name; the core validates each payload before it leaves. */
export const events = {
  'settings.changed': SettingsSchema,
  'audit.appended': AuditEntrySchema,
  /** The whole bench, at most a few times a second however many devices change at once. */
  'devices.changed': z.array(DeviceViewSchema),
  /** Job changes since the last event, batched like devices.changed. */
  'staging.progress': z.array(JobViewSchema),
  /** Connector states and queue depths, at most a few times a second while a queue drains. */
  'sync.changed': SyncOverviewSchema,
  /** Repair bench rows that changed (a wipe job's phase, an intake, a grade), batched like staging.progress. */
  'repair.changed': z.array(BenchRowSchema),
  'core.health': z.strictObject({
    status: z.enum(['ok', 'degraded', 'stopping']),
    message: z.string().optional(),
  }),
};

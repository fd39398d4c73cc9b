import { z } from 'zod';
import { SettingsSchema } from '../models/settings.ts';
import { AuditEntrySchema } from '../models/audit.ts';

/** Every push event the core emits, by name; the core validates each payload before it leaves. */
export const events = {
  'settings.changed': SettingsSchema,
  'audit.appended': AuditEntrySchema,
  'core.health': z.strictObject({ status: z.enum(['ok', 'degraded', 'stopping']), message: z.string().optional() }),
};

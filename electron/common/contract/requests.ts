import { z } from 'zod';
import { defineRequest, NoInput } from './define.ts';
import { AppInfoSchema } from '../models/app-info.ts';
import { SettingsPatchSchema, SettingsSchema } from '../models/settings.ts';
import { AuditEntrySchema, AuditVerificationSchema } from '../models/audit.ts';
import { AssetSchema, AssetSortFieldSchema } from '../models/asset.ts';

const PageInput = {
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(500).default(50),
};

/**
 * Every request any front door can make, by name. The renderer's client, the preload API,
 * the station's HTTP/WebSocket routes and the core's handler table are all typed from
 * this one object; adding a request here is the only place its shape is written.
 */
export const requests = {
  'app.info': defineRequest('Version, data directory, schema version and uptime of the core.', NoInput, AppInfoSchema),

  'settings.get': defineRequest('The station settings.', NoInput, SettingsSchema),
  'settings.set': defineRequest('Change one or more settings; each change is audited.', SettingsPatchSchema, SettingsSchema),

  'audit.list': defineRequest(
    'Audit entries, newest first, optionally before a sequence number.',
    z.strictObject({
      beforeSeq: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(500).default(100),
      subject: z.string().max(200).optional(),
    }),
    z.strictObject({ entries: z.array(AuditEntrySchema), total: z.number().int().nonnegative() }),
  ),
  'audit.verify': defineRequest('Recompute the hash chain and report the first broken link.', NoInput, AuditVerificationSchema),

  'assets.list': defineRequest(
    'A page of assets, sorted.',
    z.strictObject({
      ...PageInput,
      sort: z
        .strictObject({ field: AssetSortFieldSchema, direction: z.enum(['asc', 'desc']).default('asc') })
        .default({ field: 'updatedAt', direction: 'desc' }),
    }),
    z.strictObject({
      items: z.array(AssetSchema),
      total: z.number().int().nonnegative(),
      page: z.number().int().min(1),
      pageSize: z.number().int().min(1),
    }),
  ),
  'assets.get': defineRequest('One asset by id.', z.strictObject({ id: z.number().int().positive() }), AssetSchema),
};

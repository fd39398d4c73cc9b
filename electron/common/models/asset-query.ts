import { z } from 'zod';
import { AssetSortFieldSchema, AssetStateSchema, IsoDateSchema } from './asset.ts';

/** The filters of the asset table; every list is "any of", lists together are "all of". */
export const AssetFilterSchema = z.strictObject({
  states: z.array(AssetStateSchema).max(20).default([]),
  models: z.array(z.string().max(200)).max(100).default([]),
  osVersions: z.array(z.string().max(50)).max(100).default([]),
  departments: z.array(z.string().max(200)).max(100).default([]),
  tags: z.array(z.string().max(50)).max(50).default([]),
  warrantyEndFrom: IsoDateSchema.optional(),
  warrantyEndTo: IsoDateSchema.optional(),
});
export type AssetFilter = z.output<typeof AssetFilterSchema>;

/**
 * What the asset table shows: one search box (tag, serial, IMEI — also its last digits as read
 * off a label —, model, person) plus filters and a sort.
 */
export const AssetQuerySchema = z.strictObject({
  search: z.string().trim().max(200).default(''),
  filter: AssetFilterSchema.default({
    states: [],
    models: [],
    osVersions: [],
    departments: [],
    tags: [],
  }),
  sort: z
    .strictObject({ field: AssetSortFieldSchema, direction: z.enum(['asc', 'desc']).default('asc') })
    .default({ field: 'updatedAt', direction: 'desc' }),
});
export type AssetQuery = z.output<typeof AssetQuerySchema>;

export const SavedFilterSchema = z.strictObject({
  id: z.number().int().positive(),
  name: z.string().trim().min(1).max(80),
  query: AssetQuerySchema,
  createdBy: z.string(),
  createdAt: z.string(),
});
export type SavedFilter = z.infer<typeof SavedFilterSchema>;

/** One line of an asset's timeline: lifecycle changes, field edits, assignments, staging, notes. */
export const TimelineEntrySchema = z.strictObject({
  at: z.string(),
  kind: z.enum(['created', 'lifecycle', 'fields', 'assignment', 'staging', 'note', 'merge', 'import']),
  actor: z.string(),
  station: z.string(),
  /** One line a person reads, e.g. "in stock → staging". */
  summary: z.string(),
  /** Field by field, before → after, where the entry changed fields. */
  changes: z.record(z.string(), z.strictObject({ before: z.unknown(), after: z.unknown() })).optional(),
  /** The audit entry it comes from. */
  auditSeq: z.number().int().positive(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

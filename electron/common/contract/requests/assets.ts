import { z } from 'zod';
import { defineRequest, NoInput } from '../define.ts';
import {
  AssetFieldsSchema,
  AssetSchema,
  AssetStateSchema,
  CustomFieldDefinitionSchema,
} from '../../models/asset.ts';
import { AssetQuerySchema, SavedFilterSchema, TimelineEntrySchema } from '../../models/asset-query.ts';
import { GeneratedFileSchema } from '../../models/asset-import.ts';

const AssetId = z.strictObject({ id: z.number().int().positive() });

/** The asset registry: the table, one asset, its edits and lifecycle, saved filters, custom fields. */
export const assetRequests = {
  'assets.list': defineRequest(
    'A window of assets matching a search and filters, sorted (the table asks for the rows it shows).',
    AssetQuerySchema.extend({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    z.strictObject({
      items: z.array(AssetSchema),
      /** Rows matching the query (the table's scroll height). */
      total: z.number().int().nonnegative(),
      /**
       * True when `total` is a floor: a search matching a large share of a big registry is
       * counted up to 10,000 rows (an exact count would cost more than the page itself).
       */
      totalCapped: z.boolean().optional(),
      offset: z.number().int().min(0),
    }),
  ),
  'assets.get': defineRequest('One asset by id.', AssetId, AssetSchema),
  'assets.lookup': defineRequest(
    'Find assets by what a scanner or a label gives: asset tag, serial or IMEI (exact first, then the last digits).',
    z.strictObject({ code: z.string().trim().min(1).max(200) }),
    z.strictObject({ matches: z.array(AssetSchema).max(20) }),
  ),
  'assets.timeline': defineRequest(
    'Lifecycle changes, field edits, assignments, staging jobs and notes of one asset, newest first.',
    AssetId,
    z.array(TimelineEntrySchema),
  ),
  'assets.create': defineRequest(
    'Register an asset by hand (state in stock unless given); a twin of a known device is refused.',
    z.strictObject({
      fields: AssetFieldsSchema.partial().required({ serial: true, manufacturer: true, platform: true }),
      state: AssetStateSchema.optional(),
    }),
    AssetSchema,
  ),
  'assets.update': defineRequest(
    'Change fields of an asset; audited field by field. `expectedUpdatedAt` refuses a stale edit.',
    z.strictObject({
      id: z.number().int().positive(),
      changes: AssetFieldsSchema.partial(),
      expectedUpdatedAt: z.string().optional(),
    }),
    AssetSchema,
  ),
  'assets.transition': defineRequest(
    'Move an asset along its lifecycle; a move the lifecycle does not allow is refused, naming the allowed ones.',
    z.strictObject({
      id: z.number().int().positive(),
      to: AssetStateSchema,
      reason: z.string().max(500).optional(),
    }),
    AssetSchema,
  ),
  'assets.addNote': defineRequest(
    'Add a note to an asset’s timeline.',
    z.strictObject({ id: z.number().int().positive(), text: z.string().trim().min(1).max(5000) }),
    TimelineEntrySchema,
  ),
  'assets.merge': defineRequest(
    'Merge a duplicate record into another: the kept record takes the duplicate’s values for its empty fields, its history stays, the duplicate goes.',
    z.strictObject({ keepId: z.number().int().positive(), mergeId: z.number().int().positive() }),
    AssetSchema,
  ),
  'assets.export': defineRequest(
    'The current view as CSV (at most 100,000 rows; the CLI exports any number), with spreadsheet formulas neutralised.',
    AssetQuerySchema,
    GeneratedFileSchema,
  ),
  'assets.labels': defineRequest(
    'Print-ready PDF label sheets (asset tag, QR code, Code 128) for these assets.',
    z.strictObject({
      ids: z.array(z.number().int().positive()).min(1).max(5000),
      layout: z.enum(['a4-3x8', 'letter-3x10']).default('a4-3x8'),
    }),
    GeneratedFileSchema,
  ),

  'savedFilters.list': defineRequest('Saved asset-table filters.', NoInput, z.array(SavedFilterSchema)),
  'savedFilters.save': defineRequest(
    'Save the current search, filters and sort under a name (an existing name is replaced).',
    z.strictObject({ name: z.string().trim().min(1).max(80), query: AssetQuerySchema }),
    SavedFilterSchema,
  ),
  'savedFilters.delete': defineRequest(
    'Delete a saved filter.',
    z.strictObject({ id: z.number().int().positive() }),
    z.strictObject({ deleted: z.boolean() }),
  ),

  'customFields.list': defineRequest(
    'Custom asset fields the depot lead defined.',
    NoInput,
    z.array(CustomFieldDefinitionSchema),
  ),
  'customFields.define': defineRequest(
    'Define or change a custom field (a required field needs a value on every asset created or imported after).',
    CustomFieldDefinitionSchema,
    CustomFieldDefinitionSchema,
  ),
};

import { z } from 'zod';

export const PLATFORMS = ['android', 'ios'] as const;
export const PlatformSchema = z.enum(PLATFORMS);

/** Lifecycle states an asset can be in (the transitions between them arrive with the registry). */
export const ASSET_STATES = [
  'ordered',
  'received',
  'in_stock',
  'staging',
  'staged',
  'issued',
  'returned',
  'in_repair',
  'wiped',
  'ready_for_reissue',
  'retired',
  'recycled',
  'lost',
] as const;
export const AssetStateSchema = z.enum(ASSET_STATES);

export const AssetSchema = z.strictObject({
  id: z.number().int().positive(),
  serial: z.string(),
  platform: PlatformSchema,
  manufacturer: z.string(),
  model: z.string(),
  osVersion: z.string(),
  state: AssetStateSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The last staging: profile id and version, when, by which technician at which station. */
  staging: z
    .strictObject({
      profile: z.string(),
      profileVersion: z.number().int(),
      at: z.string(),
      by: z.string(),
      station: z.string(),
    })
    .nullable(),
});
export type Asset = z.infer<typeof AssetSchema>;

export const ASSET_SORT_FIELDS = [
  'serial',
  'manufacturer',
  'model',
  'osVersion',
  'state',
  'updatedAt',
  'createdAt',
] as const;
export const AssetSortFieldSchema = z.enum(ASSET_SORT_FIELDS);
export type AssetSortField = z.infer<typeof AssetSortFieldSchema>;

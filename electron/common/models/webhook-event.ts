import { z } from 'zod';
import { AssetStateSchema, PlatformSchema } from './asset.ts';

/**
 * The JSON a webhook receiver gets: one event per POST, documented in docs/webhooks.md.
 * Versioned by `schema`: within v1 fields are only ever added (receivers ignore fields they do
 * not know); renaming, removing or retyping a field means "depotline.event/v2". The schemas are
 * strict so Depotline never sends a field that is not documented here (purchase prices, notes
 * and custom fields stay on the station).
 */
export const WEBHOOK_EVENT_SCHEMA = 'depotline.event/v1';

export const WEBHOOK_EVENT_TYPES = [
  'asset.created',
  'asset.changed',
  'asset.lifecycle',
  'asset.assigned',
  'asset.unassigned',
  'asset.removed',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Sent by "Check connection": proves URL, secret and signature check without touching any asset. */
export const WEBHOOK_PING_TYPE = 'depotline.ping';

/** The documented subset of an asset. */
export const WebhookAssetSchema = z.strictObject({
  id: z.number().int().positive(),
  assetTag: z.string().nullable(),
  serial: z.string(),
  platform: PlatformSchema,
  manufacturer: z.string(),
  model: z.string(),
  imeis: z.array(z.string()),
  osVersion: z.string(),
  state: AssetStateSchema,
  /** Who holds it now (only while issued). */
  assignee: z
    .strictObject({
      personId: z.number().int().positive(),
      name: z.string(),
      department: z.string().nullable(),
      email: z.string().nullable(),
      since: z.string(),
    })
    .nullable(),
  /** The last staging: profile and version, when, by whom, at which station. */
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
export type WebhookAsset = z.infer<typeof WebhookAssetSchema>;

/** A person as events name them; email and employee id are how receivers usually match people. */
export const WebhookPersonSchema = z.strictObject({
  id: z.number().int().positive(),
  name: z.string(),
  email: z.string().nullable(),
  employeeId: z.string().nullable(),
});
export type WebhookPerson = z.infer<typeof WebhookPersonSchema>;

/** One event type's schema; the key order here is the order receivers see in the JSON. */
function eventSchema<T extends string, A extends z.ZodType, D extends z.ZodType>(
  type: T,
  asset: A,
  details: D,
) {
  return z.strictObject({
    schema: z.literal(WEBHOOK_EVENT_SCHEMA),
    /** Idempotency key: a redelivery of the same change carries the same id. Dedupe on it. */
    id: z.string().min(1).max(200),
    type: z.literal(type),
    /** When the change happened on the station (ISO 8601, UTC), not when it was delivered. */
    occurredAt: z.string(),
    /** The sending station's name as set in Settings. */
    station: z.string(),
    /** The asset as it is when the event is sent (after an outage, later than the change). */
    asset,
    details,
  });
}

const none = z.strictObject({});

export const WebhookEventSchema = z.discriminatedUnion('type', [
  eventSchema('asset.created', WebhookAssetSchema, none),
  eventSchema('asset.changed', WebhookAssetSchema, none),
  eventSchema(
    'asset.lifecycle',
    WebhookAssetSchema,
    z.strictObject({ from: AssetStateSchema, to: AssetStateSchema }),
  ),
  eventSchema('asset.assigned', WebhookAssetSchema, z.strictObject({ person: WebhookPersonSchema })),
  // Who gave it back, when the station knew; null otherwise.
  eventSchema(
    'asset.unassigned',
    WebhookAssetSchema,
    z.strictObject({ person: WebhookPersonSchema.nullable() }),
  ),
  // Gone from the registry (e.g. merged into another record): only its id and serial remain.
  eventSchema(
    'asset.removed',
    z.null(),
    z.strictObject({ assetId: z.number().int().positive(), serial: z.string() }),
  ),
  eventSchema(WEBHOOK_PING_TYPE, z.null(), none),
]);
export type WebhookEvent = z.infer<typeof WebhookEventSchema>;

// The shapes of Snipe-IT's API answers that the connector relies on, and nothing more: every
// object is loose (Snipe-IT adds fields between versions and per install), but a field we read
// must be there with the right type, or the answer is a `bad_response` naming that field.
// Shapes follow Snipe-IT's own code: app/Http/Transformers/AssetsTransformer.php (reads),
// AssetsController::store/update (writes answer with the flat Eloquent model, not the
// transformer), Helper::formatStandardApiResponse (the status/messages/payload envelope) and
// Exceptions/Handler.php (validation errors are HTTP 200 with "status":"error").
import { z } from 'zod';
import { SyncError } from '../../sync-error.ts';

/** Ids arrive as numbers from the transformer but as whatever was sent (or a string) in flat models. */
const Id = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);
const NullableText = z
  .string()
  .nullish()
  .transform((value) => value ?? null);

/** Helper::getFormattedDateObject: the raw stamp (server wall clock, second resolution) and a display form. */
const DateTimeObject = z.looseObject({ datetime: z.string() }).nullish();

const CustomFieldValue = z.looseObject({
  field: z.string(),
  value: z.union([z.string(), z.number(), z.boolean()]).nullish(),
});

/** One hardware record as GET hardware, hardware/{id} and hardware/byserial/{serial} show it. */
export const SnipeAssetRowSchema = z.looseObject({
  id: z.number().int(),
  asset_tag: NullableText,
  serial: NullableText,
  name: NullableText,
  model: z.looseObject({ id: z.number().int(), name: z.string() }).nullish(),
  status_label: z
    .looseObject({ id: z.number().int(), name: z.string(), status_type: z.string().optional() })
    .nullish(),
  manufacturer: z.looseObject({ name: z.string() }).nullish(),
  notes: NullableText,
  assigned_to: z
    .looseObject({ id: z.number().int(), type: z.string().optional(), email: NullableText.optional() })
    .nullish(),
  updated_at: DateTimeObject,
  deleted_at: DateTimeObject,
  // PHP sends [] for "no custom fields" and an object keyed by the field's display name otherwise.
  custom_fields: z
    .union([z.record(z.string(), CustomFieldValue), z.array(z.never())])
    .nullish()
    .transform((value) => (Array.isArray(value) || !value ? {} : value)),
});
export type SnipeAssetRow = z.infer<typeof SnipeAssetRowSchema>;

/** DatatablesTransformer: every listing (and byserial) is { total, rows }. */
export function listingSchema<T extends z.ZodType>(row: T) {
  return z.looseObject({ total: z.number().int().nonnegative(), rows: z.array(row) });
}
export const SnipeAssetListingSchema = listingSchema(SnipeAssetRowSchema);
export type SnipeAssetListing = z.infer<typeof SnipeAssetListingSchema>;

/**
 * The model as store()/update() answer it: the Eloquent attributes, unescaped, custom fields
 * as their `_snipeit_…` columns, dates as ISO-8601 UTC. store() carries only what was set.
 */
export const SnipeFlatAssetSchema = z.looseObject({
  id: Id,
  asset_tag: NullableText.optional(),
  serial: NullableText.optional(),
  model_id: Id.nullish(),
  status_id: Id.nullish(),
  notes: NullableText.optional(),
  assigned_to: Id.nullish(),
  assigned_type: NullableText.optional(),
  updated_at: NullableText.optional(),
  model: z.looseObject({ name: z.string() }).nullish(),
});
export type SnipeFlatAsset = z.infer<typeof SnipeFlatAssetSchema>;

/** Helper::formatStandardApiResponse. `messages` is a string, or field → [messages] for validation. */
export const SnipeEnvelopeSchema = z.looseObject({
  status: z.enum(['success', 'error']),
  messages: z.unknown().optional(),
  payload: z.unknown().optional(),
});
export type SnipeEnvelope = z.infer<typeof SnipeEnvelopeSchema>;

export const SnipeStatusLabelSchema = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  /** deployable, pending, undeployable or archived (Statuslabel::getStatuslabelType). */
  type: z.string(),
});
export const SnipeModelSchema = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  manufacturer: z.looseObject({ name: z.string() }).nullish(),
});
export const SnipeCustomFieldSchema = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  db_column_name: z.string(),
  format: z.string().nullish(),
});

/** Parses or throws `bad_response` that says which field of which answer was wrong. */
export function parseAnswer<T extends z.ZodType>(schema: T, json: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue ? fieldPath(issue.path) : '';
  const problem =
    issue?.code === 'invalid_type' && issue.message.includes('undefined')
      ? 'is missing'
      : `is not what Depotline understands (${issue?.message ?? 'unknown shape'})`;
  throw new SyncError(
    'bad_response',
    where ? `Snipe-IT's answer to ${what}: ${where} ${problem}` : `Snipe-IT's answer to ${what} ${problem}`,
  );
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

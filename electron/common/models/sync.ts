import { z } from 'zod';

/**
 * Sync to central systems. Two kinds of connector:
 * - `state` connectors (Snipe-IT, Intune) keep a remote record equal to the local one; every
 *   local change to an asset folds into one pending "make it equal" item per asset.
 * - `events` connectors (webhooks) deliver each event (created, changed, lifecycle
 *   transition, assignment) in order, once.
 */
export const CONNECTOR_KINDS = ['snipeit', 'webhook', 'intune'] as const;
export const ConnectorKindSchema = z.enum(CONNECTOR_KINDS);
export type ConnectorKind = z.infer<typeof ConnectorKindSchema>;

export const CONNECTOR_MODES = ['state', 'events'] as const;
export type ConnectorMode = (typeof CONNECTOR_MODES)[number];
export const MODE_OF_KIND: Record<ConnectorKind, ConnectorMode> = {
  snipeit: 'state',
  intune: 'state',
  webhook: 'events',
};

export const ConnectorIdSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{0,39}$/,
    'lowercase letters, digits and dashes, starting with a letter (at most 40)',
  );

/** What the outbox records; `changed` items of one asset fold into one while pending. */
export const CHANGE_KINDS = ['created', 'changed', 'lifecycle', 'assigned', 'unassigned', 'removed'] as const;
export const ChangeKindSchema = z.enum(CHANGE_KINDS);
export type ChangeKind = z.infer<typeof ChangeKindSchema>;

/**
 * The fields a state connector maps, in Depotline's own words. A connector maps each to its
 * system's field (Snipe-IT: asset_tag, serial, model_id, status_id, custom field columns …).
 */
export const SYNC_FIELDS = [
  'assetTag',
  'serial',
  'model',
  'manufacturer',
  'status',
  'imei',
  'osVersion',
  'stagingProfile',
  'assignee',
  'notes',
  'location',
] as const;
export const SyncFieldSchema = z.enum(SYNC_FIELDS);
export type SyncField = z.infer<typeof SyncFieldSchema>;

/** A field's value on either side: text, or null for "not set". Assignee is the holder's email. */
export const SyncValueSchema = z.string().nullable();
export type SyncValue = z.infer<typeof SyncValueSchema>;
export const SyncValuesSchema = z.partialRecord(SyncFieldSchema, SyncValueSchema);
export type SyncValues = z.infer<typeof SyncValuesSchema>;

/** When both sides changed a field since the last sync: who wins, or ask a person. */
export const FieldPolicySchema = z.enum(['local', 'remote', 'ask']);
export type FieldPolicy = z.infer<typeof FieldPolicySchema>;
export const FieldPoliciesSchema = z.partialRecord(SyncFieldSchema, FieldPolicySchema);

export const CONNECTOR_STATES = ['idle', 'syncing', 'paused', 'offline', 'failing', 'disabled'] as const;
export const ConnectorStateSchema = z.enum(CONNECTOR_STATES);
export type ConnectorState = z.infer<typeof ConnectorStateSchema>;

/** A secret is referenced by name; its value lives in the secret store, never in SQLite. */
export const SecretNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]{0,99}$/, 'lowercase letters, digits, dots and dashes (at most 100)');

const HttpUrlSchema = z
  .url({ protocol: /^https?$/, error: 'an http:// or https:// address' })
  .max(2000)
  .refine(withoutCredentials, 'no user name or password in the address');

/** A valid address without user:password@ (the url check above reports an invalid one). */
function withoutCredentials(text: string): boolean {
  if (!URL.canParse(text)) return true;
  const url = new URL(text);
  return !url.username && !url.password;
}

/** The most a connector's "attempts before a dead letter" may be set to. */
export const MAX_ATTEMPTS_BEFORE_DEAD_LETTER = 100;
/**
 * Failed attempts of one change before it becomes a dead letter for a person to retry or
 * discard (failures of the whole system, such as a refused token, do not count; see
 * connector-worker.ts). Fewer surface a broken record sooner; more ride out a flaky server.
 */
const AttemptsBeforeDeadLetterSchema = z
  .number()
  .int()
  .min(1)
  .max(MAX_ATTEMPTS_BEFORE_DEAD_LETTER)
  .default(8);

export const SnipeItConfigSchema = z.strictObject({
  baseUrl: HttpUrlSchema,
  tokenSecret: SecretNameSchema,
  /** Requests per minute Snipe-IT allows this token (its API_THROTTLE_PER_MINUTE, default 120). */
  ratePerMinute: z.number().int().min(1).max(100_000).default(120),
  attemptsBeforeDeadLetter: AttemptsBeforeDeadLetterSchema,
  /** Local model name → Snipe-IT model id; read from the server on the setup screen. */
  models: z.record(z.string().max(200), z.number().int().positive()).default({}),
  /** Local lifecycle state → Snipe-IT status label id. */
  statusLabels: z.record(z.string().max(40), z.number().int().positive()).default({}),
  /** Sync field → Snipe-IT custom field database column, e.g. imei → _snipeit_imei_1. */
  customFields: z.partialRecord(SyncFieldSchema, z.string().regex(/^_snipeit_[a-z0-9_]+$/)).default({}),
  fieldPolicies: FieldPoliciesSchema.default({}),
});
export type SnipeItConfig = z.infer<typeof SnipeItConfigSchema>;

export const WebhookConfigSchema = z.strictObject({
  url: HttpUrlSchema,
  /** HMAC-SHA256 key, by secret name. */
  signingSecret: SecretNameSchema,
  ratePerMinute: z.number().int().min(1).max(100_000).default(600),
  attemptsBeforeDeadLetter: AttemptsBeforeDeadLetterSchema,
});
export type WebhookConfig = z.infer<typeof WebhookConfigSchema>;

export const IntuneConfigSchema = z.strictObject({
  tenantId: z.string().regex(/^[0-9a-zA-Z.-]{1,100}$/),
  clientId: z.string().regex(/^[0-9a-fA-F-]{36}$/, 'an application (client) id, a GUID'),
  clientSecret: SecretNameSchema,
  /** Overridable for sovereign clouds and for tests; requests never leave these hosts. */
  graphUrl: HttpUrlSchema.default('https://graph.microsoft.com'),
  loginUrl: HttpUrlSchema.default('https://login.microsoftonline.com'),
  ratePerMinute: z.number().int().min(1).max(100_000).default(60),
  attemptsBeforeDeadLetter: AttemptsBeforeDeadLetterSchema,
});
export type IntuneConfig = z.infer<typeof IntuneConfigSchema>;

export const ConnectorConfigSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('snipeit'), config: SnipeItConfigSchema }),
  z.strictObject({ kind: z.literal('webhook'), config: WebhookConfigSchema }),
  z.strictObject({ kind: z.literal('intune'), config: IntuneConfigSchema }),
]);
export type ConnectorConfig = z.infer<typeof ConnectorConfigSchema>;

export const ConnectorViewSchema = z.strictObject({
  id: ConnectorIdSchema,
  name: z.string(),
  kind: ConnectorKindSchema,
  state: ConnectorStateSchema,
  paused: z.boolean(),
  enabled: z.boolean(),
  /** Pending items (dead letters not counted). */
  queueDepth: z.number().int().nonnegative(),
  deadLetters: z.number().int().nonnegative(),
  openConflicts: z.number().int().nonnegative(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  /** When the next attempt is due while backing off or throttled. */
  nextAttemptAt: z.string().nullable(),
});
export type ConnectorView = z.infer<typeof ConnectorViewSchema>;

export const OutboxItemViewSchema = z.strictObject({
  id: z.number().int().positive(),
  connectorId: z.string(),
  assetId: z.number().int().positive(),
  assetLabel: z.string(),
  kind: ChangeKindSchema,
  attempts: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
  enqueuedAt: z.string(),
  updatedAt: z.string(),
});
export type OutboxItemView = z.infer<typeof OutboxItemViewSchema>;

export const ConflictViewSchema = z.strictObject({
  id: z.number().int().positive(),
  connectorId: z.string(),
  assetId: z.number().int().positive(),
  assetLabel: z.string(),
  field: SyncFieldSchema,
  baseValue: SyncValueSchema,
  localValue: SyncValueSchema,
  remoteValue: SyncValueSchema,
  detectedAt: z.string(),
});
export type ConflictView = z.infer<typeof ConflictViewSchema>;

export const SyncOverviewSchema = z.strictObject({
  connectors: z.array(ConnectorViewSchema),
  /** Whether secrets can be stored on this station, and if not, why. */
  secrets: z.strictObject({ available: z.boolean(), source: z.string(), reason: z.string().optional() }),
});
export type SyncOverview = z.infer<typeof SyncOverviewSchema>;

/** What a Snipe-IT server offers for mapping, and the mapping Depotline suggests by name. */
export const SnipeItSetupSchema = z.strictObject({
  models: z.array(
    z.strictObject({ id: z.number().int(), name: z.string(), manufacturer: z.string().nullable() }),
  ),
  statusLabels: z.array(z.strictObject({ id: z.number().int(), name: z.string(), type: z.string() })),
  customFields: z.array(
    z.strictObject({
      id: z.number().int(),
      name: z.string(),
      dbColumn: z.string(),
      format: z.string().nullable(),
    }),
  ),
  suggested: z.strictObject({
    models: SnipeItConfigSchema.shape.models,
    statusLabels: SnipeItConfigSchema.shape.statusLabels,
    customFields: SnipeItConfigSchema.shape.customFields,
    /** Local names with no single match, for a person to pick. */
    unmatched: z.strictObject({ models: z.array(z.string()), statusLabels: z.array(z.string()) }),
  }),
});
export type SnipeItSetupView = z.infer<typeof SnipeItSetupSchema>;

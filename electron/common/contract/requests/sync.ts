import { z } from 'zod';
import { defineRequest, NoInput } from '../define.ts';
import {
  ConflictViewSchema,
  ConnectorConfigSchema,
  ConnectorIdSchema,
  ConnectorViewSchema,
  OutboxItemViewSchema,
  SecretNameSchema,
  SnipeItSetupSchema,
  SyncOverviewSchema,
} from '../../models/sync.ts';

const Ids = z.array(z.number().int().positive()).min(1).max(1000);
const ConnectorRef = z.strictObject({ id: ConnectorIdSchema });

/** Sync to central systems: connectors, their queues, dead letters and conflicts. */
export const syncRequests = {
  'sync.overview': defineRequest(
    'Every connector with its state, queue depth, dead letters, conflicts, last success and last error.',
    NoInput,
    SyncOverviewSchema,
  ),
  'sync.connectors.get': defineRequest(
    "One connector's settings for editing; secrets are named, never returned.",
    ConnectorRef,
    z.strictObject({
      id: ConnectorIdSchema,
      name: z.string(),
      connector: ConnectorConfigSchema,
      /** Which of the secrets the settings name are stored on this station. */
      secretsSet: z.array(SecretNameSchema),
    }),
  ),
  'sync.connectors.save': defineRequest(
    'Add or change a connector; secret values given here go to the secret store, never to the database.',
    z.strictObject({
      id: ConnectorIdSchema,
      name: z.string().trim().min(1).max(100),
      connector: ConnectorConfigSchema,
      secretValues: z.record(SecretNameSchema, z.string().min(1).max(16_384)).default({}),
    }),
    ConnectorViewSchema,
  ),
  'sync.connectors.remove': defineRequest(
    'Remove a connector and its queue (audited with the number of changes dropped).',
    ConnectorRef,
    z.strictObject({ dropped: z.number().int().nonnegative() }),
  ),
  'sync.connectors.pause': defineRequest(
    'Stop sending for a connector; changes keep queuing.',
    ConnectorRef,
    ConnectorViewSchema,
  ),
  'sync.connectors.resume': defineRequest(
    'Send again, starting now (skips any backoff wait).',
    ConnectorRef,
    ConnectorViewSchema,
  ),
  'sync.connectors.check': defineRequest(
    "Try the connector's credentials with one harmless read.",
    ConnectorRef,
    z.strictObject({ ok: z.boolean(), message: z.string() }),
  ),
  'sync.snipeit.setup': defineRequest(
    'Read models, status labels and custom fields from a Snipe-IT server and suggest a mapping by name. The token is used for this read only; saving the connector stores it.',
    z.strictObject({
      baseUrl: z.url({ protocol: /^https?$/ }).max(2000),
      tokenSecret: SecretNameSchema,
      /** A token typed on the setup screen and not saved yet; else the stored one is used. */
      token: z.string().min(1).max(16_384).optional(),
    }),
    SnipeItSetupSchema,
  ),
  'sync.pending.list': defineRequest(
    'Queued changes of a connector, oldest first.',
    z.strictObject({ id: ConnectorIdSchema, limit: z.number().int().min(1).max(500).default(100) }),
    z.strictObject({ items: z.array(OutboxItemViewSchema), total: z.number().int().nonnegative() }),
  ),
  'sync.deadLetters.list': defineRequest(
    'Changes that failed too often, with the last error, newest first.',
    z.strictObject({
      id: ConnectorIdSchema.optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    z.strictObject({ items: z.array(OutboxItemViewSchema), total: z.number().int().nonnegative() }),
  ),
  'sync.deadLetters.retry': defineRequest(
    'Put dead letters back in the queue (audited).',
    z.strictObject({ ids: Ids }),
    z.strictObject({ retried: z.number().int().nonnegative() }),
  ),
  'sync.deadLetters.discard': defineRequest(
    'Drop dead letters for good, with a reason (audited).',
    z.strictObject({ ids: Ids, reason: z.string().trim().min(3).max(500) }),
    z.strictObject({ discarded: z.number().int().nonnegative() }),
  ),
  'sync.conflicts.list': defineRequest(
    'Fields changed on both sides since the last sync, waiting for a decision.',
    z.strictObject({
      id: ConnectorIdSchema.optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    z.strictObject({ items: z.array(ConflictViewSchema), total: z.number().int().nonnegative() }),
  ),
  'sync.conflicts.resolve': defineRequest(
    'Decide a conflict: keep the local value (pushed to the remote) or the remote one (written locally). Audited.',
    z.strictObject({ id: z.number().int().positive(), keep: z.enum(['local', 'remote']) }),
    ConflictViewSchema.extend({ resolution: z.enum(['local', 'remote']) }),
  ),
};

// An outbox event as the documented webhook JSON (electron/common/models/webhook-event.ts).
// The outbox records kind-specific facts loosely in `details`; this is the one place that
// turns them into the versioned schema, and it checks the result so a receiver never gets a
// shape docs/webhooks.md does not describe.
import { z } from 'zod';
import type { Asset } from '../../../../common/models/asset.ts';
import type { ChangeKind } from '../../../../common/models/sync.ts';
import {
  WEBHOOK_EVENT_SCHEMA,
  WEBHOOK_PING_TYPE,
  WebhookEventSchema,
  WebhookPersonSchema,
  type WebhookAsset,
  type WebhookEvent,
  type WebhookPerson,
} from '../../../../common/models/webhook-event.ts';
import type { OutboxEvent } from '../../connector.ts';

const TYPE_OF_KIND: Record<ChangeKind, WebhookEvent['type']> = {
  created: 'asset.created',
  changed: 'asset.changed',
  lifecycle: 'asset.lifecycle',
  assigned: 'asset.assigned',
  unassigned: 'asset.unassigned',
  removed: 'asset.removed',
};

const PersonDetailsSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  email: z.string().nullish(),
  employeeId: z.string().nullish(),
});

/** What the outbox may have captured in `details`; anything else there is not sent. */
const DetailsSchema = z.looseObject({
  station: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  serial: z.string().optional(),
  /** The new holder (assigned); the worker fills it from `personId`. */
  person: PersonDetailsSchema.nullish(),
  /** The holder before the change (unassigned); the worker fills it from `previousPersonId`. */
  previousPerson: PersonDetailsSchema.nullish(),
});

export function webhookAsset(asset: Asset): WebhookAsset {
  return {
    id: asset.id,
    assetTag: asset.assetTag,
    serial: asset.serial,
    platform: asset.platform,
    manufacturer: asset.manufacturer,
    model: asset.model,
    imeis: [...asset.imeis],
    osVersion: asset.osVersion,
    state: asset.state,
    // Field by field, not spread: a field added to the asset model must not leak out unannounced.
    assignee: asset.assignee
      ? {
          personId: asset.assignee.personId,
          name: asset.assignee.name,
          department: asset.assignee.department,
          email: asset.assignee.email,
          since: asset.assignee.since,
        }
      : null,
    staging: asset.staging
      ? {
          profile: asset.staging.profile,
          profileVersion: asset.staging.profileVersion,
          at: asset.staging.at,
          by: asset.staging.by,
          station: asset.staging.station,
        }
      : null,
  };
}

function person(value: z.infer<typeof DetailsSchema>['person']): WebhookPerson | null {
  if (!value) return null;
  return WebhookPersonSchema.parse({
    id: value.id,
    name: value.name,
    email: value.email ?? null,
    employeeId: value.employeeId ?? null,
  });
}

/**
 * The webhook JSON for an outbox event. `station` is this station's name, used when the outbox
 * did not record where the change happened (`details.station`). Throws when the event lacks
 * the facts its type needs: that is a bug on this side, not something a retry fixes.
 */
export function toWebhookEvent(event: OutboxEvent, station: string): WebhookEvent {
  const details = DetailsSchema.parse(event.details);
  const type = TYPE_OF_KIND[event.kind];
  const common = {
    schema: WEBHOOK_EVENT_SCHEMA,
    id: event.id,
    type,
    occurredAt: event.occurredAt,
    station: details.station ?? station,
  };
  let candidate: unknown;
  if (type === 'asset.removed') {
    candidate = {
      ...common,
      asset: null,
      details: { assetId: event.assetId, serial: details.serial ?? event.asset?.serial },
    };
  } else {
    if (!event.asset) throw new Error(`outbox event ${event.id} (${event.kind}) has no asset to describe`);
    const asset = webhookAsset(event.asset);
    const holder = event.asset.assignee;
    const extra =
      type === 'asset.lifecycle'
        ? { from: details.from, to: details.to ?? event.asset.state }
        : type === 'asset.assigned'
          ? {
              // The holder's name and id are on the asset; email and employee id only in details.
              person:
                person(details.person) ??
                (holder
                  ? { id: holder.personId, name: holder.name, email: holder.email, employeeId: null }
                  : null),
            }
          : type === 'asset.unassigned'
            ? { person: person(details.previousPerson ?? details.person) }
            : {};
    candidate = { ...common, asset, details: extra };
  }
  const parsed = WebhookEventSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `outbox event ${event.id} (${event.kind}) does not fit ${WEBHOOK_EVENT_SCHEMA}: ${issue?.path.join('.')} ${issue?.message}`,
    );
  }
  return parsed.data;
}

/** The connection check's event: no asset, a fresh id each time (receivers must not dedupe it away). */
export function pingEvent(id: string, at: Date, station: string): WebhookEvent {
  return WebhookEventSchema.parse({
    schema: WEBHOOK_EVENT_SCHEMA,
    id,
    type: WEBHOOK_PING_TYPE,
    occurredAt: at.toISOString(),
    station,
    asset: null,
    details: {},
  });
}

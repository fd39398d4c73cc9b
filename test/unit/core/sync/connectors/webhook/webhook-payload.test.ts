import { describe, expect, it } from 'vitest';
import {
  WEBHOOK_EVENT_TYPES,
  WebhookEventSchema,
} from '../../../../../../electron/common/models/webhook-event.ts';
import type { OutboxEvent } from '../../../../../../electron/core/sync/connector.ts';
import { toWebhookEvent } from '../../../../../../electron/core/sync/connectors/webhook/webhook-payload.ts';
import { CHANGE_KINDS } from '../../../../../../electron/common/models/sync.ts';
import { sampleAsset } from '../../../../../support/sample-asset.ts';

function outbox(kind: OutboxEvent['kind'], details: Record<string, unknown> = {}, asset = sampleAsset()) {
  return { id: `evt-${kind}`, kind, assetId: 42, asset, details, occurredAt: '2025-03-01T09:00:00.000Z' };
}

const kari = { id: 7, name: 'Kari Nordmann', email: 'kari@kommune.example', employeeId: 'E1007' };

describe('outbox event → webhook JSON', () => {
  it('has one event type per outbox change kind', () => {
    expect(CHANGE_KINDS.map((kind) => `asset.${kind}`)).toEqual([...WEBHOOK_EVENT_TYPES]);
  });

  it('describes each kind with its documented details', () => {
    expect(toWebhookEvent(outbox('created'), 'bench-1')).toMatchObject({
      type: 'asset.created',
      details: {},
    });
    expect(toWebhookEvent(outbox('changed'), 'bench-1')).toMatchObject({
      type: 'asset.changed',
      details: {},
    });
    expect(toWebhookEvent(outbox('lifecycle', { from: 'staged', to: 'issued' }), 'bench-1')).toMatchObject({
      type: 'asset.lifecycle',
      details: { from: 'staged', to: 'issued' },
    });
    expect(toWebhookEvent(outbox('assigned', { personId: 7, person: kari }), 'bench-1')).toMatchObject({
      type: 'asset.assigned',
      details: { person: kari },
    });
    expect(
      // The worker names the holder before the change `previousPerson` (from previousPersonId).
      toWebhookEvent(
        outbox('unassigned', { previousPersonId: 7, previousPerson: kari }, sampleAsset({ assignee: null })),
        'bench-1',
      ),
    ).toMatchObject({ type: 'asset.unassigned', details: { person: kari } });
    expect(toWebhookEvent(outbox('unassigned', {}), 'bench-1').details).toEqual({ person: null });
    const removed = toWebhookEvent(outbox('removed', { serial: 'R58N12345AB' }, null as never), 'bench-1');
    expect(removed).toMatchObject({
      type: 'asset.removed',
      asset: null,
      details: { assetId: 42, serial: 'R58N12345AB' },
    });
  });

  it('takes the station from the outbox entry when it recorded one', () => {
    expect(toWebhookEvent(outbox('changed', { station: 'bench-7' }), 'bench-1').station).toBe('bench-7');
    expect(toWebhookEvent(outbox('changed'), 'bench-1').station).toBe('bench-1');
  });

  it('falls back to the asset holder for an assignment whose details name no person', () => {
    expect(toWebhookEvent(outbox('assigned'), 'bench-1').details).toEqual({
      person: { id: 7, name: 'Kari Nordmann', email: 'kari.nordmann@example.org', employeeId: null },
    });
  });

  it('drops facts the schema does not document, and every result passes the schema', () => {
    const event = toWebhookEvent(outbox('lifecycle', { from: 'staged', to: 'issued', reason: 'x' }), 's');
    expect(event.details).toEqual({ from: 'staged', to: 'issued' });
    expect(WebhookEventSchema.safeParse(event).success).toBe(true);
  });

  it('throws (a bug here, not a retryable failure) when the facts a type needs are missing', () => {
    expect(() => toWebhookEvent(outbox('lifecycle', { to: 'issued' }), 's')).toThrow(/details\.from/);
    expect(() => toWebhookEvent(outbox('changed', {}, null as never), 's')).toThrow(/no asset/);
  });
});

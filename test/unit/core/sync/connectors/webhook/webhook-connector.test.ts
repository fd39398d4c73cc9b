import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebhookEventSchema } from '../../../../../../electron/common/models/webhook-event.ts';
import type { OutboxEvent } from '../../../../../../electron/core/sync/connector.ts';
import { WebhookConnector } from '../../../../../../electron/core/sync/connectors/webhook/webhook-connector.ts';
import { SyncError } from '../../../../../../electron/core/sync/sync-error.ts';
import { testIo } from '../../../../../support/connector-io.ts';
import { recordingServer, type RecordingServer } from '../../../../../support/recording-server.ts';
import { sampleAsset } from '../../../../../support/sample-asset.ts';

const SECRET = 'whsec-test-0123456789';
const NOW = new Date('2025-03-01T10:00:00.000Z');

let receiver: RecordingServer;
let elsewhere: RecordingServer;
beforeEach(async () => {
  receiver = await recordingServer();
  elsewhere = await recordingServer();
});
afterEach(async () => {
  await receiver.close();
  await elsewhere.close();
});

function connector(path = '/hooks/depotline?source=depot') {
  return new WebhookConnector({
    config: {
      url: `${receiver.url}${path}`,
      signingSecret: 'webhook.signing',
      ratePerMinute: 600,
      attemptsBeforeDeadLetter: 8,
    },
    station: () => 'bench-1',
  });
}

function io(secrets: Record<string, string> = { 'webhook.signing': SECRET }) {
  return testIo(receiver.url, secrets, { start: NOW });
}

const created: OutboxEvent = {
  id: 'evt-00000017',
  kind: 'created',
  assetId: 42,
  asset: sampleAsset(),
  details: {},
  occurredAt: '2025-03-01T09:59:58.000Z',
};

async function failure(promise: Promise<unknown>): Promise<SyncError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SyncError);
  return error as SyncError;
}

describe('webhook connector', () => {
  it('POSTs the documented JSON to the configured URL, signed over "<timestamp>.<exact body>"', async () => {
    await connector().deliver(created, io());
    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe('/hooks/depotline?source=depot');
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['depotline-event-id']).toBe('evt-00000017');
    const timestamp = request!.headers['depotline-timestamp'] as string;
    expect(timestamp).toBe(String(NOW.getTime() / 1000));
    // Recomputed here with node:crypto, not with the connector's own helper.
    const expected = createHmac('sha256', SECRET)
      .update(Buffer.concat([Buffer.from(`${timestamp}.`), request!.body]))
      .digest('hex');
    expect(request!.headers['depotline-signature']).toBe(`v1=${expected}`);
    const event = WebhookEventSchema.parse(JSON.parse(request!.body.toString('utf8')));
    expect(event).toMatchObject({
      schema: 'depotline.event/v1',
      id: 'evt-00000017',
      type: 'asset.created',
      station: 'bench-1',
      asset: { id: 42, serial: 'R58N12345AB', imeis: ['356938035643809'], state: 'issued' },
    });
    // Only the documented subset leaves the station.
    expect(JSON.stringify(event)).not.toMatch(/priceMinor|screen protector|cost_centre/);
  });

  it('signs again at each attempt (fresh timestamp) under the same event id', async () => {
    const clock = io();
    await connector().deliver(created, clock);
    clock.advance(3_600_000);
    await connector().deliver(created, clock);
    const [first, second] = receiver.requests;
    expect(first!.headers['depotline-event-id']).toBe(second!.headers['depotline-event-id']);
    expect(
      Number(second!.headers['depotline-timestamp']) - Number(first!.headers['depotline-timestamp']),
    ).toBe(3600);
    expect(second!.body.equals(first!.body)).toBe(true);
  });

  it('counts any 2xx as delivered, even with a plain-text body', async () => {
    receiver.reply = () => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: 'thanks' });
    await expect(connector().deliver(created, io())).resolves.toBeUndefined();
    receiver.reply = () => ({ status: 202 });
    await expect(connector().deliver(created, io())).resolves.toBeUndefined();
  });

  it('a 500 is a server error the worker retries', async () => {
    receiver.reply = () => ({ status: 500, body: 'database locked' });
    const error = await failure(connector().deliver(created, io()));
    expect([error.code, error.scope, error.status]).toEqual(['server', 'connector', 500]);
  });

  it('a 410 is the receiver refusing the event: rejected, with its status and the start of its body', async () => {
    const reason = { error: 'asset feed closed', detail: 'x'.repeat(400) };
    receiver.reply = () => ({
      status: 410,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(reason),
    });
    const error = await failure(connector().deliver(created, io()));
    expect([error.code, error.scope, error.status]).toEqual(['rejected', 'item', 410]);
    expect(error.message).toContain('HTTP 410');
    expect(error.message).toContain('{"error":"asset feed closed"');
    expect(error.message).toContain(JSON.stringify(reason).slice(0, 200));
    expect(error.message).not.toContain(JSON.stringify(reason).slice(0, 201));
  });

  it('a 4xx with a non-JSON body is still rejected with its status', async () => {
    receiver.reply = () => ({ status: 422, headers: { 'content-type': 'text/html' }, body: '<h1>no</h1>' });
    const error = await failure(connector().deliver(created, io()));
    expect([error.code, error.status]).toEqual(['rejected', 422]);
  });

  it('408 and 429 are retried, not rejected', async () => {
    receiver.reply = () => ({ status: 408 });
    expect((await failure(connector().deliver(created, io()))).code).toBe('timeout');
    receiver.reply = () => ({ status: 429, headers: { 'retry-after': '7' } });
    const throttled = await failure(connector().deliver(created, io()));
    expect([throttled.code, throttled.retryAfterMs]).toEqual(['throttled', 7000]);
  });

  it('never follows a redirect, not even to a server that would answer', async () => {
    receiver.reply = () => ({ status: 307, headers: { location: `${elsewhere.url}/collect` } });
    const error = await failure(connector().deliver(created, io()));
    expect(error.code).toBe('redirect');
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('sends nothing without its signing secret', async () => {
    const error = await failure(connector().deliver(created, io({})));
    expect([error.code, error.needsPerson]).toEqual(['credentials', true]);
    expect(receiver.requests).toHaveLength(0);
  });

  it('check() sends a signed depotline.ping with no asset', async () => {
    const message = await connector().check(io());
    expect(message).toMatch(/accepted a signed depotline\.ping event \(HTTP 204\)/);
    const event = WebhookEventSchema.parse(JSON.parse(receiver.requests[0]!.body.toString('utf8')));
    expect(event).toMatchObject({ type: 'depotline.ping', asset: null, details: {}, station: 'bench-1' });
    expect(event.id).toMatch(/^ping-/);
  });
});

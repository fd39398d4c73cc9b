// Webhook events through the real outbox and worker: every change of an asset arrives in the
// order it happened, signed, each logical change with one id however often it is retried, and
// a dead letter holds back the asset's later events until a person decides.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core.ts';
import type { RequestInput, RequestName, RequestOutput } from '../../../electron/common/contract/index.ts';
import { verifyWebhookRequest } from '../../../electron/core/sync/connectors/webhook/verify-signature.ts';
import { recordingServer, type RecordingServer } from '../../support/recording-server.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const SECRET = 'whsec-test-0123456789';
let core: Core | undefined;
let receiver: RecordingServer | undefined;
afterEach(async () => {
  await core?.context.sync.close();
  core?.close();
  await receiver?.close();
  core = undefined;
  receiver = undefined;
});

async function start(maxAttempts = 8) {
  receiver = await recordingServer();
  core = createCore({
    dataDir: tempDir(),
    frontDoor: 'station',
    log: () => {},
    secrets: { env: { DEPOTLINE_SECRETS_KEY: randomBytes(32).toString('hex') }, keyring: false },
    syncWorker: {
      idlePollMs: 20,
      itemBackoff: { baseMs: 20, capMs: 100 },
      connectorBackoff: { baseMs: 20, capMs: 100 },
    },
  });
  const c = core;
  const call = async <N extends RequestName>(name: N, input: RequestInput<N>) => {
    const result = await c.dispatch(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value as RequestOutput<N>;
  };
  await c.context.sync.start();
  await call('sync.connectors.save', {
    id: 'hook',
    name: 'Asset webhook',
    connector: {
      kind: 'webhook',
      config: {
        url: `${receiver.url}/depotline/events?source=bench`,
        signingSecret: 'webhook.hook',
        attemptsBeforeDeadLetter: maxAttempts,
      },
    },
    secretValues: { 'webhook.hook': SECRET },
  });
  const drained = () =>
    expect.poll(() => c.context.sync.view('hook').queueDepth, { timeout: 10_000, interval: 20 }).toBe(0);
  return { call, drained, receiver };
}

const events = (server: RecordingServer) =>
  server.requests.map((request) => {
    const verdict = verifyWebhookRequest(request.headers, request.body, SECRET);
    expect(verdict.ok, 'signature verifies').toBe(true);
    return JSON.parse(request.body.toString('utf8')) as {
      id: string;
      type: string;
      details: Record<string, unknown>;
    };
  });

describe('webhook events through the outbox', () => {
  it('delivers created, lifecycle moves and the assignment in order, signed, to the configured path', async () => {
    const { call, drained, receiver: server } = await start();
    await call('people.upsert', {
      name: 'Ada Lovelace',
      email: 'ada@depot.example',
      employeeId: 'E1',
      badge: null,
      department: null,
      costCentre: null,
    });
    const asset = await call('assets.create', {
      fields: { serial: 'WH1', platform: 'android', manufacturer: 'Google', model: 'Pixel 8' },
    });
    await call('assets.transition', { id: asset.id, to: 'staging' });
    await call('assets.transition', { id: asset.id, to: 'staged' });
    await call('rollout.assign', { device: 'WH1', person: 'ada@depot.example' });
    await drained();
    const received = events(server);
    expect(received.map((event) => event.type)).toEqual([
      'asset.created',
      'asset.lifecycle',
      'asset.lifecycle',
      'asset.lifecycle',
      'asset.assigned',
    ]);
    expect(received[1]!.details).toEqual({ from: 'in_stock', to: 'staging' });
    expect(received[3]!.details).toEqual({ from: 'staged', to: 'issued' });
    expect(received[4]!.details).toMatchObject({
      person: { name: 'Ada Lovelace', email: 'ada@depot.example' },
    });
    expect(server.requests.every((request) => request.url === '/depotline/events?source=bench')).toBe(true);
  });

  it('keeps the event id across retries, so a receiver can drop the redelivery', async () => {
    const { call, drained, receiver: server } = await start();
    let failures = 2;
    server.reply = () => (failures-- > 0 ? { status: 503 } : { status: 204 });
    await call('assets.create', {
      fields: { serial: 'WH2', platform: 'ios', manufacturer: 'Apple', model: 'iPhone 15' },
    });
    await drained();
    const ids = server.requests.map((request) => request.headers['depotline-event-id']);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(1);
  });

  it('makes a dead letter after the connector’s own number of attempts, and holds the asset’s later events behind it until a person retries it', async () => {
    const { call, receiver: server } = await start(2);
    server.reply = () => ({ status: 422, body: 'unknown asset' });
    const asset = await call('assets.create', {
      fields: { serial: 'WH3', platform: 'android', manufacturer: 'Google', model: 'Pixel 8' },
    });
    await expect
      .poll(async () => (await call('sync.overview', {})).connectors[0]!.deadLetters, { timeout: 10_000 })
      .toBe(1);
    await call('assets.transition', { id: asset.id, to: 'staging' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const sentWhileDead = server.requests.length;
    expect(events(server).every((event) => event.type === 'asset.created')).toBe(true);

    server.reply = () => ({ status: 204 });
    const dead = await call('sync.deadLetters.list', {});
    expect(dead.items[0]!.lastError).toMatch(/refused .*HTTP 422: unknown asset/);
    // The connector's setting (2), not the default (8).
    expect(dead.items[0]!.attempts).toBe(2);
    expect(sentWhileDead).toBe(2);
    await call('sync.deadLetters.retry', { ids: [dead.items[0]!.id] });
    await expect.poll(() => server.requests.length, { timeout: 10_000 }).toBe(sentWhileDead + 2);
    expect(
      events(server)
        .slice(-2)
        .map((event) => event.type),
    ).toEqual(['asset.created', 'asset.lifecycle']);
  });
});

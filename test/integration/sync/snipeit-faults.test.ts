// Fault injection against the Snipe-IT double: after every scenario the remote holds exactly
// one asset per serial, its fields equal the local record, and the audit log shows each sync.
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/temp-dir.ts';
import { createAssets, expectRemoteMirrorsLocal, startSyncBench, type SyncBench } from './sync-harness.ts';

const tempDir = useTempDirs();
let bench: SyncBench | undefined;
afterEach(async () => {
  await bench?.close();
  bench = undefined;
});

async function waitFor(
  b: SyncBench,
  ok: (view: Awaited<ReturnType<SyncBench['connector']>>) => boolean,
  timeoutMs = 10_000,
) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const view = await b.connector();
    if (ok(view)) return view;
    if (Date.now() > until) throw new Error(`timed out waiting; connector is ${JSON.stringify(view)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function start(options: { requestTimeoutMs?: number } = {}): Promise<SyncBench> {
  bench = await startSyncBench({ dataDir: tempDir(), ...options });
  return bench;
}

describe('sync to Snipe-IT under faults', () => {
  it('rides out 500s and 503s', async () => {
    const b = await start();
    b.double.faults.failNext(500, { times: 3, method: 'POST', path: '/hardware' });
    b.double.faults.failNext(503, { times: 2, method: 'GET' });
    await createAssets(b.call, 5);
    await b.drained();
    await expectRemoteMirrorsLocal(b);
    expect(b.double.requests.count({ status: 500 })).toBe(3);
  });

  it('times out a hanging request and sends it again without creating a twin', async () => {
    const b = await start({ requestTimeoutMs: 500 });
    b.double.faults.hangNext({ times: 2, method: 'POST', path: '/hardware' });
    await createAssets(b.call, 3);
    await b.drained();
    await expectRemoteMirrorsLocal(b);
  });

  it('does not duplicate when the connection resets after Snipe-IT committed the create', async () => {
    const b = await start();
    b.double.faults.resetNext({ times: 3, method: 'POST', path: '/hardware', when: 'after' });
    b.double.faults.resetNext({ times: 2, method: 'PATCH', when: 'before' });
    const assets = await createAssets(b.call, 4);
    await b.call('assets.update', { id: assets[0]!.id, changes: { notes: 'after reset' } });
    await b.drained();
    await expectRemoteMirrorsLocal(b);
    expect(b.double.requests.all().some((request) => request.fault === 'reset')).toBe(true);
  });

  it('copes with slow answers', async () => {
    const b = await start();
    b.double.faults.slowNext(400, { times: 6 });
    await createAssets(b.call, 4);
    await b.drained();
    await expectRemoteMirrorsLocal(b);
  });

  it('waits out a 429 for as long as Retry-After says', async () => {
    const b = await start();
    b.double.faults.inject({ kind: 'status', status: 429, retryAfter: 1 }, { times: 1 });
    const started = Date.now();
    await createAssets(b.call, 2);
    await b.drained();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    await expectRemoteMirrorsLocal(b);
  });

  it('keeps the queue through HTML, truncated JSON, a huge body and a redirect off the host, with a clear error', async () => {
    const b = await start();
    await createAssets(b.call, 3);
    await b.drained();
    const assets = (await b.call('assets.list', { limit: 10 })).items;
    const faults: [Parameters<typeof b.double.faults.inject>[0], RegExp][] = [
      [{ kind: 'html' }, /HTML page/],
      [{ kind: 'truncated', mode: 'cut' }, /does not parse/],
      [{ kind: 'huge', bytes: 2 * 1024 ** 3 }, /10 MiB/],
      [{ kind: 'redirect', location: 'http://127.0.0.2:9/login' }, /never follows redirects/],
    ];
    for (const [index, [fault, message]] of faults.entries()) {
      const armed = b.double.faults.inject(fault, { times: Infinity, method: 'GET' });
      await b.call('assets.update', {
        id: assets[index % assets.length]!.id,
        changes: { notes: `change ${index}` },
      });
      const view = await waitFor(b, (connector) => message.test(connector.lastError ?? ''));
      expect(view.queueDepth).toBe(1);
      armed.cancel();
      await b.call('sync.connectors.resume', { id: 'snipe' });
      await b.drained();
    }
    await expectRemoteMirrorsLocal(b);
    expect((await b.connector()).deadLetters).toBe(0);
  });

  it('stops on a wrong token with the queue intact, and drains once the token is fixed', async () => {
    const b = await start();
    const saved = await b.call('sync.connectors.get', { id: 'snipe' });
    await b.call('sync.connectors.save', {
      id: saved.id,
      name: saved.name,
      connector: saved.connector,
      secretValues: { 'snipeit.token': 'not-the-token' },
    });
    await createAssets(b.call, 3);
    const until = Date.now() + 10_000;
    let view = await b.connector();
    while (view.state !== 'failing') {
      if (Date.now() > until) throw new Error(`never failing: ${JSON.stringify(view)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      view = await b.connector();
    }
    expect(view.lastError).toMatch(/refused the credentials/);
    expect(view.queueDepth).toBe(3);
    expect(view.deadLetters).toBe(0);
    const current = await b.call('sync.connectors.get', { id: 'snipe' });
    await b.call('sync.connectors.save', {
      id: current.id,
      name: current.name,
      connector: current.connector,
      secretValues: { 'snipeit.token': b.double.token },
    });
    await b.drained();
    await expectRemoteMirrorsLocal(b);
  });

  it('turns a change Snipe-IT keeps refusing into a dead letter that can be retried', async () => {
    bench = await startSyncBench({ dataDir: tempDir(), maxAttempts: 3 });
    const b = bench;
    b.double.faults.inject(
      {
        kind: 'status',
        status: 200,
        body: JSON.stringify({
          status: 'error',
          messages: { model_id: ['The model id field is required.'] },
          payload: null,
        }),
        contentType: 'application/json',
      },
      { times: 3, method: 'POST', path: '/hardware' },
    );
    await createAssets(b.call, 1);
    const until = Date.now() + 10_000;
    let view = await b.connector();
    while (view.deadLetters === 0) {
      if (Date.now() > until) throw new Error(`no dead letter: ${JSON.stringify(view)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      view = await b.connector();
    }
    const dead = await b.call('sync.deadLetters.list', {});
    expect(dead.items[0]!.lastError).toMatch(/model id field is required/);
    await b.call('sync.deadLetters.retry', { ids: [dead.items[0]!.id] });
    await b.drained();
    await expectRemoteMirrorsLocal(b);
    const audit = await b.call('audit.list', { limit: 50 });
    expect(audit.entries.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['sync.dead_letter', 'sync.dead_letter.retried', 'sync.delivered']),
    );
  });
});

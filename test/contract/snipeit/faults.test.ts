// Contract: every fault mode as a real client sees it over the socket (Node's fetch, undici).
// These are not Snipe-IT documentation but the failures a depot's Snipe-IT and its proxy
// produce: 5xx pages, hangs, resets, outages, login pages, cut and runaway bodies, redirects.
import { get } from 'node:http';
import type { ReadableStreamReadResult } from 'node:stream/web';
import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { newAsset, useDouble, type Envelope } from './client.ts';

const start = useDouble();
const MiB = 1024 * 1024;

/** The network error code under fetch's "fetch failed" TypeError. */
async function failure(request: Promise<Response>): Promise<string> {
  try {
    await request;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return cause?.code ?? (error as Error).name;
  }
  return 'no error';
}

/** A full garbage collection, so memory readings show what is held, not what awaits collection. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

function headersFor(token: string) {
  return { accept: 'application/json', authorization: `Bearer ${token}`, 'content-type': 'application/json' };
}

describe('error statuses', () => {
  it('answers 500, 502 and 503 with what Laravel, nginx and maintenance mode send, then recovers', async () => {
    const { api, double } = await start();
    double.faults.failNext(500);
    double.faults.failNext(502);
    double.faults.inject({ kind: 'status', status: 503, retryAfter: 30 });
    const server = await api.get('/hardware');
    expect([server.status, server.body]).toEqual([500, { message: 'Server Error' }]);
    const gateway = await api.get('/hardware');
    expect(gateway.status).toBe(502);
    expect(gateway.text).toContain('<center>nginx</center>');
    const maintenance = await api.get('/hardware');
    expect([maintenance.status, maintenance.headers.get('retry-after')]).toEqual([503, '30']);
    expect(maintenance.body).toEqual({ status: 'error', messages: 503, payload: null });
    expect((await api.get('/hardware')).status).toBe(200);
    expect(double.faults.pending()).toBe(0);
  });

  it('matches by method and path, and answers `times` requests', async () => {
    const { api, double } = await start();
    const armed = double.faults.failNext(503, { method: 'POST', path: '/hardware', times: 2 });
    expect((await api.get('/hardware')).status).toBe(200);
    expect((await api.post('/hardware', newAsset('A'))).status).toBe(503);
    expect(armed.remaining).toBe(1);
    expect((await api.post('/hardware', newAsset('A'))).status).toBe(503);
    expect((await api.post('/hardware', newAsset('A'))).json<Envelope>().status).toBe('success');
    expect(double.assets()).toHaveLength(1);
  });

  it("with when: 'after' the change is made and only the answer is an error", async () => {
    const { api, double } = await start();
    double.faults.failNext(502, { method: 'POST', when: 'after' });
    expect((await api.post('/hardware', newAsset('A', { serial: 'S1' }))).status).toBe(502);
    expect(double.assets().map((asset) => asset.serial)).toEqual(['S1']);
  });
});

describe('connection faults', () => {
  it('hangs until the client gives up', async () => {
    const { double } = await start();
    double.faults.hangNext();
    const code = await failure(
      fetch(`${double.apiUrl}/hardware`, {
        headers: headersFor(double.token),
        signal: AbortSignal.timeout(150),
      }),
    );
    expect(code).toBe('TimeoutError');
    expect(double.requests.last()).toMatchObject({ fault: 'hang', outcome: 'hung', status: null });
  });

  it('resets before the change: ECONNRESET and nothing created', async () => {
    const { double } = await start();
    double.faults.resetNext({ method: 'POST' });
    const post = fetch(`${double.apiUrl}/hardware`, {
      method: 'POST',
      headers: headersFor(double.token),
      body: JSON.stringify(newAsset('A', { serial: 'S1' })),
    });
    expect(await failure(post)).toBe('ECONNRESET');
    expect(double.assets()).toHaveLength(0);
  });

  it('resets after the change: the asset exists though the client saw an error, so a blind retry duplicates it', async () => {
    const { api, double } = await start({ settings: { uniqueSerial: false } });
    double.faults.resetNext({ method: 'POST', when: 'after' });
    const post = () =>
      fetch(`${double.apiUrl}/hardware`, {
        method: 'POST',
        headers: headersFor(double.token),
        body: JSON.stringify(newAsset(`T-${double.assets().length}`, { serial: 'R58N1' })),
      });
    expect(await failure(post())).toBe('ECONNRESET');
    expect(double.duplicateSerials()).toEqual([]);
    expect((await api.get('/hardware/byserial/R58N1')).json<{ total: number }>().total).toBe(1);
    await post();
    expect(double.duplicateSerials()).toEqual(['R58N1']);
  });

  it('goes down (ECONNREFUSED) and comes back on the same port', async () => {
    const { api, double } = await start();
    await double.faults.down(300);
    expect(await failure(fetch(`${double.apiUrl}/hardware`, { headers: headersFor(double.token) }))).toBe(
      'ECONNREFUSED',
    );
    await double.faults.whenUp();
    expect((await api.get('/hardware')).status).toBe(200);
    await double.faults.down();
    expect(await failure(fetch(`${double.apiUrl}/hardware`, { headers: headersFor(double.token) }))).toBe(
      'ECONNREFUSED',
    );
    await double.faults.up();
    expect((await api.get('/hardware')).status).toBe(200);
    expect(double.requests.count()).toBe(2);
  });

  it('drops the connections it has open when it goes down', async () => {
    const { double } = await start();
    double.faults.hangNext();
    const hung = failure(
      fetch(`${double.apiUrl}/hardware`, {
        headers: headersFor(double.token),
        signal: AbortSignal.timeout(5_000),
      }),
    );
    await expect.poll(() => double.requests.count()).toBe(1);
    await double.faults.down(100);
    expect(await hung).toBe('UND_ERR_SOCKET');
    await double.faults.whenUp();
  });

  it('answers slowly', async () => {
    const { api, double } = await start();
    double.faults.slowNext(200);
    const began = performance.now();
    expect((await api.get('/hardware')).status).toBe(200);
    expect(performance.now() - began).toBeGreaterThanOrEqual(190);
  });
});

describe('bodies that are not the JSON asked for', () => {
  it('answers 200 with the HTML login page', async () => {
    const { api, double } = await start();
    double.faults.inject({ kind: 'html' });
    const reply = await api.get('/hardware');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^text\/html/);
    expect(reply.body).toBeUndefined();
    expect(reply.text).toContain('<title>Snipe-IT :: Login</title>');
  });

  it('cuts the JSON in half after processing the request (a PHP fatal error mid-output)', async () => {
    const { api, double } = await start();
    double.faults.inject({ kind: 'truncated' }, { method: 'POST' });
    const reply = await api.post('/hardware', newAsset('A'));
    expect([reply.status, reply.headers.get('content-type')]).toEqual([200, 'application/json']);
    expect(() => JSON.parse(reply.text) as unknown).toThrow(SyntaxError);
    expect(reply.text.startsWith('{"status":"success"')).toBe(true);
    expect(double.assets()).toHaveLength(1);
  });

  it("drops the connection mid-body with mode 'drop'", async () => {
    const { double } = await start();
    double.faults.inject({ kind: 'truncated', mode: 'drop' });
    const response = await fetch(`${double.apiUrl}/hardware`, { headers: headersFor(double.token) });
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow('terminated');
  });

  it('streams a 2 GiB body and stops writing as soon as a fetch client aborts', async () => {
    const { double } = await start();
    double.faults.inject({ kind: 'huge' });
    const controller = new AbortController();
    const response = await fetch(`${double.apiUrl}/hardware`, {
      headers: headersFor(double.token),
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    let read = 0;
    while (read < 16 * MiB) {
      const { value } = (await reader.read()) as ReadableStreamReadResult<Uint8Array>;
      read += value === undefined ? Number.POSITIVE_INFINITY : value.length;
    }
    controller.abort();
    await sleep(100);
    const stats = double.faults.lastHuge!;
    const written = stats.bytesWritten;
    expect(stats).toMatchObject({ clientClosed: true, finished: false });
    // It wrote only as fast as the client read (plus what socket buffers hold), nowhere near 2 GiB.
    expect(written).toBeLessThan(read + 16 * MiB);
    await sleep(100);
    expect(double.faults.lastHuge!.bytesWritten).toBe(written);
  });

  it("keeps the double's memory flat while the huge body flows", async () => {
    const READ_MIB = 72;
    const { double } = await start();
    double.faults.inject({ kind: 'huge' });
    // A plain node:http reader that drops each chunk, so what a full collection leaves is the
    // double's (fetch's own stream queue would blur the reading by ~20 MiB). Memory is read every
    // 8 MiB; the first reading is the baseline.
    const memory = () => {
      collectGarbage();
      return process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    };
    const readings: number[] = [];
    await new Promise<void>((resolve, reject) => {
      get(`${double.apiUrl}/hardware`, { headers: headersFor(double.token) }, (response) => {
        let read = 0;
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read >= (readings.length + 1) * 8 * MiB) readings.push(memory());
          if (read >= READ_MIB * MiB) {
            response.destroy();
            resolve();
          }
        });
      }).on('error', reject);
    });
    expect(readings).toHaveLength(READ_MIB / 8);
    // A double that kept what it sent would be 8, 16, … 64 MiB up at the eight later readings.
    // Node's own buffers sometimes hold a transient 16 MiB at a reading (on a loaded machine, at
    // more than one), so a leak is told by the growth at the last reading and by the smallest,
    // not by a count of flat readings.
    const growth = readings.slice(1).map((reading) => reading - readings[0]!);
    const shown = growth.map((bytes) => `${(bytes / MiB).toFixed(1)} MiB`).join(', ');
    expect(Math.min(...growth), shown).toBeLessThan(4 * MiB);
    expect(growth.at(-1)!, shown).toBeLessThan(24 * MiB);
  });

  it('redirects to another host', async () => {
    const { api, double } = await start();
    double.faults.inject({ kind: 'redirect' });
    const reply = await api.get('/hardware');
    expect(reply.status).toBe(302);
    expect(reply.headers.get('location')).toBe('https://sso.depot.invalid/login');
    double.faults.inject({
      kind: 'redirect',
      status: 301,
      location: 'https://snipe.depot.example/api/v1/hardware',
    });
    expect((await api.get('/hardware')).headers.get('location')).toBe(
      'https://snipe.depot.example/api/v1/hardware',
    );
  });
});

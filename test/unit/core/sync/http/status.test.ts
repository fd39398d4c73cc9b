// Issue #7, "a wrong token", and the other ways a live server says no: every status and
// socket failure becomes the SyncError the worker acts on, with words a technician can use.
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncHttp } from '../../../../../electron/core/sync/http/sync-http.ts';
import { failure } from './failure.ts';
import { closedPort, httpServer, tcpServer, type LocalServer } from './local-server.ts';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function answering(
  reply: (response: ServerResponse) => void,
  options: { timeoutMs?: number; ratePerMinute?: number } = {},
): Promise<SyncHttp> {
  server = await httpServer((request, response) => reply(response));
  return new SyncHttp({
    baseUrl: `${server.url}/api/v1/`,
    ratePerMinute: options.ratePerMinute ?? 60_000,
    timeoutMs: options.timeoutMs ?? 5_000,
  });
}

function send(status: number, headers: Record<string, string>, body = '') {
  return (response: ServerResponse) => {
    response.writeHead(status, headers);
    response.end(body);
  };
}

describe('a wrong token', () => {
  for (const status of [401, 403]) {
    it(`${status} is an auth error asking for the token, whatever the body`, async () => {
      for (const [type, body] of [
        ['application/json', '{"status":"error","messages":"Unauthenticated."}'],
        ['text/html', '<!DOCTYPE html><html><head><title>Forbidden</title></head></html>'],
        ['text/plain', 'Unauthorized'],
      ] as const) {
        const http = await answering(send(status, { 'content-type': type }, body));
        const error = await failure(http.request('GET', 'hardware'));
        expect([error.code, error.status, error.needsPerson], type).toEqual(['auth', status, true]);
        expect(error.message).toBe(
          status === 401
            ? `127.0.0.1:${server!.port} refused the credentials (HTTP 401); check the token or client secret`
            : `127.0.0.1:${server!.port} refused access to /api/v1/hardware (HTTP 403); the token or app lacks a permission it needs`,
        );
        await server!.close();
      }
      server = undefined;
    });
  }
});

describe('throttling', () => {
  it('429 with Retry-After: 3 is throttled for 3000 ms, and the bucket sends nothing before then', async () => {
    const http = await answering(
      send(429, { 'retry-after': '3', 'content-type': 'text/plain' }, 'Too Many Attempts.'),
    );
    const error = await failure(http.request('GET', 'hardware'));
    const answered = Date.now();
    expect([error.code, error.status, error.retryAfterMs]).toEqual(['throttled', 429, 3000]);
    expect(error.message).toMatch(/throttling requests \(429\); retrying in 3 s/);
    // Bounds from the clock, not fixed margins: CI runs this on a loaded machine.
    expect(http.bucket.waitMs()).toBeGreaterThan(3_000 - (Date.now() - answered) - 100);
    // The next request waits for the pause; given a second it has still not been sent.
    const next = await failure(http.request('GET', 'hardware', { signal: AbortSignal.timeout(1_000) }));
    expect(next.message).toMatch(/cancelled/);
    expect(next.elapsedMs).toBeLessThan(2_900);
    expect(server!.hits).toHaveLength(1);
    expect(http.requests).toBe(1);
  });

  it('429 with an HTTP-date Retry-After waits until that date', async () => {
    // HTTP dates have whole seconds: this one is 4–5 s away.
    // The wait is measured from when the answer arrived, so bound it by the clock around the request
    // (a loaded machine may take over a second to answer; a fixed 4–5 s window would then be wrong).
    const at = new Date(Math.floor(Date.now() / 1000) * 1000 + 5_000);
    const http = await answering(send(429, { 'retry-after': at.toUTCString() }));
    const before = Date.now();
    const error = await failure(http.request('GET', 'hardware'));
    const after = Date.now();
    expect(error.code).toBe('throttled');
    expect(error.retryAfterMs).toBeGreaterThanOrEqual(at.getTime() - after);
    expect(error.retryAfterMs).toBeLessThanOrEqual(at.getTime() - before);
    expect(http.bucket.waitMs()).toBeGreaterThan(at.getTime() - Date.now() - 100);
  });

  it('429 without Retry-After waits a minute', async () => {
    const http = await answering(send(429, {}));
    expect((await failure(http.request('GET', 'hardware'))).retryAfterMs).toBe(60_000);
  });
});

describe('server errors', () => {
  for (const status of [500, 503]) {
    it(`${status} is a server error with a readable excerpt of the page`, async () => {
      const page = `<!DOCTYPE html><html><head><title>${status} Service Unavailable</title></head><body><h1>nginx</h1></body></html>`;
      const http = await answering(send(status, { 'content-type': 'text/html' }, page));
      const error = await failure(http.request('GET', 'hardware'));
      expect([error.code, error.status, error.scope]).toEqual(['server', status, 'connector']);
      expect(error.message).toBe(
        `127.0.0.1:${server!.port} answered HTTP ${status}: ${status} Service Unavailable`,
      );
    });
  }

  it('a 500 with a huge body is still a server error (only an excerpt is read)', async () => {
    const http = await answering(send(500, { 'content-type': 'text/plain' }, 'Whoops! '.repeat(2_000_000)));
    const error = await failure(http.request('GET', 'hardware'));
    expect(error.code).toBe('server');
    expect(error.message.length).toBeLessThan(300);
  });
});

describe('no answer', () => {
  it('a server that accepts and never answers is a timeout after timeoutMs', async () => {
    const http = await answering(() => undefined, { timeoutMs: 300 });
    const error = await failure(http.request('GET', 'hardware'));
    expect(error.code).toBe('timeout');
    expect(error.message).toBe(`127.0.0.1:${server!.port} did not answer GET /api/v1/hardware within 0.3 s`);
    expect(error.elapsedMs).toBeGreaterThanOrEqual(290);
    expect(error.elapsedMs).toBeLessThan(3_000);
  });

  it('an abort during the request rejects at once, long before the timeout', async () => {
    const http = await answering(() => undefined, { timeoutMs: 10_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await failure(http.request('GET', 'hardware', { signal: controller.signal }));
    expect(error.code).toBe('network');
    expect(error.message).toMatch(/request to 127\.0\.0\.1:\d+ cancelled/);
    expect(error.elapsedMs).toBeLessThan(5_000);
  });

  it('an abort while waiting for the rate limit rejects at once and sends nothing', async () => {
    const http = await answering(send(204, {}), { ratePerMinute: 1 });
    await http.request('GET', 'first');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await failure(http.request('GET', 'second', { signal: controller.signal }));
    expect(error.message).toMatch(/cancelled/);
    expect(error.elapsedMs).toBeLessThan(5_000); // the rate limit alone would hold it for a minute
    expect(server!.hits).toEqual(['GET /api/v1/first']);
  });

  it('a closed port is a network error saying the connection was refused', async () => {
    const port = await closedPort();
    const http = new SyncHttp({ baseUrl: `http://127.0.0.1:${port}/`, ratePerMinute: 60_000 });
    const error = await failure(http.request('GET', 'hardware'));
    expect([error.code, error.scope]).toEqual(['network', 'connector']);
    expect(error.message).toBe(`127.0.0.1:${port} refused the connection (is it running?)`);
  });

  it('a connection reset in the middle of the answer is a network error', async () => {
    server = await tcpServer((socket) => {
      socket.write(
        'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n{"rows":[{"id":1},',
      );
      setTimeout(() => socket.resetAndDestroy(), 20);
    });
    const http = new SyncHttp({ baseUrl: server.url, ratePerMinute: 60_000, timeoutMs: 5_000 });
    const error = await failure(http.request('GET', 'hardware'));
    expect(error.code).toBe('network');
    expect(error.message).toMatch(/was cut before the answer was complete \(18 of 500 bytes received\)/);
    expect(error.elapsedMs).toBeLessThan(2_000);
  });

  it('a connection reset before any answer is a network error', async () => {
    server = await tcpServer((socket) => socket.resetAndDestroy());
    const http = new SyncHttp({ baseUrl: server.url, ratePerMinute: 60_000, timeoutMs: 5_000 });
    const error = await failure(http.request('GET', 'hardware'));
    expect(error.code).toBe('network');
    expect(error.message).toMatch(/reset the connection/);
  });
});

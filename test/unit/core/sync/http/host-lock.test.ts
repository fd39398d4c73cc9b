// Issue #7: "never follows a redirect off its configured host". Redirects are reported, not
// followed (not even on the same host), and a path that would leave the origin is refused
// before anything is sent. A second real server stands in for the other host: it must
// record nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SyncHttp } from '../../../../../electron/core/sync/http/sync-http.ts';
import { failure } from './failure.ts';
import { httpServer, json, type LocalServer } from './local-server.ts';

let configured: LocalServer;
let elsewhere: LocalServer;
let http: SyncHttp;
/** Where the configured server redirects every request; set per test. */
let location = '';
let status = 302;

beforeEach(async () => {
  elsewhere = await httpServer((request, response) => json(response, 200, { stolen: true }));
  configured = await httpServer((request, response) => {
    if (request.url?.startsWith('/api/v1/moved')) {
      response.writeHead(status, { location, 'content-type': 'text/html' });
      response.end(`<html><body>Moved to <a href="${location}">here</a></body></html>`);
      return;
    }
    json(response, 200, { path: request.url });
  });
  http = new SyncHttp({ baseUrl: `${configured.url}/api/v1/`, ratePerMinute: 60_000, timeoutMs: 5_000 });
});
afterEach(async () => {
  await configured.close();
  await elsewhere.close();
});

describe('redirects', () => {
  for (const code of [301, 302, 303, 307, 308]) {
    it(`${code} to another host is a 'redirect' error naming that host, and the other host is never asked`, async () => {
      status = code;
      location = `${elsewhere.url}/api/v1/hardware?token=x`;
      const error = await failure(http.request('POST', 'moved', { json: { serial: 'R58N1' } }));
      expect([error.code, error.status, error.needsPerson]).toEqual(['redirect', code, true]);
      expect(error.message).toContain(`redirected /api/v1/moved to ${elsewhere.url} (HTTP ${code})`);
      expect(error.message).toMatch(/never follows redirects — check the server address/);
      expect(elsewhere.hits).toEqual([]);
      expect(configured.hits).toEqual(['POST /api/v1/moved']);
    });
  }

  it('a redirect to the same host is not followed either', async () => {
    status = 307;
    location = '/api/v1/hardware';
    const error = await failure(http.request('GET', 'moved'));
    expect(error.code).toBe('redirect');
    expect(error.message).toContain('redirected /api/v1/moved to /api/v1/hardware (HTTP 307)');
    expect(configured.hits).toEqual(['GET /api/v1/moved']);
  });

  it('an http:// to https:// upgrade on the same host is reported (the address should say https)', async () => {
    status = 301;
    location = `https://127.0.0.1:${configured.port}/api/v1/moved`;
    const error = await failure(http.request('GET', 'moved'));
    expect(error.code).toBe('redirect');
    expect(error.message).toContain(`to https://127.0.0.1:${configured.port}`);
    expect(configured.hits).toHaveLength(1);
  });
});

describe('paths that leave the configured origin', () => {
  const offOrigin = () => [
    `${elsewhere.url}/api/v1/hardware`,
    `//127.0.0.1:${elsewhere.port}/api/v1/hardware`,
    `\\\\127.0.0.1:${elsewhere.port}/api/v1/hardware`,
    '//evil.example/x',
    'https://evil.example/x',
    `https://127.0.0.1:${configured.port}/api/v1/hardware`, // same host, other scheme
    'file:///etc/passwd',
  ];

  it('are refused before any request, named in the error, and not counted as sent', async () => {
    for (const path of offOrigin()) {
      const error = await failure(http.request('GET', path));
      expect(error.code, path).toBe('redirect');
      expect(error.message, path).toMatch(
        /^refusing a request to \S+: this connector only talks to http:\/\/127\.0\.0\.1:\d+$/,
      );
    }
    expect(elsewhere.hits).toEqual([]);
    expect(configured.hits).toEqual([]);
    expect(http.requests).toBe(0);
  });

  it('a full URL on the configured origin is used as written (webhooks configure one)', async () => {
    const response = await http.request('GET', `${configured.url}/hooks/in?source=depot`);
    expect(response.json).toEqual({ path: '/hooks/in?source=depot' });
  });

  it('paths are relative to the base path, with or without a leading slash', async () => {
    expect((await http.request('GET', 'hardware/7')).json).toEqual({ path: '/api/v1/hardware/7' });
    expect((await http.request('GET', '/hardware/7')).json).toEqual({ path: '/api/v1/hardware/7' });
    expect(http.requests).toBe(2);
  });
});

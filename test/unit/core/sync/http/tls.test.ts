// Issue #7, "an expired TLS certificate": real HTTPS servers on 127.0.0.1 with certificates
// made for the test. The expired one is otherwise perfect (right host, trusted CA passed as
// `ca`), so expiry is the only thing the client can object to.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SyncHttp } from '../../../../../electron/core/sync/http/sync-http.ts';
import { failure } from './failure.ts';
import { httpServer, httpsServer, json, type LocalServer } from './local-server.ts';
import { makeTestCerts, type TestCerts } from './test-certs.ts';

let certs: TestCerts;
beforeAll(async () => {
  certs = await makeTestCerts();
});

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serveWith(cert: string, ca: string | undefined): Promise<SyncHttp> {
  server = await httpsServer({ key: certs.key, cert }, (request, response) =>
    json(response, 200, { ok: true }),
  );
  return new SyncHttp({
    baseUrl: `${server.url}/api/v1/`,
    ratePerMinute: 60_000,
    timeoutMs: 5_000,
    ...(ca ? { ca } : {}),
  });
}

describe('HTTPS certificates', () => {
  it('a valid certificate from the configured CA works', async () => {
    const http = await serveWith(certs.valid, certs.caPem);
    const response = await http.request('GET', 'hardware');
    expect(response.json).toEqual({ ok: true });
  });

  it('an expired certificate is a tls error that says it expired, and nothing reaches the server', async () => {
    const http = await serveWith(certs.expired, certs.caPem);
    const error = await failure(http.request('POST', 'hardware', { json: { serial: 'R58N1' } }));
    expect([error.code, error.needsPerson, error.scope]).toEqual(['tls', true, 'connector']);
    expect(error.message).toBe(
      `127.0.0.1:${server!.port}: its TLS certificate has expired; nothing was sent`,
    );
    expect(server!.hits).toEqual([]);
  });

  it('a certificate for another host name is a tls error naming that fault', async () => {
    const http = await serveWith(certs.otherHost, certs.caPem);
    const error = await failure(http.request('GET', 'hardware'));
    expect(error.code).toBe('tls');
    expect(error.message).toMatch(/its TLS certificate is for another host name/);
    expect(server!.hits).toEqual([]);
  });

  it('a self-signed certificate without a configured CA is a tls error', async () => {
    const http = await serveWith(certs.selfSigned, undefined);
    const error = await failure(http.request('GET', 'hardware'));
    expect(error.code).toBe('tls');
    expect(error.message).toMatch(/self-signed and not trusted/);
  });

  it('a certificate from a private CA the station was not given is a tls error', async () => {
    const http = await serveWith(certs.valid, undefined);
    const error = await failure(http.request('GET', 'hardware'));
    expect(error.code).toBe('tls');
    expect(error.message).toMatch(/issued by a CA this station does not trust/);
  });

  it('an https:// address on a plain-HTTP port is a tls error that suggests http://', async () => {
    server = await httpServer((request, response) => json(response, 200, {}));
    const http = new SyncHttp({ baseUrl: `https://127.0.0.1:${server.port}/`, ratePerMinute: 60_000 });
    const error = await failure(http.request('GET', 'hardware'));
    expect(error.code).toBe('tls');
    expect(error.message).toMatch(
      /does not speak HTTPS on that port \(should the address start with http:\/\/\?\)/,
    );
  });
});

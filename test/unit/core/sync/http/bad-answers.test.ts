// Issue #7, "Bad input": what comes back is not usable JSON. Real servers on 127.0.0.1; each
// case ends in a SyncError a technician can act on, and the client keeps working afterwards.
import { afterEach, describe, expect, it } from 'vitest';
import { SyncHttp } from '../../../../../electron/core/sync/http/sync-http.ts';
import { failure } from './failure.ts';
import { httpServer, json, tcpServer, type LocalServer } from './local-server.ts';

const servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(server: Promise<LocalServer>): Promise<{ server: LocalServer; http: SyncHttp }> {
  const started = await server;
  servers.push(started);
  const http = new SyncHttp({ baseUrl: `${started.url}/api/v1/`, ratePerMinute: 60_000, timeoutMs: 5_000 });
  return { server: started, http };
}

const LOGIN_PAGE = `<!DOCTYPE html>
<html><head><title>Sign in – Depot SSO</title></head>
<body><form method="post" action="/login"><input name="user"><input type="password" name="pass"></form></body></html>`;

describe('an answer that is not JSON', () => {
  it('an HTML login page with 200 is a bad_response that says HTML, and the client still works after it', async () => {
    let page = true;
    const { http } = await serve(
      httpServer((request, response) => {
        if (!page) return json(response, 200, { total: 1 });
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(LOGIN_PAGE);
      }),
    );
    const error = await failure(http.request('GET', 'hardware'));
    expect([error.code, error.status]).toEqual(['bad_response', 200]);
    expect(error.message).toMatch(/HTML page instead of JSON/);
    expect(error.message).toMatch(/login page/);
    expect(error.message).toContain('/api/v1/hardware');
    page = false;
    expect((await http.request('GET', 'hardware')).json).toEqual({ total: 1 });
  });

  it('a login page labelled application/json is still reported as HTML, not as broken JSON', async () => {
    const { http } = await serve(
      httpServer((request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(LOGIN_PAGE);
      }),
    );
    const error = await failure(http.request('GET', 'hardware'));
    expect(error.code).toBe('bad_response');
    expect(error.message).toMatch(/HTML page/);
  });

  it('plain text with 200 names the content type it got', async () => {
    const { http } = await serve(
      httpServer((request, response) => {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end('OK');
      }),
    );
    const error = await failure(http.request('GET', 'hardware'));
    expect(error.code).toBe('bad_response');
    expect(error.message).toMatch(/text\/plain instead of JSON/);
  });

  it('JSON with a byte-order mark (IIS, .NET) is parsed', async () => {
    const { http } = await serve(
      httpServer((request, response) => {
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        response.end('\uFEFF{"total":3}');
      }),
    );
    expect((await http.request('GET', 'hardware')).json).toEqual({ total: 3 });
  });
});

describe('truncated JSON', () => {
  it('an honest Content-Length around JSON that was cut off is a bad_response saying it does not parse', async () => {
    const { http } = await serve(
      httpServer((request, response) => {
        const cut = '{"total":2,"rows":[{"id":1,"serial":"R58N1';
        response.writeHead(200, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(cut),
        });
        response.end(cut);
      }),
    );
    const error = await failure(http.request('GET', 'hardware'));
    expect(error.code).toBe('bad_response');
    expect(error.message).toMatch(/JSON that does not parse \(42 bytes; cut off/);
  });

  it('a connection closed before the announced Content-Length arrived is a network error saying so', async () => {
    const { http } = await serve(
      tcpServer((socket) => {
        socket.write(
          'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"rows":[',
        );
        setTimeout(() => socket.end(), 20);
      }),
    );
    const error = await failure(http.request('GET', 'hardware'));
    expect(error.code).toBe('network');
    expect(error.message).toMatch(/was cut before the answer was complete \(9 of 1000 bytes/);
    expect(error.elapsedMs).toBeLessThan(2_000); // not left to the 5 s timeout
  });

  it('a chunked answer whose connection closes before the last chunk is a network error', async () => {
    const { http } = await serve(
      tcpServer((socket) => {
        socket.write(
          'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n',
        );
        socket.write('9\r\n{"rows":[\r\n');
        setTimeout(() => socket.end(), 20);
      }),
    );
    const error = await failure(http.request('GET', 'hardware'));
    expect(error.code).toBe('network');
    expect(error.message).toMatch(/before the answer was complete \(9 of an unknown number of bytes/);
  });

  it('an answer framed by closing the connection cannot be told from a whole one: cut JSON is a bad_response', async () => {
    const { http } = await serve(
      tcpServer((socket) => {
        socket.end(
          'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n{"rows":[{"id"',
        );
      }),
    );
    const error = await failure(http.request('GET', 'hardware'));
    expect(error.code).toBe('bad_response');
    expect(error.message).toMatch(/does not parse/);
  });

  it('something that does not speak HTTP at all is a network error, not a crash', async () => {
    const { http } = await serve(tcpServer((socket) => socket.end('SSH-2.0-OpenSSH_9.6\r\n')));
    const error = await failure(http.request('GET', 'hardware'));
    expect(error.code).toBe('network');
    expect(error.message).toMatch(/answered with something that is not HTTP/);
  });
});

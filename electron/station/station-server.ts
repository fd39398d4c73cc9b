import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import type { Core } from '../core/core.ts';
import {
  allowedHosts,
  hostAllowed,
  newStationToken,
  originAllowed,
  requestToken,
  tokenCookie,
  tokensEqual,
} from './auth.ts';
import { setSecurityHeaders } from './security-headers.ts';
import { sendText, serveStatic } from './static-files.ts';
import { handleApiRequest } from './api-route.ts';
import { createContractSocketServer } from './websocket.ts';

export interface StationOptions {
  core: Core;
  host: string;
  port: number;
  rendererDir: string;
  /** Fixed token for tests; a random one per start otherwise. */
  token?: string;
}

export interface Station {
  url: string;
  /** The URL a technician opens: it carries the token once, then a cookie takes over. */
  openUrl: string;
  token: string;
  close(): Promise<void>;
}

const UNAUTHORIZED_TEXT =
  'Depotline station: open the address printed by `depotline serve` (it carries the access token).';

export async function startStation(options: StationOptions): Promise<Station> {
  const token = options.token ?? newStationToken();
  const sockets = createContractSocketServer(options.core);
  let hosts: Set<string> | 'any' = 'any';
  let hostHeader = '';

  const server = createServer((request, response) => {
    void handleRequest(request, response).catch((error: unknown) => {
      options.core.context.log(`station request failed: ${String(error)}`);
      if (!response.headersSent) sendText(response, 500, 'Internal error.');
      else response.destroy();
    });
  });

  async function handleRequest(request: IncomingMessage, response: ServerResponse) {
    setSecurityHeaders(response, hostHeader);
    if (!hostAllowed(request, hosts)) return sendText(response, 421, 'Unknown host name for this station.');
    const url = new URL(request.url ?? '/', 'http://station.invalid');

    // First visit: trade the token in the address for an HttpOnly cookie, and drop it from
    // the address bar (and from history and screenshots) by redirecting.
    const queryToken = url.searchParams.get('token');
    if (queryToken !== null && request.method === 'GET') {
      if (!tokensEqual(token, queryToken)) return sendText(response, 401, UNAUTHORIZED_TEXT);
      url.searchParams.delete('token');
      response.writeHead(303, { 'Set-Cookie': tokenCookie(token), Location: url.pathname + url.search });
      return response.end();
    }
    if (!tokensEqual(token, requestToken(request))) return sendText(response, 401, UNAUTHORIZED_TEXT);
    if (url.pathname.startsWith('/api/')) {
      if (!originAllowed(request)) return sendText(response, 403, 'Cross-origin requests are refused.');
      return handleApiRequest(
        decodeURIComponent(url.pathname.slice('/api/'.length)),
        request,
        response,
        options.core.dispatch,
      );
    }
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return sendText(response, 405, 'Method not allowed.');
    serveStatic(options.rendererDir, url.pathname, response);
  }

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://station.invalid');
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (!hostAllowed(request, hosts)) return refuse('421 Misdirected Request');
    if (!originAllowed(request)) return refuse('403 Forbidden');
    if (url.pathname !== '/ws') return refuse('404 Not Found');
    if (!tokensEqual(token, requestToken(request) ?? url.searchParams.get('token')))
      return refuse('401 Unauthorized');
    sockets.accept(request, socket, head);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  hosts = allowedHosts(options.host, port);
  const displayHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  hostHeader = `${displayHost.includes(':') ? `[${displayHost}]` : displayHost}:${port}`;
  const url = `http://${hostHeader}/`;

  return {
    url,
    openUrl: `${url}?token=${token}`,
    token,
    async close() {
      await sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

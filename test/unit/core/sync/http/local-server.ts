// Real servers on 127.0.0.1 (port 0) for the SyncHttp tests: each records what reached it,
// so a test can prove a request was never made, and closes every socket it ever accepted.
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from 'node:net';

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export interface LocalServer {
  url: string;
  port: number;
  /** "METHOD /path?query" of every request that reached the server. */
  hits: string[];
  close(): Promise<void>;
}

async function listen(server: Server, scheme: 'http' | 'https', hits: string[]): Promise<LocalServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    port,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        // Keep-alive and hanging sockets would hold close() open until they time out.
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function recording(handler: Handler, hits: string[]): Handler {
  return (request, response) => {
    hits.push(`${request.method} ${request.url}`);
    handler(request, response);
  };
}

export function httpServer(handler: Handler): Promise<LocalServer> {
  const hits: string[] = [];
  return listen(createHttpServer(recording(handler, hits)), 'http', hits);
}

export function httpsServer(tls: { key: string; cert: string }, handler: Handler): Promise<LocalServer> {
  const hits: string[] = [];
  const server = createHttpsServer(tls, recording(handler, hits));
  // The client hangs up on a certificate it rejects; that is the test passing, not an error.
  server.on('tlsClientError', () => undefined);
  return listen(server, 'https', hits);
}

/** Speaks raw TCP: for answers no HTTP server would write (cut off, reset mid-body). */
export function tcpServer(onSocket: (socket: Socket) => void): Promise<LocalServer> {
  const hits: string[] = [];
  const server = createNetServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', (data: Buffer) => {
      hits.push(data.toString('latin1').split('\r\n')[0] ?? '');
      onSocket(socket);
    });
  });
  return listen(server, 'http', hits);
}

/** A port nothing listens on: bound, then released. */
export async function closedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function json(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

// A real HTTP server on 127.0.0.1 that records every request (raw body bytes included) and
// answers with whatever the test's handler says.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface RecordingServer {
  url: string;
  requests: RecordedRequest[];
  /** What the next requests get; default 204. */
  reply: (request: RecordedRequest) => Reply;
  close(): Promise<void>;
}

export async function recordingServer(): Promise<RecordingServer> {
  const state: RecordingServer = {
    url: '',
    requests: [],
    reply: () => ({ status: 204 }),
    close: () =>
      new Promise<void>((resolve) => {
        // Node's global agent keeps sockets alive; close them or close() waits for their timeout.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const recorded = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks),
      };
      state.requests.push(recorded);
      const reply = state.reply(recorded);
      response.writeHead(reply.status, reply.headers ?? {});
      response.end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

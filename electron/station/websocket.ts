import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Core } from '../core/core.ts';
import { serveChannel } from '../core/contract-server/serve-channel.ts';

const MAX_MESSAGE_BYTES = 1024 * 1024;

/** The renderer's live channel: requests and push events as JSON envelopes. */
export function createContractSocketServer(core: Core) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  wss.on('connection', (socket: WebSocket) => {
    const detach = serveChannel(
      {
        send: (message) => {
          if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
        },
        onMessage: (handler) =>
          socket.on('message', (data, isBinary) => {
            if (isBinary) return;
            try {
              const bytes = Array.isArray(data)
                ? Buffer.concat(data)
                : Buffer.isBuffer(data)
                  ? data
                  : Buffer.from(new Uint8Array(data));
              handler(JSON.parse(bytes.toString('utf8')) as unknown);
            } catch {
              // Not JSON: no envelope, nothing to answer.
            }
          }),
      },
      core.dispatch,
      core.bus,
    );
    socket.on('close', detach);
    socket.on('error', detach);
  });

  return {
    accept(request: IncomingMessage, socket: Duplex, head: Buffer) {
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
    },
    close(): Promise<void> {
      for (const client of wss.clients) client.close(1001, 'station stopping');
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}

import type { MessageChannelLike } from '../../electron/common/contract/client.ts';

/** One open WebSocket as a contract channel: JSON text frames both ways. */
export function socketChannel(socket: WebSocket): MessageChannelLike {
  return {
    send(message) {
      if (socket.readyState !== WebSocket.OPEN) throw new Error('the connection is not open');
      socket.send(JSON.stringify(message));
    },
    onMessage(handler) {
      const listener = (event: MessageEvent<unknown>) => {
        if (typeof event.data !== 'string') return;
        let parsed: unknown;
        try {
          parsed = JSON.parse(event.data);
        } catch {
          return; // not an envelope; the contract client ignores anything it cannot parse anyway
        }
        handler(parsed);
      };
      socket.addEventListener('message', listener);
      return () => socket.removeEventListener('message', listener);
    },
  };
}

/** `ws:` or `wss:` to `/ws` on the page's own origin (the station sets an HttpOnly cookie for it). */
export function stationSocketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${location.host}/ws`;
}

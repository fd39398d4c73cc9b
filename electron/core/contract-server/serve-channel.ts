import { ClientMessageSchema, invalidInput, type CoreMessage } from '../../common/contract/index.ts';
import type { Dispatch } from './dispatcher.ts';
import type { EventBus } from './event-bus.ts';

/** The core's end of a channel: a WebSocket in station mode, a MessagePort in Electron. */
export interface CoreChannel {
  send(message: CoreMessage): void;
  onMessage(handler: (message: unknown) => void): void;
}

/**
 * Serves the contract on one channel: answers each request envelope and forwards every push
 * event. Returns the function that detaches it when the channel closes.
 */
export function serveChannel(channel: CoreChannel, dispatch: Dispatch, bus: EventBus): () => void {
  channel.onMessage((raw) => {
    const parsed = ClientMessageSchema.safeParse(raw);
    if (!parsed.success) {
      // Answer a malformed envelope when it at least carries an id, so a caller never hangs.
      const id = (raw as { id?: unknown } | null)?.id;
      if (typeof id === 'number' && Number.isInteger(id) && id >= 0) {
        channel.send({ kind: 'response', id, result: { ok: false, error: invalidInput(parsed.error) } });
      }
      return;
    }
    const { id, name, input } = parsed.data;
    void dispatch(name, input).then((result) => channel.send({ kind: 'response', id, result }));
  });
  return bus.subscribe((name, payload) => channel.send({ kind: 'event', name, payload }));
}

import { CoreMessageSchema, type ClientMessage } from './wire.ts';
import type { DepotlineApi, EventName, RequestName } from './index.ts';
import type { Result } from './errors.ts';

/** Anything that carries envelopes both ways: a MessagePort, a WebSocket, an in-process pipe. */
export interface MessageChannelLike {
  send(message: ClientMessage): void;
  /** Registers the one handler for incoming messages; returns an unsubscribe. */
  onMessage(handler: (message: unknown) => void): () => void;
}

/**
 * The client side of the contract over any channel. Used by the preload (MessagePort) and by
 * the renderer in station mode (WebSocket), so the envelope logic is written once.
 */
export function createContractClient(channel: MessageChannelLike): DepotlineApi & { close(): void } {
  let nextId = 1;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const unsubscribe = channel.onMessage((raw) => {
    const parsed = CoreMessageSchema.safeParse(raw);
    if (!parsed.success) return; // not ours; the core validates everything it sends
    const message = parsed.data;
    if (message.kind === 'response') {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else {
      for (const listener of listeners.get(message.name) ?? []) listener(message.payload);
    }
  });

  return {
    request(name: RequestName, input?: unknown) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve as (result: Result<unknown>) => void);
        try {
          channel.send({ kind: 'request', id, name, input: input ?? {} });
        } catch (error) {
          pending.delete(id);
          resolve({
            ok: false,
            error: { code: 'unavailable', message: `The core cannot be reached: ${String(error)}` },
          });
        }
      });
    },
    on(name: EventName, listener: (payload: never) => void) {
      const set = listeners.get(name) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(name, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
    close() {
      unsubscribe();
      for (const resolve of pending.values())
        resolve({ ok: false, error: { code: 'unavailable', message: 'The connection to the core closed.' } });
      pending.clear();
    },
  } as DepotlineApi & { close(): void };
}

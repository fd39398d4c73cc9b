// The preload's side of the core channel, kept free of electron so it is unit-tested in
// plain Node. It turns whichever MessagePort the shell hands over into the contract API:
// requests made before a port arrives wait for it, and when the core restarts (a new port)
// requests still in flight fail as `unavailable` instead of hanging, while event listeners
// carry over to the new port.
import { createContractClient } from '../common/contract/client.ts';
import {
  events,
  isEventName,
  isRequestName,
  type DepotlineApi,
  type EventName,
  type Result,
} from '../common/contract/index.ts';

/** The DOM MessagePort as a preload sees it. */
export interface PortLike {
  postMessage(message: unknown): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  close(): void;
}

export interface CoreBridge {
  readonly api: DepotlineApi;
  /** Use this port from now on; the previous one (a core that died) is closed. */
  attachPort(port: PortLike): void;
}

type Client = ReturnType<typeof createContractClient>;

export function createCoreBridge(): CoreBridge {
  let client: Client | undefined;
  let port: PortLike | undefined;
  const waiting: Array<(client: Client) => void> = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  const emit = (name: EventName, payload: unknown) => {
    for (const listener of listeners.get(name) ?? []) listener(payload);
  };

  const attachPort = (next: PortLike) => {
    client?.close(); // resolves what the old core never answered as `unavailable`
    port?.close();
    port = next;
    const current = createContractClient({
      send: (message) => next.postMessage(message),
      onMessage: (handler) => {
        next.onmessage = (event) => handler(event.data); // assigning onmessage also starts the port
        return () => {
          next.onmessage = null;
        };
      },
    });
    for (const name of Object.keys(events) as EventName[]) current.on(name, (payload) => emit(name, payload));
    client = current;
    for (const run of waiting.splice(0)) run(current);
  };

  const request = (name: unknown, input?: unknown): Promise<Result<unknown>> => {
    // The page is untrusted input too: only names the contract knows ever reach the port.
    if (typeof name !== 'string' || !isRequestName(name)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'unknown_request', message: `There is no request named "${String(name)}".` },
      });
    }
    if (client) return client.request(name, input as never);
    return new Promise((resolve) => waiting.push((ready) => resolve(ready.request(name, input as never))));
  };

  const on = (name: unknown, listener: unknown): (() => void) => {
    if (typeof name !== 'string' || !isEventName(name))
      throw new TypeError(`There is no event named "${String(name)}".`);
    if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
    const set = listeners.get(name) ?? new Set();
    set.add(listener as (payload: unknown) => void);
    listeners.set(name, set);
    return () => {
      set.delete(listener as (payload: unknown) => void);
    };
  };

  return { api: { request, on } as DepotlineApi, attachPort };
}

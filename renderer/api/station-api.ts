import {
  events,
  type DepotlineApi,
  type EventName,
  type RequestName,
  type Result,
} from '../../electron/common/contract/index.ts';
import { createContractClient } from '../../electron/common/contract/client.ts';
import { createConnectionStore, type ConnectionStore } from './connection.ts';
import { socketChannel } from './socket-channel.ts';

type ContractClient = ReturnType<typeof createContractClient>;

export interface StationApi extends DepotlineApi {
  readonly connection: ConnectionStore;
  close(): void;
}

export interface StationApiOptions {
  /** Delays between reconnect attempts; the last one repeats. */
  backoffMs?: readonly number[];
  /** How long a request waits for the socket to (re)open before it answers `unavailable`. */
  waitForOpenMs?: number;
}

const DEFAULT_BACKOFF_MS = [250, 500, 1000, 2000, 4000, 8000];
const EVENT_NAMES = Object.keys(events) as EventName[];

function unavailable(message: string): Result<never> {
  return { ok: false, error: { code: 'unavailable', message } };
}

/**
 * The contract over the station's WebSocket. Each socket gets a fresh contract client (which
 * owns the envelopes); when the socket drops, its pending requests answer `unavailable` and a
 * new socket is tried with backoff. Event listeners live here, so they survive reconnects.
 */
export function createStationApi(url: string, options: StationApiOptions = {}): StationApi {
  const backoff = options.backoffMs ?? DEFAULT_BACKOFF_MS;
  const waitForOpenMs = options.waitForOpenMs ?? 10_000;
  const connection = createConnectionStore('connecting');
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let client: ContractClient | undefined;
  let socket: WebSocket | undefined;
  let attempt = 0;
  let closed = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  const openWaiters = new Set<(client: ContractClient | undefined) => void>();

  function dispatch(name: EventName, payload: unknown) {
    for (const listener of listeners.get(name) ?? []) listener(payload);
  }

  function connect() {
    const current = new WebSocket(url);
    socket = current;
    const channel = socketChannel(current);
    current.addEventListener('open', () => {
      attempt = 0;
      const opened = createContractClient(channel);
      for (const name of EVENT_NAMES) opened.on(name, (payload: unknown) => dispatch(name, payload));
      client = opened;
      connection.set('connected');
      for (const resolve of openWaiters) resolve(opened);
      openWaiters.clear();
    });
    current.addEventListener('close', () => {
      client?.close(); // answers every pending request with `unavailable`
      client = undefined;
      if (closed) return;
      connection.set('disconnected');
      const delay = backoff[Math.min(attempt, backoff.length - 1)] ?? 1000;
      attempt += 1;
      retryTimer = setTimeout(connect, delay);
    });
  }

  function whenOpen(): Promise<ContractClient | undefined> {
    if (client) return Promise.resolve(client);
    if (closed) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        openWaiters.delete(settle);
        resolve(undefined);
      }, waitForOpenMs);
      const settle = (opened: ContractClient | undefined) => {
        clearTimeout(timer);
        resolve(opened);
      };
      openWaiters.add(settle);
    });
  }

  async function request(name: RequestName, input?: unknown): Promise<Result<unknown>> {
    const open = await whenOpen();
    if (!open) return unavailable('The core cannot be reached: the connection to the station is down.');
    return (open.request as (name: RequestName, input?: unknown) => Promise<Result<unknown>>)(name, input);
  }

  function on(name: EventName, listener: (payload: never) => void): () => void {
    const set = listeners.get(name) ?? new Set();
    set.add(listener as (payload: unknown) => void);
    listeners.set(name, set);
    return () => set.delete(listener as (payload: unknown) => void);
  }

  function close() {
    closed = true;
    clearTimeout(retryTimer);
    for (const resolve of openWaiters) resolve(undefined);
    openWaiters.clear();
    socket?.close();
  }

  connect();
  return { request, on, close, connection } as StationApi;
}

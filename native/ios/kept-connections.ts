// One lockdownd session (and the service connections started in it) kept open across a
// driver's calls, as ideviceinstaller keeps one for its whole run: a StartSession is a TLS
// handshake, and MCInstall's connection is another, so a session per call cost a staging job
// a dozen of each. Opened on the first call; kept while calls keep coming; closed once no
// call has used it for `idleMs`, and retired by any error a call throws (the next call opens
// a new one), by restart/erase, or when the device closed it meanwhile (detached, rebooted).
//
// Calls may overlap: each connection is a PlistChannel, whose requests go one at a time in
// order, and a multi-message conversation (Install and its progress) is one exchange.
// A retired session is closed only once the calls still using it have settled.
import { DeviceGoneError } from '../device-errors.ts';
import type { DeviceSession, OpenSession } from './device-session.ts';
import { ChannelClosedError } from './transport/frame-channel.ts';

/** How long a session with no call in flight stays open. */
export const DEFAULT_IDLE_MS = 3_000;

/** A service client kept open in the session (MCInstall, installation_proxy). */
export interface KeptClient {
  readonly usable: boolean;
  hold(held: boolean): void;
  close(): void;
}

/** What a call sees: the session, and the kept service clients. */
export interface KeptSession extends OpenSession {
  /** The session's client of `service`, opened with `make` on first use and kept. */
  client<C extends KeptClient>(service: string, make: (session: OpenSession) => Promise<C>): Promise<C>;
}

interface Live {
  session: OpenSession;
  clients: Map<string, Promise<KeptClient>>;
  users: number;
  retired: boolean;
  idle: NodeJS.Timeout | undefined;
}

export class KeptConnections {
  readonly #device: DeviceSession;
  readonly #idleMs: number;
  #live: Live | undefined;
  #opening: Promise<Live> | undefined;

  constructor(device: DeviceSession, options: { idleMs?: number } = {}) {
    this.#device = device;
    this.#idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  }

  /**
   * Runs `work` in the kept session. `retry` (for reads, which are safe to repeat): when a
   * session reused from an earlier call turns out to be dead, run once more in a new one.
   */
  async use<T>(work: (session: KeptSession) => Promise<T>, options: { retry?: boolean } = {}): Promise<T> {
    const { live, reused } = await this.#acquire();
    try {
      return await work(this.#view(live));
    } catch (error) {
      this.#retire(live);
      if (!(options.retry && reused && lostConnection(error))) throw error;
    } finally {
      this.#release(live);
    }
    return this.use(work);
  }

  /** Closes the session now (or as soon as calls in flight settle): the device is going away. */
  retire(): void {
    if (this.#live) this.#retire(this.#live);
    this.#device.forgetDevice();
  }

  async #acquire(): Promise<{ live: Live; reused: boolean }> {
    for (;;) {
      let opening = this.#opening;
      const reused = opening !== undefined;
      if (!opening) {
        opening = this.#opening = this.#open();
        opening.catch(() => {
          if (this.#opening === opening) this.#opening = undefined;
        });
      }
      const live = await opening;
      if (!live.retired && live.session.lockdown.channel.usable) {
        clearTimeout(live.idle);
        live.idle = undefined;
        if (live.users++ === 0) hold(live, true);
        return { live, reused };
      }
      // Retired meanwhile, or the device closed it while it idled: open another.
      this.#retire(live);
    }
  }

  async #open(): Promise<Live> {
    const session = await this.#device.open();
    const live: Live = { session, clients: new Map(), users: 0, retired: false, idle: undefined };
    this.#live = live;
    return live;
  }

  #view(live: Live): KeptSession {
    return {
      ...live.session,
      client: async <C extends KeptClient>(service: string, make: (session: OpenSession) => Promise<C>) => {
        // Another call may be opening it, or find it closed, meanwhile: look again after each wait.
        for (let kept = live.clients.get(service); kept; kept = live.clients.get(service)) {
          const existing = await kept.catch(() => undefined);
          if (existing?.usable) return existing as C;
          if (live.clients.get(service) === kept) {
            live.clients.delete(service);
            existing?.close();
          }
        }
        const made = make(live.session);
        live.clients.set(service, made);
        made.catch(() => {
          if (live.clients.get(service) === made) live.clients.delete(service);
        });
        return made;
      },
    };
  }

  #release(live: Live): void {
    if (--live.users > 0) return;
    if (live.retired) {
      shut(live);
      return;
    }
    hold(live, false);
    live.idle = setTimeout(() => this.#retire(live), this.#idleMs);
    live.idle.unref();
  }

  #retire(live: Live): void {
    if (this.#live === live) {
      this.#live = undefined;
      this.#opening = undefined;
    }
    if (live.retired) return;
    live.retired = true;
    clearTimeout(live.idle);
    if (live.users === 0) shut(live);
  }
}

/** Errors that say the connection (not the device's answer) failed: a new one may work. */
function lostConnection(error: unknown): boolean {
  return error instanceof DeviceGoneError || error instanceof ChannelClosedError;
}

function hold(live: Live, held: boolean): void {
  live.session.lockdown.channel.hold(held);
  for (const client of live.clients.values()) client.then((c) => c.hold(held)).catch(() => undefined);
}

function shut(live: Live): void {
  for (const client of live.clients.values()) client.then((c) => c.close()).catch(() => undefined);
  live.clients.clear();
  void live.session.lockdown.goodbye().catch(() => undefined);
}

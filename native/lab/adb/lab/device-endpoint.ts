// The "cable" of one virtual phone: a TCP listener on its own port that exists only
// while the phone is plugged in and booted. A reboot, factory reset or unplug closes the
// listener and every connection on it; coming back opens it again and tells the lab
// (which re-runs `adb connect`). A factory reset without adb never comes back online.
import { createServer, type Server, type Socket } from 'node:net';
import type { AdbFeature } from '../protocol/features.ts';
import { routeService } from '../services/router.ts';
import { AdbConnection } from '../transport/connection.ts';
import type { DeviceLifecycleEvent, VirtualAndroidDevice } from '../virtual-device-api.ts';

export interface EndpointOptions {
  device: VirtualAndroidDevice;
  host: string;
  port: number;
  features: readonly AdbFeature[];
  /**
   * Called after the listener opened (true) or closed (false) for any reason; plug() and
   * start() resolve only once a returned promise has settled (e.g. `adb connect` done).
   */
  onReachableChange?: (reachable: boolean) => void | Promise<void>;
  log?: (message: string) => void;
}

export type EndpointStatus = 'online' | 'offline' | 'unplugged' | 'stopped';

export class DeviceEndpoint {
  readonly #options: EndpointOptions;
  readonly #connections = new Set<AdbConnection>();
  readonly #unsubscribe: () => void;
  #server: Server | undefined;
  #plugged = true;
  #booted = true;
  #stopped = false;
  /** Listener changes run one after another, whatever order plug/reboot events come in. */
  #reconciling: Promise<void> = Promise.resolve();

  constructor(options: EndpointOptions) {
    this.#options = options;
    this.#unsubscribe = options.device.onLifecycle((event) => this.#onLifecycle(event));
  }

  get port(): number {
    return this.#options.port;
  }

  get features(): readonly AdbFeature[] {
    return this.#options.features;
  }

  get status(): EndpointStatus {
    if (this.#stopped) return 'stopped';
    if (!this.#plugged) return 'unplugged';
    return this.#booted ? 'online' : 'offline';
  }

  get connectionCount(): number {
    return this.#connections.size;
  }

  /** Opens the listener; rejects (e.g. EADDRINUSE) so the lab can fail its start. */
  async start(): Promise<void> {
    await this.#reconcile();
  }

  async plug(): Promise<void> {
    this.#plugged = true;
    await this.#reconcile();
  }

  /** Cable pulled: connections end cleanly (FIN) and the port closes. */
  async unplug(): Promise<void> {
    this.#plugged = false;
    this.#dropConnections('end');
    await this.#reconcile();
  }

  /** Cable yanked mid-operation: connections are reset (RST), in-flight commands aborted. */
  async yank(): Promise<void> {
    this.#plugged = false;
    this.#dropConnections('reset');
    await this.#reconcile();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#unsubscribe();
    this.#dropConnections('end');
    await this.#reconcile();
  }

  #onLifecycle(event: DeviceLifecycleEvent): void {
    if (event.type === 'offline') {
      this.#booted = false;
      this.#dropConnections(event.reason === 'yanked' ? 'reset' : 'end');
    } else if (event.type === 'online') {
      this.#booted = true;
    } else {
      return;
    }
    this.#reconcile().catch((error: unknown) =>
      this.#log(`listener: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  #reconcile(): Promise<void> {
    const run = this.#reconciling.then(() => this.#applyListenerState());
    // Keep the chain alive after a failure; the caller still sees the rejection.
    this.#reconciling = run.catch(() => undefined);
    return run;
  }

  async #applyListenerState(): Promise<void> {
    const wanted = this.#plugged && this.#booted && !this.#stopped;
    if (wanted && this.#server === undefined) {
      this.#server = await this.#listen();
      await this.#options.onReachableChange?.(true);
    } else if (!wanted && this.#server !== undefined) {
      const server = this.#server;
      this.#server = undefined;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!this.#stopped) await this.#options.onReachableChange?.(false);
    }
  }

  #listen(): Promise<Server> {
    const server = createServer((socket) => this.#accept(socket));
    return new Promise<Server>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: this.#options.host, port: this.#options.port, exclusive: true }, () => {
        server.off('error', reject);
        server.on('error', (error) => this.#log(`server error: ${error.message}`));
        resolve(server);
      });
    });
  }

  #accept(socket: Socket): void {
    if (!this.#plugged || !this.#booted || this.#stopped) {
      socket.destroy();
      return;
    }
    const { device, features, log } = this.#options;
    const connection = new AdbConnection(socket, {
      device,
      features,
      route: routeService,
      ...(log === undefined ? {} : { log }),
    });
    this.#connections.add(connection);
    connection.onClose(() => this.#connections.delete(connection));
  }

  #dropConnections(how: 'end' | 'reset'): void {
    for (const connection of [...this.#connections]) connection.close(how);
    this.#connections.clear();
  }

  #log(message: string): void {
    this.#options.log?.(`[${this.#options.device.serial}] ${message}`);
  }
}

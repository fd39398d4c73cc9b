// Runs the core (dist/electron/core-host.cjs) in a utilityProcess and wires each renderer
// to it with its own MessageChannelMain: one port to the core, the other to the preload.
// The shell never relays contract traffic itself. A crashed core is restarted with backoff
// and every window gets a fresh port; a core that cannot start at all (e.g. a database from
// a newer Depotline) is reported once instead of being restarted forever.
import {
  MessageChannelMain,
  safeStorage,
  utilityProcess,
  type UtilityProcess,
  type WebContents,
} from 'electron';
import type { HostToMain, MainToHost } from '../core/utility-host.ts';
import type { SuppliedKey } from '../core/secrets/supplied-key-source.ts';
import { loadDesktopSecretsKey } from './secrets-key.ts';
import { CORE_PORT_CHANNEL } from '../preload/channels.ts';
import { createRestartPolicy } from './restart-policy.ts';
import { isTrustedFrame } from './url-policy.ts';

export interface CoreProcessOptions {
  hostPath: string;
  dataDir: string;
  log: (message: string) => void;
  /** The core cannot start; restarting will not help. */
  onFatal: (message: string) => void;
  /** The key of the core's secrets file; by default unwrapped with safeStorage (secrets-key.ts). */
  secretsKey?: () => Promise<SuppliedKey>;
}

const STOP_GRACE_MS = 3000;

export class CoreProcess {
  readonly #options: CoreProcessOptions;
  readonly #policy = createRestartPolicy();
  readonly #renderers = new Set<WebContents>();
  #child: UtilityProcess | undefined;
  #secretsKey: Promise<SuppliedKey> | undefined;
  #startingChild = false;
  #restartTimer: NodeJS.Timeout | undefined;
  #stopping = false;
  #fatal = false;

  constructor(options: CoreProcessOptions) {
    this.#options = options;
  }

  start(): void {
    if (this.#child || this.#startingChild || this.#stopping || this.#fatal) return;
    // Unwrapped once (it may ask the OS keychain) and kept for every restart of the core.
    const { dataDir } = this.#options;
    this.#secretsKey ??= (
      this.#options.secretsKey ?? (() => loadDesktopSecretsKey({ dataDir, safeStorage }))
    )();
    this.#startingChild = true;
    void this.#secretsKey.then((secretsKey) => {
      this.#startingChild = false;
      if (!this.#child && !this.#stopping && !this.#fatal) this.#fork(secretsKey);
    });
  }

  #fork(secretsKey: SuppliedKey): void {
    const child = utilityProcess.fork(this.#options.hostPath, [], {
      serviceName: 'Depotline core',
      stdio: 'inherit',
    });
    this.#child = child;
    this.#policy.started(Date.now());
    // In the message, not in env or argv: other processes of the same user can read those.
    this.#post(child, { type: 'start', dataDir: this.#options.dataDir, secretsKey });
    child.on('message', (message: HostToMain) => {
      if (message.type === 'fatal' && !this.#fatal) {
        this.#fatal = true;
        this.#options.onFatal(message.message);
      }
    });
    child.on('exit', (code) => this.#onExit(child, code));
    for (const contents of this.#renderers) this.#connect(child, contents);
  }

  /** Call on every load of a window: a reload drops the page's old port. */
  connectRenderer(contents: WebContents): void {
    if (!this.#renderers.has(contents)) {
      this.#renderers.add(contents);
      contents.once('destroyed', () => this.#renderers.delete(contents));
    }
    if (this.#child) this.#connect(this.#child, contents);
  }

  /** Asks the core to close its database and exit; kills it if it does not within a few seconds. */
  stop(): Promise<void> {
    this.#stopping = true;
    clearTimeout(this.#restartTimer);
    const child = this.#child;
    if (!child) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => child.kill(), STOP_GRACE_MS);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.#post(child, { type: 'stop' });
    });
  }

  #connect(child: UtilityProcess, contents: WebContents): void {
    if (contents.isDestroyed()) return;
    // Only the main frame of a page we served gets a line to the core.
    const frame = contents.mainFrame;
    if (!isTrustedFrame(frame)) {
      this.#options.log(`not connecting the core to ${frame.url}: not the app's own page`);
      return;
    }
    const { port1, port2 } = new MessageChannelMain();
    this.#post(child, { type: 'connect' }, [port1]);
    frame.postMessage(CORE_PORT_CHANNEL, null, [port2]);
  }

  #post(child: UtilityProcess, message: MainToHost, ports: Electron.MessagePortMain[] = []): void {
    child.postMessage(message, ports);
  }

  #onExit(child: UtilityProcess, code: number): void {
    if (child !== this.#child) return;
    this.#child = undefined;
    if (this.#stopping || this.#fatal) return;
    const delay = this.#policy.nextDelay(Date.now());
    this.#options.log(`the core exited (code ${code}); restarting in ${delay} ms`);
    this.#restartTimer = setTimeout(() => this.start(), delay);
  }
}

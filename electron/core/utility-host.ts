// Entry of the core in the desktop app: Electron runs this file (bundled to
// dist/electron/core-host.cjs) in a utilityProcess, so a stuck USB call or a long query
// never freezes a window. It stays plain Node: Electron only adds `process.parentPort`,
// typed locally below so the core still never imports electron.
import { createCore, type Core, type CoreOptions } from './core.ts';
import { serveChannel } from './contract-server/serve-channel.ts';
import { parseSuppliedKey, type SuppliedKey } from './secrets/supplied-key-source.ts';

/** What the shell (electron/main/core-process.ts) sends to this process. */
export type MainToHost =
  /** `secretsKey`: the secrets file's key unwrapped with safeStorage, or why there is none. */
  | { type: 'start'; dataDir: string; secretsKey?: SuppliedKey }
  /** Carries one MessagePort in `ports`: the channel to one renderer's preload. */
  | { type: 'connect' }
  | { type: 'stop' };

/** What this process answers. `fatal` means restarting cannot help (e.g. a newer schema). */
export type HostToMain = { type: 'ready' } | { type: 'fatal'; message: string };

/** Electron's MessagePortMain as a utility process sees it. */
export interface HostPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
}

/** Electron's `process.parentPort`. */
export interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown; ports: HostPort[] }) => void): unknown;
  postMessage(message: HostToMain): void;
}

export interface UtilityHost {
  /** Closes every channel and the database; safe to call twice. */
  close(): void;
}

/**
 * Serves the core to the shell: `start` opens the database, each `connect` serves the
 * contract on the port it carries, `stop` closes everything and exits.
 */
export function runUtilityHost(
  parent: ParentPort,
  options: { create?: (options: CoreOptions) => Core; exit?: (code: number) => void } = {},
): UtilityHost {
  const create = options.create ?? createCore;
  let core: Core | undefined;
  const detachers = new Set<() => void>();

  const close = () => {
    for (const detach of detachers) detach();
    detachers.clear();
    core?.close();
  };

  parent.on('message', ({ data, ports }) => {
    const message = data as Partial<MainToHost> | null;
    if (message?.type === 'start' && typeof message.dataDir === 'string') {
      if (core) return;
      try {
        // The shell's safeStorage key comes first among the secret store's key sources.
        const suppliedKey = parseSuppliedKey(message.secretsKey);
        core = create({
          dataDir: message.dataDir,
          frontDoor: 'electron',
          ...(suppliedKey ? { secrets: { suppliedKey } } : {}),
        });
        parent.postMessage({ type: 'ready' });
      } catch (error) {
        parent.postMessage({
          type: 'fatal',
          message: error instanceof Error ? error.message : String(error),
        });
      }
    } else if (message?.type === 'connect') {
      for (const port of ports) {
        if (core) detachers.add(servePort(port, core, detachers));
        else port.close(); // a core that failed to start serves nobody
      }
    } else if (message?.type === 'stop') {
      close();
      (options.exit ?? process.exit)(0);
    }
  });
  return { close };
}

function servePort(port: HostPort, core: Core, detachers: Set<() => void>): () => void {
  const detach = serveChannel(
    {
      send: (message) => port.postMessage(message),
      onMessage: (handler) => port.on('message', (event) => handler(event.data)),
    },
    core.dispatch,
    core.bus,
  );
  // A reloaded or closed window drops its port: stop pushing events to it.
  port.on('close', () => {
    detach();
    detachers.delete(detach);
  });
  port.start();
  return detach;
}

const parentPort = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort;
if (parentPort) {
  const host = runUtilityHost(parentPort);
  // The shell asks politely ('stop'); a kill or a closing terminal must still close the
  // database cleanly so its WAL is checkpointed.
  process.on('exit', () => host.close());
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => process.exit(0));
}

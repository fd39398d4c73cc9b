// The one place Depotline creates an adbkit client. adbkit is CommonJS; its named ESM export
// `Adb` fails at run time, and Node's and Vitest's ESM interop disagree on what its default
// import is, so it is loaded with require(), which gives the same object everywhere.
import { createRequire } from 'node:module';
import type * as Adbkit from '@devicefarmer/adbkit';
import type { Client } from '@devicefarmer/adbkit';

const { Adb } = createRequire(import.meta.url)('@devicefarmer/adbkit') as typeof Adbkit;

export interface AdbServerOptions {
  /** adb binary used to start the server when it is not running. */
  adbPath: string;
  host: string;
  port: number;
}

export function defaultAdbServerOptions(env: NodeJS.ProcessEnv = process.env): AdbServerOptions {
  const port = Number(env.ANDROID_ADB_SERVER_PORT ?? 5037);
  return {
    adbPath: env.DEPOTLINE_ADB ?? 'adb',
    host: '127.0.0.1',
    port: Number.isInteger(port) && port > 0 ? port : 5037,
  };
}

export function createAdbClient(options: AdbServerOptions): Client {
  return Adb.createClient({ host: options.host, port: options.port, bin: options.adbPath });
}

export type { Client as AdbClient, DeviceClient as AdbDeviceClient } from '@devicefarmer/adbkit';

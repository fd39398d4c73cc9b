// Talks to the adb server on behalf of the lab. Starting the server goes through the adb
// binary (`adb -P PORT start-server`); connect/disconnect send the same smart-socket
// requests `adb connect`/`adb disconnect` send (`host:connect:HOST:PORT`), straight to the
// server, which spares spawning one adb client per device (50 processes on 2 cores cost
// seconds) while leaving the outcome exactly what the adb CLI would get.
import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const REQUEST_TIMEOUT_MS = 15_000;

export interface AdbServerOptions {
  /** The adb binary (default `adb` on PATH). */
  adbPath: string;
  /** The server's port (adb's -P; ANDROID_ADB_SERVER_PORT; default 5037). */
  serverPort: number;
  /** Environment for the adb binary (e.g. a HOME holding a test's own adbkey). */
  env?: NodeJS.ProcessEnv;
}

export class AdbServerClient {
  readonly #options: AdbServerOptions;

  constructor(options: AdbServerOptions) {
    this.#options = options;
  }

  get serverPort(): number {
    return this.#options.serverPort;
  }

  /** Runs `adb -P PORT start-server` (a no-op when it already runs). */
  async startServer(): Promise<void> {
    await this.runAdb(['start-server']);
  }

  /** Runs one adb command against this server; resolves to its stdout. */
  async runAdb(args: readonly string[]): Promise<string> {
    const { adbPath, serverPort, env } = this.#options;
    try {
      const { stdout } = await execFileAsync(adbPath, ['-P', String(serverPort), ...args], {
        env: env ?? process.env,
        timeout: REQUEST_TIMEOUT_MS,
      });
      return stdout;
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new Error(`${adbPath} -P ${serverPort} ${args.join(' ')} failed: ${detail}`, { cause: error });
    }
  }

  /** Like `adb connect HOST:PORT`; resolves to adb's answer ("connected to …", "failed to authenticate to …"). */
  connect(target: string): Promise<string> {
    return this.hostRequest(`host:connect:${target}`);
  }

  /** Like `adb disconnect HOST:PORT`. */
  disconnect(target: string): Promise<string> {
    return this.hostRequest(`host:disconnect:${target}`);
  }

  /** One smart-socket request: 4 hex digits of length + request; answer OKAY/FAIL + hex length + text. */
  hostRequest(request: string): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: this.#options.serverPort });
      const chunks: Buffer[] = [];
      socket.setTimeout(REQUEST_TIMEOUT_MS, () =>
        socket.destroy(new Error(`adb server did not answer ${request}`)),
      );
      socket.on('connect', () =>
        socket.write(`${Buffer.byteLength(request).toString(16).padStart(4, '0')}${request}`),
      );
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('error', (error) =>
        reject(new Error(`adb server on port ${this.#options.serverPort}: ${error.message}`)),
      );
      socket.on('close', () => {
        const reply = Buffer.concat(chunks).toString('utf8');
        const status = reply.slice(0, 4);
        const message = reply.length >= 8 ? reply.slice(8, 8 + parseInt(reply.slice(4, 8), 16)) : '';
        if (status === 'OKAY') resolve(message);
        else reject(new Error(`adb server refused ${request}: ${message || reply || 'no answer'}`));
      });
    });
  }
}

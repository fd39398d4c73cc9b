// Each conformance file runs its own real adb server: on a free port, with a private HOME
// (so its RSA key, and the RSA prompt it triggers, are its own), killed at the end. Files
// can run in parallel and a developer's server on 5037 is never touched.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdbServerClient } from '../../../native/lab/adb/lab/adb-server.ts';
import { LabController, type LabOptions } from '../../../native/lab/adb/lab/lab-controller.ts';
import { freePort, freePortRange } from '../../helpers/ports.ts';

export const ADB = process.env.DEPOTLINE_TEST_ADB ?? 'adb';

export interface AdbResult {
  code: number;
  stdout: string;
  stderr: string;
}

export class AdbFixture {
  readonly port: number;
  readonly env: NodeJS.ProcessEnv;
  /** The private HOME this fixture made, removed by stop(); undefined when attached. */
  readonly #ownedHome: string | undefined;

  private constructor(port: number, home: string, owned: boolean) {
    this.port = port;
    this.#ownedHome = owned ? home : undefined;
    this.env = { ...process.env, HOME: home, ANDROID_ADB_SERVER_PORT: String(port) };
  }

  static async start(): Promise<AdbFixture> {
    const fixture = new AdbFixture(await freePort(), await mkdtemp(join(tmpdir(), 'depotline-adb-')), true);
    const started = await fixture.run(['start-server']);
    if (started.code !== 0) throw new Error(`adb start-server failed: ${started.stderr}`);
    return fixture;
  }

  /** A fixture for a server another process started (and will stop); it is not stopped here. */
  static attach(port: number): AdbFixture {
    return new AdbFixture(port, process.env.HOME ?? tmpdir(), false);
  }

  /** Runs `adb -P port …`; resolves with the exit code instead of throwing. */
  run(args: readonly string[], options: { timeoutMs?: number } = {}): Promise<AdbResult> {
    return new Promise((resolve) => {
      execFile(
        ADB,
        ['-P', String(this.port), ...args],
        { env: this.env, timeout: options.timeoutMs ?? 30_000, maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) => {
          const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
          resolve({ code, stdout, stderr });
        },
      );
    });
  }

  client(): AdbServerClient {
    return new AdbServerClient({ adbPath: ADB, serverPort: this.port, env: this.env });
  }

  /** `adb devices` as serial → state. */
  async states(): Promise<Map<string, string>> {
    const { stdout } = await this.run(['devices']);
    const states = new Map<string, string>();
    for (const line of stdout.split('\n').slice(1)) {
      const [serial, state] = line.trim().split(/\s+/);
      if (serial && state) states.set(serial, state);
    }
    return states;
  }

  /** Polls `adb devices` until every serial has the state (or is absent, for 'absent'). */
  async waitForStates(serials: readonly string[], state: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const states = await this.states();
      if (
        serials.every((serial) => (state === 'absent' ? !states.has(serial) : states.get(serial) === state))
      )
        return;
      if (Date.now() > deadline)
        throw new Error(
          `expected ${serials.join(', ')} to be ${state}; adb says ${JSON.stringify([...states])}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Kills the server and removes the private HOME (only for a fixture that started them). */
  async stop(): Promise<void> {
    if (this.#ownedHome === undefined) return;
    await this.run(['kill-server']);
    await rm(this.#ownedHome, { recursive: true, force: true });
  }
}

/** A lab on free ports announced to this fixture's adb server; logs collected for assertions. */
export async function startLab(adb: AdbFixture, options: Partial<LabOptions> & { android: number }) {
  const logs: string[] = [];
  const portBase = await freePortRange(options.android);
  const lab = await LabController.start({
    seed: 'conformance',
    latency: 'fast',
    portBase,
    adb: adb.client(),
    // Off unless a test asks: conformance tests `adb disconnect` phones and expect them gone.
    rediscoverMs: 0,
    log: (message) => logs.push(message),
    ...options,
  });
  return { lab, logs, serials: lab.list().map((device) => device.adbSerial) };
}

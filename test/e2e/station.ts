import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { freePort, freePortRange } from '../helpers/ports.ts';

const READY_LINE = /^Depotline station ready: (http:\/\/\S+)$/m;
const CLI = path.resolve(import.meta.dirname, '../../scripts/depotline.mjs');
const SEED_ASSETS = path.resolve(import.meta.dirname, 'seed-assets.ts');

export interface Station {
  /** The address the station printed, token included. */
  openUrl: string;
  /** The same origin without the token. */
  origin: string;
  dataDir: string;
  /** The lab's control API, when the station runs simulated phones. */
  labControlUrl?: string;
  stop(): Promise<void>;
}

export interface StationOptions {
  /** Assets to record (through the core) before the station starts: SN-0001 … SN-nnnn. */
  seedAssets?: number;
  /**
   * Simulated phones (fast latency) on a private adb server, and `iphones` behind a private
   * usbmuxd; without it the station runs no lab.
   */
  lab?: { phones: number; iphones?: number; faults?: string };
  timeoutMs?: number;
}

/**
 * Starts `depotline serve --port 0` on a fresh data directory and waits for its ready line.
 * A private adb server's port is picked free but bound only later by adb, so another run's
 * server can take it meanwhile ("Address already in use"): then the station starts again on
 * new ports, twice at most, and any other failure is reported at once.
 */
export async function startStation(options: StationOptions = {}): Promise<Station> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startStationOnce(options);
    } catch (error) {
      const portTaken = error instanceof Error && /Address already in use/.test(error.message);
      if (!portTaken || attempt >= 3) throw error;
    }
  }
}

async function startStationOnce({
  seedAssets = 0,
  lab,
  timeoutMs = 20_000,
}: StationOptions): Promise<Station> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'depotline-e2e-'));
  if (seedAssets > 0)
    execFileSync(process.execPath, [SEED_ASSETS, dataDir, String(seedAssets)], { stdio: 'inherit' });
  // A private adb server (own port, own HOME for its key) so runs never meet a developer's phones.
  const adbPort = lab ? await freePort() : undefined;
  const labArgs = lab
    ? [
        '--lab',
        String(lab.phones),
        '--lab-latency',
        'fast',
        '--lab-faults',
        lab.faults ?? '',
        '--lab-port-base',
        String(await freePortRange(lab.phones)),
        '-P',
        String(adbPort),
        '--lab-ios',
        lab.iphones ? String(lab.iphones) : 'off',
        // The spec taps Trust itself (through the control API), so it can see the prompt wait.
        '--lab-trust-after',
        'never',
      ]
    : ['--lab', 'off', '--lab-ios', 'off'];
  const env = { ...process.env, ...(lab ? { HOME: dataDir } : {}) };
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data-dir', dataDir, ...labArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
    if (adbPort !== undefined)
      execFileSync('adb', ['-P', String(adbPort), 'kill-server'], { env, stdio: 'ignore' });
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    const openUrl = await waitForReady(child, () => output, timeoutMs);
    const labControlUrl = /^Simulated lab: \d+ Android phones, \d+ iPhones; control API (\S+)$/m.exec(
      output,
    )?.[1];
    return {
      openUrl,
      origin: new URL(openUrl).origin,
      dataDir,
      stop,
      ...(labControlUrl ? { labControlUrl } : {}),
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function waitForReady(child: ChildProcess, output: () => string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = READY_LINE.exec(output());
      if (match?.[1]) finish(() => resolve(match[1]!));
    };
    const onExit = (code: number | null) =>
      finish(() => reject(new Error(`depotline serve exited (${code}) before it was ready:\n${output()}`)));
    const timer = setTimeout(
      () => finish(() => reject(new Error(`depotline serve not ready after ${timeoutMs} ms:\n${output()}`))),
      timeoutMs,
    );
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.off('exit', onExit);
      settle();
    };
    child.stdout?.on('data', check);
    child.once('exit', onExit);
    check();
  });
}

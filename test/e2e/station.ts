import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';

const READY_LINE = /^Depotline station ready: (http:\/\/\S+)$/m;
const CLI = path.resolve(import.meta.dirname, '../../scripts/depotline.mjs');
const SEED_ASSETS = path.resolve(import.meta.dirname, 'seed-assets.ts');

export interface Station {
  /** The address the station printed, token included. */
  openUrl: string;
  /** The same origin without the token. */
  origin: string;
  dataDir: string;
  stop(): Promise<void>;
}

export interface StationOptions {
  /** Assets to record (through the core) before the station starts: SN-0001 … SN-nnnn. */
  seedAssets?: number;
  timeoutMs?: number;
}

/** Starts `depotline serve --port 0` on a fresh data directory and waits for its ready line. */
export async function startStation({ seedAssets = 0, timeoutMs = 20_000 }: StationOptions = {}): Promise<Station> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'depotline-e2e-'));
  if (seedAssets > 0) execFileSync(process.execPath, [SEED_ASSETS, dataDir, String(seedAssets)], { stdio: 'inherit' });
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
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
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    const openUrl = await waitForReady(child, () => output, timeoutMs);
    return { openUrl, origin: new URL(openUrl).origin, dataDir, stop };
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
    const onExit = (code: number | null) => finish(() => reject(new Error(`depotline serve exited (${code}) before it was ready:\n${output()}`)));
    const timer = setTimeout(() => finish(() => reject(new Error(`depotline serve not ready after ${timeoutMs} ms:\n${output()}`))), timeoutMs);
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

// A `depotline lab` of N phones in its own process, announced to the benchmark's private adb
// server: each staging run gets a fresh one, so every runner starts from the same factory
// phones. Its own process keeps the lab's CPU and memory out of the figures of the process
// being measured, as the staging console would see real phones.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { AdbFixture } from '../../test/conformance/support/adb-fixture.ts';
import { sampleProcess } from './proc.ts';
export { freePortRange } from '../../test/helpers/ports.ts';

const DEPOTLINE = resolve(import.meta.dirname, '..', 'depotline.mjs');

// If the benchmark dies without its finally blocks, its labs must not outlive it.
const live = new Set<ChildProcess>();
process.once('exit', () => live.forEach((child) => child.kill('SIGKILL')));

export interface LabDevice {
  index: number;
  adbSerial: string;
  serial: string;
}

export interface RunningLab {
  devices: LabDevice[];
  controlUrl: string;
  /** The shell command lines one phone ran, from the lab's control API. */
  commands(index: number): Promise<string[]>;
  /** CPU the lab process has used so far: the phones' side of the work. */
  cpuSeconds(): Promise<number>;
  stop(): Promise<void>;
}

export async function startLabProcess(
  adb: AdbFixture,
  options: { android: number; portBase: number; latency: 'realistic' | 'fast' },
): Promise<RunningLab> {
  const args = [
    DEPOTLINE,
    'lab',
    '--android',
    String(options.android),
    '--latency',
    options.latency,
    '--port-base',
    String(options.portBase),
    '-P',
    String(adb.port),
    '--json',
  ];
  const child = spawn(process.execPath, args, { env: adb.env, stdio: ['ignore', 'pipe', 'inherit'] });
  trackLabChild(child);
  let ready: { controlUrl: string; devices: LabDevice[] };
  try {
    ready = await readJson(child);
    // The lab returns once adb has been told; wait until adb itself lists every phone as ready.
    await adb.waitForStates(
      ready.devices.map((device) => device.adbSerial),
      'device',
      60_000,
    );
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  const { controlUrl, devices } = ready;
  return {
    devices,
    controlUrl,
    async commands(index) {
      const response = await fetch(`${controlUrl}/devices/${index}/commands`);
      const body = (await response.json()) as { commands: { command: string }[] };
      return body.commands.map((entry) => entry.command);
    },
    cpuSeconds: async () => (await sampleProcess(child.pid ?? 0))?.cpuSeconds ?? Number.NaN,
    stop: () => stopChild(child),
  };
}

/** The lab prints one pretty-printed JSON object when it is up; anything else is an error. */
export function readJson<T = { controlUrl: string; devices: LabDevice[] }>(child: ChildProcess): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      try {
        const parsed = JSON.parse(text) as T;
        child.stdout?.off('data', onData);
        child.off('exit', onExit);
        resolvePromise(parsed);
      } catch {
        // not complete yet
      }
    };
    const onExit = (code: number | null) =>
      reject(new Error(`depotline lab exited with ${code} before it was up: ${text}`));
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

/** Keeps a lab child to kill if the benchmark dies without its finally blocks. */
export function trackLabChild(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
}

/** SIGTERM lets the lab disconnect its phones (or remove its usbmuxd socket); SIGKILL if it takes too long. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolvePromise) => child.once('exit', () => resolvePromise()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

// A `depotline lab --ios N` in its own process, for the iOS benchmark: every run gets a fresh
// one, so every runner starts from the same factory iPhones (nothing paired, no apps, no
// profiles). Hosts are trusted without a prompt (--accept-trust-after 0), as when a technician
// taps Trust at once. Its own process keeps the lab's CPU out of the figures of the process
// being measured; that CPU is read from /proc, as the Android lab's is.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { readJson, stopChild, trackLabChild } from './lab-process.ts';
import { sampleProcess } from './proc.ts';

const DEPOTLINE = resolve(import.meta.dirname, '..', 'depotline.mjs');

/** A device as the control API describes it (native/lab/ios/CONTROL-API.md), the fields used here. */
export interface LabIphone {
  index: number;
  udid: string;
  status: string;
  trust: string;
  pairedHosts: number;
  userApps: number;
  profiles: number;
}

/** One entry of a device's command log. */
export interface LabCommand {
  at: number;
  service: string;
  request: string;
}

export interface RunningIosLab {
  /** USBMUXD_SOCKET_ADDRESS for libimobiledevice, and --usbmuxd for Depotline. */
  usbmuxdAddress: string;
  controlUrl: string;
  udids: string[];
  /** The devices as they are now (GET /ios/devices). */
  devices(): Promise<LabIphone[]>;
  /** What one device recorded (GET /ios/devices/:id/commands): lockdownd requests and service events. */
  commands(udid: string): Promise<string[]>;
  /** The same, with when each was recorded (ms since the epoch, the lab's clock). */
  timeline(udid: string): Promise<LabCommand[]>;
  /** CPU the lab process has used so far: the devices' side of the work. */
  cpuSeconds(): Promise<number>;
  stop(): Promise<void>;
}

export async function startIosLabProcess(options: {
  ios: number;
  latency: 'realistic' | 'fast';
}): Promise<RunningIosLab> {
  const args = [
    DEPOTLINE,
    'lab',
    '--ios',
    String(options.ios),
    '--latency',
    options.latency,
    '--accept-trust-after',
    '0',
    '--json',
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  trackLabChild(child);
  let ready: { controlUrl: string; usbmuxdAddress: string; iosDevices: LabIphone[] };
  try {
    ready = await readJson<typeof ready>(child);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  const { controlUrl, usbmuxdAddress } = ready;
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${controlUrl}${path}`);
    if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);
    return (await response.json()) as T;
  };
  return {
    usbmuxdAddress,
    controlUrl,
    udids: ready.iosDevices.map((device) => device.udid),
    devices: async () => (await get<{ devices: LabIphone[] }>('/ios/devices')).devices,
    async commands(udid) {
      const body = await get<{ commands: { service: string; request: string }[] }>(
        `/ios/devices/${udid}/commands`,
      );
      return body.commands.map((entry) => `${entry.service}: ${entry.request}`);
    },
    async timeline(udid) {
      const body = await get<{ commands: { at: string; service: string; request: string }[] }>(
        `/ios/devices/${udid}/commands`,
      );
      return body.commands.map((entry) => ({ ...entry, at: Date.parse(entry.at) }));
    },
    cpuSeconds: async () => (await sampleProcess(child.pid ?? 0))?.cpuSeconds ?? Number.NaN,
    stop: () => stopChild(child),
  };
}

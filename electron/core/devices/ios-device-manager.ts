// Knows which iPhones and iPads are on the bench: follows usbmuxd's attach/detach events,
// pairs each new device (the trust prompt is a device state, not an error), and reads its
// identity once it is trusted. The usbmux/lockdown work itself is behind IosBackend.
import { ChangeSignal } from './change-signal.ts';
import { withTimeout } from './with-timeout.ts';
import type { IosDeviceDriver, IosIdentity } from '../../../native/ios/ios-driver.ts';
import { DeviceUnreadableError } from '../../../native/device-errors.ts';

export interface IosAttachment {
  udid: string;
  /** usbmuxd's LocationID: where the cable is (macOS: the USB topology; Linux: bus and address). */
  locationId: number;
}

/** What pairing said: trusted, waiting for the person at the phone, refused, or failed. */
export type PairOutcome =
  | { kind: 'paired' }
  | { kind: 'pending' }
  | { kind: 'denied' }
  | { kind: 'locked' }
  | { kind: 'failed'; message: string };

export interface IosBackend {
  /** Calls back on every attach and detach; the current devices are reported as attached first. */
  watch(listener: {
    attached(device: IosAttachment): void;
    detached(udid: string): void;
    error(message: string): void;
  }): { close(): void };
  /** Validates an existing pair record, or pairs (Depotline's own host identity) when there is none. */
  pair(udid: string): Promise<PairOutcome>;
  driver(udid: string): IosDeviceDriver;
}

export interface IosDevice {
  udid: string;
  /** 'device' (trusted, usable), 'untrusted' (waiting for the prompt), 'absent' (gone). */
  connection: 'device' | 'untrusted' | 'absent';
  slotKey: string;
  identity: IosIdentity | undefined;
  /** Why the device cannot be used (refused trust, unreadable), in words a technician can act on. */
  problem: string | undefined;
  /** Counts attachments: a restart or erase shows as a higher number once the device is back. */
  generation: number;
}

export interface IosDeviceManagerOptions {
  backend: IosBackend;
  /** How often an untrusted device is asked again whether the prompt was accepted. */
  trustPollMs: number;
  onChange(): void;
  log(message: string): void;
}

const IDENTITY_TIMEOUT_MS = 20_000;

export function iosSlotKey(locationId: number): string {
  return `usbmux:${locationId.toString(16).padStart(8, '0')}`;
}

export class IosDeviceManager {
  readonly #options: IosDeviceManagerOptions;
  readonly #devices = new Map<string, IosDevice>();
  readonly #changes = new ChangeSignal();
  readonly #pairing = new Set<string>();
  #watch: { close(): void } | undefined;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(options: IosDeviceManagerOptions) {
    this.#options = options;
  }

  start(): void {
    this.#stopped = false;
    this.#watch = this.#options.backend.watch({
      attached: (device) => this.#attached(device),
      detached: (udid) => this.#detached(udid),
      error: (message) => this.#options.log(`usbmuxd: ${message}`),
    });
    this.#timer = setInterval(() => this.#retryUntrusted(), this.#options.trustPollMs);
  }

  stop(): void {
    this.#stopped = true;
    clearInterval(this.#timer);
    this.#watch?.close();
    this.#watch = undefined;
    this.#changes.notify();
  }

  list(): IosDevice[] {
    return [...this.#devices.values()];
  }

  has(udid: string): boolean {
    return this.#devices.has(udid);
  }

  generationOf(udid: string): number {
    return this.#devices.get(udid)?.generation ?? 0;
  }

  driver(udid: string): IosDeviceDriver {
    return this.#options.backend.driver(udid);
  }

  /** For staging: resolves once the device is attached, trusted and read (after `sinceGeneration`). */
  async waitForDevice(
    udid: string,
    timeoutMs: number,
    signal: AbortSignal,
    sinceGeneration = 0,
  ): Promise<IosDeviceDriver> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const device = this.#devices.get(udid);
      if (device?.connection === 'device' && device.identity && device.generation > sinceGeneration)
        return this.driver(udid);
      if (
        device?.connection === 'device' &&
        device.problem !== undefined &&
        device.generation > sinceGeneration
      )
        throw new DeviceUnreadableError(device.problem);
      if (signal.aborted) throw new Error('cancelled');
      const left = deadline - Date.now();
      if (left <= 0 || this.#stopped) {
        const why =
          !device || device.connection === 'absent' ? 'it is not attached' : `it is ${device.connection}`;
        throw new Error(why);
      }
      await this.#changes.next(Math.min(left, 1_000), signal);
    }
  }

  /** Reads a trusted device's identity again (after staging changed it, or on request). */
  async refreshIdentity(udid: string): Promise<void> {
    const device = this.#devices.get(udid);
    if (!device || device.connection !== 'device') return;
    const generation = device.generation;
    try {
      const identity = await withTimeout(this.driver(udid).identity(), IDENTITY_TIMEOUT_MS);
      if (device.generation !== generation) return; // it went and came back meanwhile
      device.identity = identity;
      device.problem = undefined;
    } catch (error) {
      if (device.generation !== generation || device.connection !== 'device') return;
      device.problem = `Cannot read the device: ${error instanceof Error ? error.message : String(error)}`;
    }
    this.#changed();
  }

  #attached({ udid, locationId }: IosAttachment): void {
    const known = this.#devices.get(udid);
    this.#devices.set(udid, {
      udid,
      connection: 'untrusted',
      slotKey: iosSlotKey(locationId),
      identity: undefined,
      problem: undefined,
      generation: (known?.generation ?? 0) + 1,
    });
    this.#changed();
    void this.#pair(udid);
  }

  #detached(udid: string): void {
    const device = this.#devices.get(udid);
    if (!device) return;
    device.connection = 'absent';
    this.#changed();
  }

  #retryUntrusted(): void {
    for (const device of this.#devices.values()) {
      if (device.connection === 'untrusted') void this.#pair(device.udid);
    }
  }

  async #pair(udid: string): Promise<void> {
    if (this.#pairing.has(udid) || this.#stopped) return;
    this.#pairing.add(udid);
    try {
      const device = this.#devices.get(udid);
      if (!device || device.connection === 'absent') return;
      const generation = device.generation;
      const outcome = await this.#options.backend.pair(udid).catch((error: unknown): PairOutcome => ({
        kind: 'failed',
        message: error instanceof Error ? error.message : String(error),
      }));
      // The device may have gone (or gone and come back) while pairing ran.
      if (device.generation !== generation || this.#devices.get(udid)?.connection !== 'untrusted') return;
      const before = device.problem;
      device.problem =
        TRUST_PROBLEMS[outcome.kind] ??
        (outcome.kind === 'failed' ? `Pairing failed: ${outcome.message}` : undefined);
      if (outcome.kind === 'paired') {
        device.connection = 'device';
        this.#changed();
        await this.refreshIdentity(udid);
      } else if (device.problem !== before) {
        this.#changed();
      }
    } finally {
      this.#pairing.delete(udid);
    }
  }

  #changed(): void {
    this.#changes.notify();
    if (!this.#stopped) this.#options.onChange();
  }
}

/** What the tile says while a device is not trusted; the technician acts on the phone. */
const TRUST_PROBLEMS: Partial<Record<PairOutcome['kind'], string>> = {
  pending: 'Unlock the device and tap “Trust” on its “Trust This Computer?” prompt, then enter its passcode.',
  denied: '“Don’t Trust” was tapped on the device. Unplug it and plug it in again to be asked once more.',
  locked: 'The device is locked: unlock it so it can show the “Trust This Computer?” prompt.',
};

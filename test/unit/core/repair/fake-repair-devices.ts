// An in-memory device layer for the repair flow's tests: devices are plugged and unplugged by the
// test, a wipe makes the device drop off the bus (as a real reset does), and waitForReturn
// resolves when the test plugs a device with that serial back in.
import type {
  BlockerFacts,
  Diagnostics,
  ReadbackFacts,
  RepairDevice,
  RepairDevices,
  WipeMethod,
  WipeSupport,
} from '../../../../electron/core/repair/repair-device.ts';

export interface FakeDeviceInit {
  platform?: 'android' | 'ios';
  serial: string;
  blockers?: Partial<BlockerFacts>;
  diagnostics?: Partial<Diagnostics>;
  support?: WipeSupport[];
  readback?: Partial<ReadbackFacts>;
  /** Thrown by startWipe (the device refuses). */
  wipeError?: Error;
  /** Thrown by readback (the device cannot be read). */
  readbackError?: Error;
}

export const ANDROID_SUPPORT: WipeSupport[] = [
  { method: 'android-testharness', supported: true },
  { method: 'android-device-owner', supported: false, reason: 'no depot device-owner app on this phone' },
  {
    method: 'android-recovery',
    supported: true,
    instructions: [
      'Hold Volume Up and Power until the recovery menu shows',
      'Choose "Wipe data/factory reset"',
    ],
  },
];

export class FakeRepairDevice implements RepairDevice {
  readonly platform: 'android' | 'ios';
  readonly serial: string;
  facts: BlockerFacts;
  diag: Diagnostics;
  support: WipeSupport[];
  readbackFacts: ReadbackFacts;
  wipeError: Error | undefined;
  readbackError: Error | undefined;
  /** Every method startWipe was called with, in order. */
  readonly wipes: WipeMethod[] = [];
  readbacks = 0;
  /** Set by FakeRepairDevices: what a wipe does to the bus (by default the device drops off). */
  onWipe: (() => void) | undefined;

  constructor(init: FakeDeviceInit) {
    this.platform = init.platform ?? 'android';
    this.serial = init.serial;
    this.facts =
      this.platform === 'android'
        ? { platform: 'android', accounts: [], deviceOwner: null, screenLock: false, ...init.blockers }
        : {
            platform: 'ios',
            activationLock: false,
            supervisedBy: null,
            passcodeSet: false,
            ...init.blockers,
          };
    this.diag = {
      batteryLevel: 80,
      batteryHealth: 93,
      batteryCycles: 210,
      storageTotalBytes: 128e9,
      storageFreeBytes: 100e9,
      osVersion: this.platform === 'android' ? '14' : '17.5',
      ...init.diagnostics,
    };
    this.support =
      init.support ??
      (this.platform === 'android' ? ANDROID_SUPPORT : [{ method: 'ios-erase-device', supported: true }]);
    this.readbackFacts = {
      serial: init.serial,
      imeis: [],
      udid: null,
      inSetup: true,
      accounts: [],
      onlyFactoryPackages: true,
      userFiles: 0,
      ...(this.platform === 'ios' ? { profiles: 0 } : {}),
      ...init.readback,
    };
    this.wipeError = init.wipeError;
    this.readbackError = init.readbackError;
  }

  blockers(): Promise<BlockerFacts> {
    return Promise.resolve(structuredClone(this.facts));
  }

  diagnostics(): Promise<Diagnostics> {
    return Promise.resolve({ ...this.diag });
  }

  wipeSupport(): Promise<WipeSupport[]> {
    return Promise.resolve(structuredClone(this.support));
  }

  startWipe(method: WipeMethod): Promise<void> {
    this.wipes.push(method);
    if (this.wipeError) return Promise.reject(this.wipeError);
    this.onWipe?.();
    return Promise.resolve();
  }

  readback(): Promise<ReadbackFacts> {
    this.readbacks += 1;
    if (this.readbackError) return Promise.reject(this.readbackError);
    return Promise.resolve(structuredClone(this.readbackFacts));
  }
}

export class FakeRepairDevices implements RepairDevices {
  readonly #plugged = new Map<string, FakeRepairDevice>();
  readonly #waiters = new Set<{ serial: string; resolve: (device: FakeRepairDevice | undefined) => void }>();
  /** Serials waitForReturn was asked about, in order. */
  readonly waits: string[] = [];
  /** When false, a wipe leaves the device on the bus (a device that never resets). */
  dropOnWipe = true;
  /**
   * Set: a wipe makes the device leave and come back at once (a phone that reboots faster than
   * the bench looks): the device this returns is plugged in its place, a new appearance of it.
   */
  returnOnWipe: ((wiped: FakeRepairDevice) => FakeRepairDevice) | undefined;
  /** The appearance each serial had when it took its wipe (as BenchRepairDevices' departures). */
  readonly #departed = new Map<string, FakeRepairDevice>();

  plug(device: FakeRepairDevice): FakeRepairDevice {
    device.onWipe = () => {
      this.#departed.set(device.serial, device);
      if (this.returnOnWipe) this.plug(this.returnOnWipe(device));
      else if (this.dropOnWipe) this.unplug(device.serial);
    };
    this.#plugged.set(device.serial, device);
    for (const waiter of [...this.#waiters])
      if (waiter.serial === device.serial) {
        this.#waiters.delete(waiter);
        waiter.resolve(device);
      }
    return device;
  }

  unplug(serial: string): void {
    this.#plugged.delete(serial);
  }

  hasReturned(serial: string): boolean {
    const departed = this.#departed.get(serial);
    const present = this.#plugged.get(serial);
    return departed !== undefined && present !== undefined && present !== departed;
  }

  get(serial: string): FakeRepairDevice | undefined {
    return this.#plugged.get(serial);
  }

  waitForReturn(
    serial: string,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<FakeRepairDevice | undefined> {
    this.waits.push(serial);
    const present = this.#plugged.get(serial);
    if (present) {
      this.#departed.delete(serial);
      return Promise.resolve(present);
    }
    return new Promise((resolve) => {
      const waiter = {
        serial,
        resolve: (device: FakeRepairDevice | undefined) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          this.#waiters.delete(waiter);
          resolve(device);
        },
      };
      const onAbort = () => waiter.resolve(undefined);
      const timer = setTimeout(() => waiter.resolve(undefined), timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiters.add(waiter);
    });
  }

  /** How many waitForReturn calls are pending. */
  get waiting(): number {
    return this.#waiters.size;
  }
}

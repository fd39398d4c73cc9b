// RepairDevices over the bench's device managers: finds the plugged device for a serial (the
// asset's, the adb serial or the UDID) once it is ready, and follows a wiped device until it
// is back. A wiped phone may come back as another one (a swapped board, or someone put a
// different phone in the slot): what returns to the slot the wiped device left counts as its
// return, so the readback can show the serial it reports now, rather than the wait timing out.
import { createAdbClient, type AdbClient, type AdbServerOptions } from '../../../native/adb/adb-client.ts';
import type { DpcWipeCommand } from '../../../native/adb/repair/dpc-wipe.ts';
import { DeviceCommandError } from '../../../native/device-errors.ts';
import type { HostIdentity } from '../../../native/ios/pairing/host-identity.ts';
import type { UsbmuxAddress } from '../../../native/ios/usbmux/usbmux-address.ts';
import type { RepairDevice, RepairDevices } from '../repair/repair-device.ts';
import { AndroidRepairDevice } from './android-repair-device.ts';
import { ChangeSignal } from './change-signal.ts';
import type { ConnectedDevice } from './device-manager.ts';
import type { IosDevice } from './ios-device-manager.ts';
import type { IosDeviceDriver } from '../../../native/ios/ios-driver.ts';
import { IosRepairDevice } from './ios-repair-device.ts';

export interface RepairDevicesOptions {
  /** Undefined: this bench watches no Android phones (and `ios`: no iPhones). */
  android?: {
    manager: { list(): ConnectedDevice[] };
    adb: AdbServerOptions;
    /** The depot's DPC wipe broadcasts; none configured: no device-owner wipe. */
    dpcWipeCommands?: () => readonly DpcWipeCommand[];
  };
  ios?: {
    manager: { list(): IosDevice[]; driver(udid: string): IosDeviceDriver };
    address: UsbmuxAddress;
    /** This install's host identity, so a session can pair again with an erased device. */
    hostIdentity?: () => Promise<HostIdentity>;
  };
  /**
   * Calls back whenever a manager's device list changes (the bench's onDevicesChanged); waits
   * wake at once then. Without it, waits look at the lists every `pollMs`.
   */
  onDevicesChanged?: (listener: () => void) => () => void;
  /** How often a wait looks again when no change was signalled (default 250 ms). */
  pollMs?: number;
}

/** Where a wiped device was and which appearance of it took the wipe. */
interface Departure {
  slotKey: string;
  /**
   * The device as it took the wipe: adb serial and transport id, or UDID and usbmuxd's attach
   * count. adb keeps a TCP device's transport id when it reconnects, so seeing the device not
   * ready at some point (`away`) counts as much as a new appearance.
   */
  appearance: string;
  away: boolean;
}

interface ReadyDevice {
  names: string[];
  slotKey: string;
  appearance: string;
  make(departureKey: string): RepairDevice;
}

const NEVER = new AbortController().signal;

export class BenchRepairDevices implements RepairDevices {
  readonly #options: RepairDevicesOptions;
  readonly #changes = new ChangeSignal();
  readonly #departures = new Map<string, Departure>();
  readonly #client: AdbClient | undefined;
  readonly #unsubscribe: (() => void) | undefined;

  constructor(options: RepairDevicesOptions) {
    this.#options = options;
    this.#client = options.android ? createAdbClient(options.android.adb) : undefined;
    this.#unsubscribe = options.onDevicesChanged?.(() => this.devicesChanged());
  }

  /** Wakes waits now (a manager's list changed). */
  devicesChanged(): void {
    this.#observe(this.#ready());
    this.#changes.notify();
  }

  close(): void {
    this.#unsubscribe?.();
    this.#changes.notify();
  }

  get(serial: string): RepairDevice | undefined {
    const ready = this.#ready();
    this.#observe(ready);
    return ready.find((device) => device.names.includes(serial))?.make(serial);
  }

  async waitForReturn(
    serial: string,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<RepairDevice | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const back = this.#returned(serial);
      if (back) {
        this.#departures.delete(serial);
        return back.make(serial);
      }
      const left = deadline - Date.now();
      if (left <= 0 || signal?.aborted) return undefined;
      await this.#changes.next(Math.min(left, this.#options.pollMs ?? 250), signal ?? NEVER);
    }
  }

  /** After a wipe this adapter sent: a new appearance is ready for `serial` (it left and came back). */
  hasReturned(serial: string): boolean {
    return this.#departures.has(serial) && this.#returned(serial) !== undefined;
  }

  /**
   * The device back for `serial`: after a wipe this adapter sent, a new appearance in the
   * slot it left (whatever it now calls itself) or under the serial; otherwise (a restarted
   * core knows no departure) any ready device with that serial.
   */
  #returned(serial: string): ReadyDevice | undefined {
    const departure = this.#departures.get(serial);
    const ready = this.#ready();
    this.#observe(ready);
    if (departure === undefined) return ready.find((device) => device.names.includes(serial));
    return ready.find(
      (device) =>
        (departure.away || device.appearance !== departure.appearance) &&
        (device.slotKey === departure.slotKey || device.names.includes(serial)),
    );
  }

  /** Marks wiped devices that are no longer ready as away: whatever is ready there later is their return. */
  #observe(ready: readonly ReadyDevice[]): void {
    for (const departure of this.#departures.values()) {
      if (!departure.away && !ready.some((device) => device.appearance === departure.appearance))
        departure.away = true;
    }
  }

  /** Devices that can be worked on now: connected, read, and (Android) finished booting. */
  #ready(): ReadyDevice[] {
    const devices: ReadyDevice[] = [];
    const android = this.#options.android;
    const client = this.#client;
    if (android && client) {
      for (const device of android.manager.list()) {
        const identity = device.identity;
        if (device.connection !== 'device' || !identity?.bootCompleted) continue;
        const appearance = `${device.serial}#${device.appearance}`;
        devices.push({
          names: [device.serial, identity.serial],
          slotKey: device.slotKey,
          appearance,
          make: (key) =>
            new AndroidRepairDevice({
              client,
              adbSerial: device.serial,
              serial: identity.serial,
              manufacturer: identity.manufacturer,
              dpcWipeCommands: android.dpcWipeCommands ?? (() => []),
              wipeGate: (phase) => this.#gate(key, phase, device.slotKey, appearance),
            }),
        });
      }
    }
    const ios = this.#options.ios;
    if (ios) {
      for (const device of ios.manager.list()) {
        const identity = device.identity;
        if (device.connection !== 'device' || !identity) continue;
        const appearance = `${device.udid}#${device.generation}`;
        devices.push({
          names: [device.udid, identity.serial],
          slotKey: device.slotKey,
          appearance,
          make: (key) =>
            new IosRepairDevice({
              serial: identity.serial,
              driver: ios.manager.driver(device.udid),
              target: async () => ({
                udid: device.udid,
                address: ios.address,
                ...(ios.hostIdentity ? { hostIdentity: await ios.hostIdentity() } : {}),
              }),
              wipeGate: (phase) => this.#gate(key, phase, device.slotKey, appearance),
            }),
        });
      }
    }
    return devices;
  }

  /**
   * A second wipe for a device that took one and has not come back (the same appearance is
   * still here, or it is away) is refused; once sent, the departure is what waitForReturn follows.
   */
  #gate(key: string, phase: 'before' | 'sent', slotKey: string, appearance: string): void {
    if (phase === 'before') {
      // Whichever serial it was found by: the appearance is the device.
      if ([...this.#departures.values()].some((d) => d.appearance === appearance && !d.away))
        throw new DeviceCommandError(
          'A wipe was already sent to this device; wait for it to come back before wiping it again.',
        );
      return;
    }
    this.#departures.set(key, { slotKey, appearance, away: false });
  }
}

import { ChangeSignal } from './change-signal.ts';
import { withTimeout } from './with-timeout.ts';
import {
  DeviceUnreadableError,
  type AndroidDeviceDriver,
  type AndroidIdentity,
} from '../../../native/adb/android-driver.ts';
import { adbAndroidDriver } from '../../../native/adb/adb-android-driver.ts';
import { createAdbClient, type AdbClient, type AdbServerOptions } from '../../../native/adb/adb-client.ts';
import { listDevicesLong } from '../../../native/adb/host-request.ts';
import { slotKeyOf, type ListedDevice } from '../../../native/adb/parsers/adb-devices.ts';
import type { DeviceAccess } from '../staging/job-runner.ts';

export interface ConnectedDevice {
  serial: string;
  /** adb's state, or 'absent' for a device seen earlier that is gone now. */
  connection: string;
  /**
   * adb's id of the connection. A re-plugged USB phone gets a new one, but adb keeps the id
   * when it reconnects a TCP transport (a lab phone's reboot), so it cannot tell appearances apart.
   */
  transportId: string | undefined;
  /** Counts the times this serial came onto the bench ready (adb `device`): one per appearance. */
  appearance: number;
  slotKey: string;
  identity: AndroidIdentity | undefined;
  /** Why the identity could not be read (a lying or half-booted device). */
  problem: string | undefined;
}

export interface DeviceManagerOptions {
  adb: AdbServerOptions;
  /** How often adb is asked for the full list (adb 29's tracker misses some changes). */
  pollMs: number;
  onChange(devices: ConnectedDevice[]): void;
  log(message: string): void;
}

const IDENTITY_TIMEOUT_MS = 20_000;

/** What adbkit's tracker reports per change: serials and adb states (`host:track-devices`). */
interface TrackerChangeSet {
  changed: { id: string; type: string }[];
  removed: { id: string; type: string }[];
}

/**
 * Knows which phones are on the bench. It follows adb's tracker for quick updates and
 * reconciles with adb's `devices -l` list on a timer (adb 29's tracker misses some
 * transitions); asking for it also starts the adb server again when it was killed.
 */
export class DeviceManager implements DeviceAccess {
  readonly #options: DeviceManagerOptions;
  readonly #client: AdbClient;
  readonly #devices = new Map<string, ConnectedDevice>();
  readonly #reading = new Set<string>();
  /** Phones whose staging job is polling the boot flag itself (see #forJob). */
  readonly #bootWatched = new Map<string, number>();
  readonly #changes = new ChangeSignal();
  #timer: NodeJS.Timeout | undefined;
  #tracker: { end(): void } | undefined;
  #reconciling: Promise<void> | undefined;
  /** A reconcile was asked for while one was listing: the list it read may predate the change. */
  #reconcileAgain = false;
  #stopped = false;

  constructor(options: DeviceManagerOptions) {
    this.#options = options;
    this.#client = createAdbClient(options.adb);
  }

  start(): void {
    this.#stopped = false;
    void this.reconcile();
    this.#timer = setInterval(() => void this.reconcile(), this.#options.pollMs);
  }

  stop(): void {
    this.#stopped = true;
    clearInterval(this.#timer);
    this.#tracker?.end();
    this.#tracker = undefined;
    this.#changes.notify();
  }

  list(): ConnectedDevice[] {
    return [...this.#devices.values()];
  }

  driver(serial: string): AndroidDeviceDriver {
    return adbAndroidDriver(this.#client, serial);
  }

  /**
   * For the staging engine: resolves once the device is connected and readable again; rejects
   * with DeviceUnreadableError at once when it is connected but its answers cannot be read.
   */
  async waitForDevice(serial: string, timeoutMs: number, signal: AbortSignal): Promise<AndroidDeviceDriver> {
    const deadline = Date.now() + timeoutMs;
    let reread = false;
    for (;;) {
      const device = this.#devices.get(serial);
      if (device?.connection === 'device' && device.identity) return this.#forJob(serial);
      // Connected but unreadable (a lying phone): waiting will not change what it answers.
      // Read it once more, as it may have been half-booted, then fail with what went wrong.
      if (device?.connection === 'device' && device.problem !== undefined && !this.#reading.has(serial)) {
        if (reread) throw new DeviceUnreadableError(device.problem);
        reread = true;
        await this.refreshIdentity(serial);
        continue;
      }
      if (signal.aborted) throw new Error('cancelled');
      const left = deadline - Date.now();
      if (left <= 0 || this.#stopped)
        throw new Error(device ? `adb reports it ${device.connection}` : 'it is not connected');
      await this.#changes.next(Math.min(left, 1_000), signal);
    }
  }

  /**
   * The driver a staging job gets. While the job waits for the phone to boot, it asks the boot
   * flag itself every half second; the manager's own poll of that flag would only double the
   * commands the phone answers, so it pauses until the job's wait ends (then the job, or the
   * manager's next reconcile, reads the booted phone's identity).
   */
  #forJob(serial: string): AndroidDeviceDriver {
    const driver = this.driver(serial);
    return {
      ...driver,
      waitForBoot: async (timeoutMs) => {
        this.#bootWatched.set(serial, (this.#bootWatched.get(serial) ?? 0) + 1);
        try {
          await driver.waitForBoot(timeoutMs);
        } finally {
          const left = (this.#bootWatched.get(serial) ?? 1) - 1;
          if (left > 0) this.#bootWatched.set(serial, left);
          else this.#bootWatched.delete(serial);
        }
      },
    };
  }

  /** Reads a device's identity again (after staging changed it, or on the technician's request). */
  async refreshIdentity(serial: string): Promise<void> {
    const device = this.#devices.get(serial);
    if (!device || device.connection !== 'device' || this.#reading.has(serial)) return;
    this.#reading.add(serial);
    try {
      device.identity = await withTimeout(this.driver(serial).identity(), IDENTITY_TIMEOUT_MS);
      device.problem = undefined;
    } catch (error) {
      device.problem = `Cannot read the device: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this.#reading.delete(serial);
      this.#changed();
    }
  }

  /**
   * A phone still booting is asked only for its boot flag until it has finished: the whole
   * identity (six sections, four of them dumpsys) every second from each of 64 rebooting
   * phones was a good part of the bench's load while they booted.
   */
  async #refreshOnceBooted(serial: string): Promise<void> {
    if (this.#reading.has(serial) || this.#bootWatched.has(serial)) return;
    this.#reading.add(serial);
    let booted: boolean;
    try {
      const reply = await withTimeout(
        this.driver(serial).shell('getprop sys.boot_completed'),
        IDENTITY_TIMEOUT_MS,
      );
      booted = reply.stdout.trim() === '1';
    } catch {
      booted = true; // the full read below says what is wrong
    } finally {
      this.#reading.delete(serial);
    }
    if (booted) await this.refreshIdentity(serial);
  }

  reconcile(): Promise<void> {
    if (this.#reconciling) {
      this.#reconcileAgain = true;
      return this.#reconciling;
    }
    const run = async () => {
      do {
        this.#reconcileAgain = false;
        await this.#reconcileOnce();
      } while (this.#reconcileAgain && !this.#stopped);
    };
    this.#reconciling = run().finally(() => (this.#reconciling = undefined));
    return this.#reconciling;
  }

  /**
   * The tracker's own word that a phone left `device` (offline while it reboots, or gone) is
   * taken at once: a lab phone is back within a few hundred ms under the same transport id, and
   * a list read after that would never show it had gone, so its new appearance would be missed.
   */
  #onTrackerChange(changeSet: TrackerChangeSet): void {
    let changed = false;
    const left = [
      ...changeSet.changed.filter((device) => device.type !== 'device'),
      ...changeSet.removed.map((device) => ({ id: device.id, type: 'absent' })),
    ];
    for (const { id, type } of left) {
      const known = this.#devices.get(id);
      if (!known || known.connection !== 'device') continue;
      known.connection = type; // its identity stays on its tile until it is back and read again
      changed = true;
    }
    if (changed) this.#changed();
    void this.reconcile();
  }

  async #reconcileOnce(): Promise<void> {
    if (this.#stopped) return;
    let listed: ListedDevice[];
    try {
      listed = await listDevicesLong(this.#client);
    } catch (error) {
      this.#options.log(`adb server unreachable: ${String(error)}`);
      this.#markAllAbsent();
      return;
    }
    this.#ensureTracker();
    let changed = false;
    const present = new Set(listed.map((device) => device.serial));
    for (const listedDevice of listed) {
      const known = this.#devices.get(listedDevice.serial);
      if (
        !known ||
        known.connection !== listedDevice.state ||
        known.transportId !== listedDevice.transportId
      ) {
        const fresh =
          !known || known.connection !== 'device' || known.transportId !== listedDevice.transportId;
        const arrives = listedDevice.state === 'device' && fresh;
        this.#devices.set(listedDevice.serial, {
          serial: listedDevice.serial,
          connection: listedDevice.state,
          transportId: listedDevice.transportId,
          appearance: (known?.appearance ?? 0) + (arrives ? 1 : 0),
          slotKey: slotKeyOf(listedDevice),
          identity: fresh ? undefined : known.identity,
          problem: undefined,
        });
        changed = true;
        if (listedDevice.state === 'device') void this.refreshIdentity(listedDevice.serial);
      } else if (known.connection === 'device' && known.problem !== undefined) {
        // A phone back on adb before it finished booting may not answer everything yet: ask again.
        void this.refreshIdentity(listedDevice.serial);
      } else if (known.connection === 'device' && known.identity?.bootCompleted === false) {
        void this.#refreshOnceBooted(listedDevice.serial);
      }
    }
    for (const device of this.#devices.values()) {
      if (present.has(device.serial)) continue;
      if (device.connection !== 'absent') {
        device.connection = 'absent';
        changed = true;
      }
    }
    if (changed) this.#changed();
  }

  #ensureTracker(): void {
    if (this.#tracker || this.#stopped) return;
    this.#client
      .trackDevices()
      .then((tracker: Awaited<ReturnType<AdbClient['trackDevices']>>) => {
        if (this.#stopped) return tracker.end();
        this.#tracker = tracker;
        tracker.on('changeSet', (changeSet: TrackerChangeSet) => this.#onTrackerChange(changeSet));
        const drop = () => {
          if (this.#tracker === tracker) this.#tracker = undefined;
        };
        tracker.on('end', drop);
        tracker.on('error', drop);
      })
      .catch((error: unknown) => this.#options.log(`adb tracker unavailable: ${String(error)}`));
  }

  #markAllAbsent(): void {
    let changed = false;
    for (const device of this.#devices.values()) {
      if (device.connection !== 'absent') {
        device.connection = 'absent';
        changed = true;
      }
    }
    if (changed) this.#changed();
  }

  #changed(): void {
    this.#changes.notify();
    if (this.#stopped) return;
    this.#options.onChange(this.list());
  }
}

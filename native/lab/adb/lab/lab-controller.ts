// The Android lab: N virtual phones, each behind its own TCP port, announced to an adb
// server, plus the knobs a test or an operator turns (the cable, the RSA prompt, the
// device controls). The CLI and the HTTP control API are thin layers over this class.
import { createLabAndroidDevice } from '../device/index.ts';
import { labApkInspections } from '../device/packages/apk-inspections.ts';
import { IMPLEMENTED_FEATURES, type AdbFeature } from '../protocol/features.ts';
import type {
  LabAndroidDevice,
  LabCommand,
  LabDeviceControls,
  LabDeviceOptions,
  LatencyModel,
  RebootTarget,
} from '../virtual-device-api.ts';
import type { AdbServerClient } from './adb-server.ts';
import { DeviceEndpoint, type EndpointStatus } from './device-endpoint.ts';
import { featuresWithFault, type Fault } from './faults.ts';
import { withReplyFault } from './reply-faults.ts';

/** adb's server scans these at start-up and never re-adds one that dropped: keep clear. */
export const ADB_SCAN_PORTS = { first: 5555, last: 5585 } as const;

export interface LabOptions {
  android: number;
  seed: string;
  portBase: number;
  latency: LatencyModel;
  host?: string;
  /** Device index → fault (see faults.ts). */
  faults?: ReadonlyMap<number, Fault>;
  /** What every device advertises before faults (default: all implemented features). */
  features?: readonly AdbFeature[];
  /** Per-device override of the advertised features (conformance tests force install paths). */
  featuresFor?: (index: number) => readonly AdbFeature[] | undefined;
  /** Healthy devices accept the RSA prompt this long after starting. */
  acceptRsaAfterMs?: number;
  /**
   * How often the lab checks that adb still lists its plugged-in phones (ms; 0 = never). adb
   * finds a USB phone again by itself after a restart but forgets `adb connect`ed ones; the
   * lab re-announces them, so a lab phone behaves like a USB one when the server restarts.
   */
  rediscoverMs?: number;
  /** The adb server to announce devices to; without it the lab only listens. */
  adb?: AdbServerClient;
  createDevice?: (options: LabDeviceOptions) => LabAndroidDevice;
  log?: (message: string) => void;
}

export interface LabDeviceInfo {
  index: number;
  /** What adb calls it: HOST:PORT. */
  adbSerial: string;
  /** The phone's own serial (ro.serialno). */
  serial: string;
  port: number;
  manufacturer: string;
  model: string;
  androidRelease: string;
  sdk: number;
  imei: string;
  status: EndpointStatus;
  authorized: boolean;
  connections: number;
  features: readonly AdbFeature[];
  fault: Fault | null;
}

interface LabEntry {
  index: number;
  adbSerial: string;
  device: LabAndroidDevice;
  endpoint: DeviceEndpoint;
  fault: Fault | undefined;
}

export class LabController {
  readonly #entries: LabEntry[];
  readonly #adb: AdbServerClient | undefined;
  readonly #log: (message: string) => void;
  #started = false;
  #rediscovery: NodeJS.Timeout | undefined;

  private constructor(entries: LabEntry[], adb: AdbServerClient | undefined, log: (message: string) => void) {
    this.#entries = entries;
    this.#adb = adb;
    this.#log = log;
  }

  /** Starts every device and announces it to adb; on any failure stops what started and rejects. */
  static async start(options: LabOptions): Promise<LabController> {
    validatePorts(options.portBase, options.android);
    const host = options.host ?? '127.0.0.1';
    const createDevice = options.createDevice ?? createLabAndroidDevice;
    const log = options.log ?? (() => undefined);
    const entries: LabEntry[] = [];
    // The controller exists before the endpoints so their reconnect callback can reach it.
    const lab = new LabController(entries, options.adb, log);
    for (let index = 0; index < options.android; index++) {
      const fault = options.faults?.get(index);
      const port = options.portBase + index;
      const device = withReplyFault(
        createDevice({
          seed: options.seed,
          index,
          latency: options.latency,
          ...(fault?.kind === 'unauthorized' ? {} : { autoAcceptRsaAfterMs: options.acceptRsaAfterMs ?? 0 }),
        }),
        fault,
      );
      applyControlFault(device.control, fault);
      const features =
        options.featuresFor?.(index) ?? featuresWithFault(options.features ?? IMPLEMENTED_FEATURES, fault);
      const adbSerial = `${host}:${port}`;
      const endpoint = new DeviceEndpoint({
        device,
        host,
        port,
        features,
        log,
        onReachableChange: (reachable) => lab.#onReachableChange(adbSerial, reachable),
      });
      entries.push({ index, adbSerial, device, endpoint, fault });
    }
    try {
      await Promise.all(
        entries.map((entry) =>
          entry.endpoint.start().catch((error: unknown) => {
            const reason = error instanceof Error ? error.message : String(error);
            throw new Error(
              `device ${entry.index} cannot listen on ${entry.adbSerial} (${reason}); choose another port base`,
              { cause: error },
            );
          }),
        ),
      );
      const adb = options.adb;
      if (adb !== undefined) {
        await adb.startServer();
        await Promise.all(entries.map((entry) => adb.connect(entry.adbSerial)));
      }
    } catch (error) {
      await lab.stop();
      throw error;
    }
    lab.#started = true;
    const every = options.rediscoverMs ?? 2_000;
    if (options.adb !== undefined && every > 0) {
      lab.#rediscovery = setInterval(() => void lab.#rediscover(), every);
      lab.#rediscovery.unref();
    }
    return lab;
  }

  /** Re-announces plugged-in, booted phones that the adb server no longer lists (it restarted). */
  async #rediscover(): Promise<void> {
    if (!this.#started || this.#adb === undefined) return;
    let listed: Set<string>;
    try {
      listed = new Set(
        (await this.#adb.hostRequest('host:devices')).split('\n').map((line) => line.split('\t')[0] ?? ''),
      );
    } catch {
      return; // no adb server right now; whoever starts it again brings us back on the next tick
    }
    for (const entry of this.#entries) {
      if (entry.endpoint.status === 'online' && !listed.has(entry.adbSerial)) {
        this.#adb
          .connect(entry.adbSerial)
          .catch((error: unknown) => this.#log(`adb connect ${entry.adbSerial}: ${String(error)}`));
      }
    }
  }

  list(): LabDeviceInfo[] {
    return this.#entries.map((entry) => describe(entry));
  }

  /** Finds a device by index, adb serial (HOST:PORT) or the phone's serial. */
  find(id: string): LabDeviceInfo | undefined {
    const entry = this.#find(id);
    return entry && describe(entry);
  }

  controls(id: string): LabDeviceControls | undefined {
    return this.#find(id)?.device.control;
  }

  /** The command lines a device has run, oldest first. */
  commands(id: string): readonly LabCommand[] | undefined {
    return this.#find(id)?.device.commandLog();
  }

  reboot(id: string, target: RebootTarget): boolean {
    const entry = this.#find(id);
    entry?.device.reboot(target);
    return entry !== undefined;
  }

  async plug(id: string): Promise<boolean> {
    const entry = this.#find(id);
    if (entry === undefined) return false;
    await entry.endpoint.plug(); // resolves once the reachable callback has announced it to adb
    return true;
  }

  /** Like a USB cable pulled: the device leaves `adb devices`. `yank` resets sockets mid-transfer. */
  async unplug(id: string, how: 'unplug' | 'yank' = 'unplug'): Promise<boolean> {
    const entry = this.#find(id);
    if (entry === undefined) return false;
    await (how === 'yank' ? entry.endpoint.yank() : entry.endpoint.unplug());
    await this.#adb
      ?.disconnect(entry.adbSerial)
      .catch((error: unknown) => this.#log(`adb disconnect ${entry.adbSerial}: ${String(error)}`));
    return true;
  }

  /** Disconnects every device from adb, closes every port and stops every device timer. */
  async stop(): Promise<void> {
    this.#started = false;
    clearInterval(this.#rediscovery);
    const adb = this.#adb;
    if (adb !== undefined) {
      await Promise.all(this.#entries.map((entry) => adb.disconnect(entry.adbSerial).catch(() => undefined)));
    }
    await Promise.all(this.#entries.map((entry) => entry.endpoint.stop()));
    for (const entry of this.#entries) (entry.device as { dispose?: () => void }).dispose?.();
    // Give back the APKs the phones installed (a lab embedded in a longer-lived process). Another
    // lab in the same process only has to inspect its next APK again.
    labApkInspections.clear();
  }

  #find(id: string): LabEntry | undefined {
    if (/^\d+$/.test(id)) return this.#entries[Number(id)];
    return this.#entries.find((entry) => entry.adbSerial === id || entry.device.serial === id);
  }

  /** A device came back (booted, plugged in): announce it again, as a depot PC re-plugs. */
  async #onReachableChange(adbSerial: string, reachable: boolean): Promise<void> {
    // During start() the devices are announced together, after every port is open.
    if (!reachable || !this.#started || this.#adb === undefined) return;
    await this.#adb
      .connect(adbSerial)
      .catch((error: unknown) => this.#log(`adb connect ${adbSerial}: ${String(error)}`));
  }
}

function describe(entry: LabEntry): LabDeviceInfo {
  const { identity } = entry.device;
  return {
    index: entry.index,
    adbSerial: entry.adbSerial,
    serial: identity.serial,
    port: entry.endpoint.port,
    manufacturer: identity.manufacturer,
    model: identity.model,
    androidRelease: identity.androidRelease,
    sdk: identity.sdk,
    imei: identity.imei,
    status: entry.endpoint.status,
    authorized: entry.device.isAuthorized(),
    connections: entry.endpoint.connectionCount,
    features: entry.endpoint.features,
    fault: entry.fault ?? null,
  };
}

function applyControlFault(control: LabDeviceControls, fault: Fault | undefined): void {
  switch (fault?.kind) {
    case 'slow':
      control.setSlowdown(Number(fault.arg ?? 10));
      return;
    case 'full-storage':
      control.fillStorage(fault.arg === undefined ? Number.MAX_SAFE_INTEGER : Number(fault.arg));
      return;
    case 'fail-install':
      control.failNextInstall(fault.arg ?? 'INSTALL_FAILED_INSUFFICIENT_STORAGE');
      return;
    case 'hang-install':
      control.hangNextInstall();
      return;
  }
}

export function validatePorts(portBase: number, count: number): void {
  const last = portBase + count - 1;
  if (!Number.isInteger(portBase) || portBase < 1024 || last > 65535) {
    throw new Error(`ports ${portBase}–${last} are outside 1024–65535`);
  }
  if (portBase <= ADB_SCAN_PORTS.last && last >= ADB_SCAN_PORTS.first) {
    throw new Error(
      `ports ${portBase}–${last} overlap ${ADB_SCAN_PORTS.first}–${ADB_SCAN_PORTS.last}, which the adb server scans on its own; choose another --port-base`,
    );
  }
}

// The iOS lab: N simulated iPhones behind one usbmuxd, plus the knobs a test or an operator
// turns (cables, the trust prompt, Setup Assistant, supervision, faults). The CLI and the
// HTTP control API are thin layers over this class, as for the Android lab.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { modelNameOf } from '../../../ios/product-types.ts';
import { LabIosDevice, type LabIosCommand } from '../device/lab-ios-device.ts';
import type { LatencyModel } from '../device/latency.ts';
import { countUserMedia } from '../device/repair-content.ts';
import type { TrustState } from '../device/trust-prompt.ts';
import type { LabIosService } from '../services/service-api.ts';
import { PairRecordStore } from '../usbmuxd/pair-record-store.ts';
import type { UsbmuxAddress } from '../usbmuxd/usbmux-address.ts';
import { systemBuidFor, UsbmuxdServer } from '../usbmuxd/usbmuxd-server.ts';
import { locationIdOf, slotOf, usbProductId, type UsbSlot } from '../usbmuxd/usb-slots.ts';

export interface IosLabOptions {
  ios: number;
  seed: string;
  latency: LatencyModel;
  /** Where usbmuxd listens; default: usbmuxd.sock in a new private temp folder (removed at stop). */
  usbmuxd?: UsbmuxAddress;
  /** undefined: trust prompts wait for the control API; 0: no prompt; n: accepted n ms after it shows. */
  acceptTrustAfterMs?: number;
  /** The lockdown services devices can start. */
  services: readonly LabIosService[];
  /** Keep usbmuxd's pair records in this folder (default: in memory). */
  pairRecordDir?: string;
  log?: (message: string) => void;
}

export interface IosLabDeviceInfo {
  index: number;
  udid: string;
  serial: string;
  /** UniqueChipID in decimal. */
  ecid: string;
  imei: string | null;
  productType: string;
  modelName: string;
  deviceClass: string;
  iosVersion: string;
  buildVersion: string;
  deviceName: string;
  /** online: on usbmuxd; booting: restarting or erasing; off: shut down; unplugged: cable out. */
  status: 'online' | 'booting' | 'off' | 'unplugged';
  /** usbmuxd's DeviceID while attached (a new one each time it is plugged in). */
  deviceId: number | null;
  locationId: number;
  slot: UsbSlot;
  trust: TrustState;
  pairedHosts: number;
  activationState: 'Activated' | 'Unactivated';
  inSetupAssistant: boolean;
  supervised: boolean;
  organisation: string | null;
  activationLock: boolean;
  passcodeSet: boolean;
  locked: boolean;
  battery: { level: number; charging: boolean };
  storage: { totalBytes: number; freeBytes: number };
  userApps: number;
  profiles: number;
  cloudConfiguration: boolean;
  /** Files under the user media folders (DCIM, Downloads, Books, Recordings). */
  mediaFiles: number;
  /** Open connections to the device's ports through usbmuxd. */
  connections: number;
}

interface Entry {
  index: number;
  device: LabIosDevice;
  slot: UsbSlot;
  /** How the next detach ends the device's tunnels ('reset' after a yank). */
  detachHow: 'close' | 'reset';
}

export class IosLabController {
  readonly #entries: Entry[];
  readonly #usbmuxd: UsbmuxdServer;
  readonly #tempDir: string | undefined;

  private constructor(entries: Entry[], usbmuxd: UsbmuxdServer, tempDir: string | undefined) {
    this.#entries = entries;
    this.#usbmuxd = usbmuxd;
    this.#tempDir = tempDir;
  }

  static async start(options: IosLabOptions): Promise<IosLabController> {
    if (!Number.isInteger(options.ios) || options.ios < 0)
      throw new Error(`--ios must be a whole number, got ${options.ios}`);
    const tempDir =
      options.usbmuxd === undefined ? mkdtempSync(join(tmpdir(), 'depotline-usbmuxd-')) : undefined;
    const address: UsbmuxAddress = options.usbmuxd ?? {
      kind: 'unix',
      path: join(tempDir ?? '', 'usbmuxd.sock'),
    };
    let usbmuxd: UsbmuxdServer;
    try {
      usbmuxd = await UsbmuxdServer.start({
        address,
        buid: systemBuidFor(options.seed),
        pairRecords: new PairRecordStore(options.pairRecordDir),
        ...(options.log === undefined ? {} : { log: options.log }),
      });
    } catch (error) {
      if (tempDir !== undefined) rmSync(tempDir, { recursive: true, force: true });
      throw new Error(
        `usbmuxd cannot listen on ${address.kind === 'unix' ? address.path : `${address.host}:${address.port}`}: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    const entries: Entry[] = [];
    for (let index = 0; index < options.ios; index++) {
      const device = new LabIosDevice({
        seed: options.seed,
        index,
        latency: options.latency,
        services: options.services,
        ...(options.acceptTrustAfterMs === undefined
          ? {}
          : { acceptTrustAfterMs: options.acceptTrustAfterMs }),
        ...(options.log === undefined ? {} : { log: options.log }),
      });
      entries.push({ index, device, slot: slotOf(index), detachHow: 'close' });
    }
    const lab = new IosLabController(entries, usbmuxd, tempDir);
    for (const entry of entries) {
      entry.device.onOnlineChange((online) => lab.#announce(entry, online));
      lab.#announce(entry, true);
    }
    return lab;
  }

  /** The value of USBMUXD_SOCKET_ADDRESS for tools to find this lab ("UNIX:/…" or "127.0.0.1:PORT"). */
  get usbmuxdAddress(): string {
    return this.#usbmuxd.address;
  }

  get usbmuxd(): UsbmuxdServer {
    return this.#usbmuxd;
  }

  list(): IosLabDeviceInfo[] {
    return this.#entries.map((entry) => this.#describe(entry));
  }

  /** By index, UDID (with or without its dash) or serial number. */
  find(id: string): IosLabDeviceInfo | undefined {
    const entry = this.#find(id);
    return entry && this.#describe(entry);
  }

  /** The device model itself (tests and the services read and change it directly). */
  device(id: string): LabIosDevice | undefined {
    return this.#find(id)?.device;
  }

  commands(id: string): readonly LabIosCommand[] | undefined {
    return this.#find(id)?.device.commandLog();
  }

  plug(id: string): boolean {
    return this.#with(id, (entry) => entry.device.plug());
  }

  unplug(id: string): boolean {
    return this.#with(id, (entry) => entry.device.unplug());
  }

  /** Cable yanked mid-transfer: every connection to the device is reset, then as unplug. */
  yank(id: string): boolean {
    return this.#with(id, (entry) => {
      entry.detachHow = 'reset';
      entry.device.unplug();
    });
  }

  restart(id: string): boolean {
    return this.#with(id, (entry) => entry.device.restartNow());
  }

  erase(id: string): boolean {
    return this.#with(id, (entry) => entry.device.wipe());
  }

  async stop(): Promise<void> {
    for (const entry of this.#entries) entry.device.dispose();
    await this.#usbmuxd.close();
    if (this.#tempDir !== undefined) rmSync(this.#tempDir, { recursive: true, force: true });
  }

  #announce(entry: Entry, online: boolean): void {
    const { device } = entry;
    if (!online) {
      this.#usbmuxd.detach(device.udid, entry.detachHow);
      entry.detachHow = 'close';
      return;
    }
    if (!device.online) return;
    this.#usbmuxd.attach({
      udid: device.udid,
      usbSerial: device.identity.usbSerial,
      productId: usbProductId(device.identity.model.deviceClass),
      locationId: locationIdOf(entry.slot),
      accepts: (port) => device.accepts(port),
      connect: (port, stream) => device.connect(port, stream),
    });
  }

  #with(id: string, action: (entry: Entry) => void): boolean {
    const entry = this.#find(id);
    if (entry !== undefined) action(entry);
    return entry !== undefined;
  }

  #find(id: string): Entry | undefined {
    if (/^\d+$/.test(id)) return this.#entries[Number(id)];
    const wanted = id.toUpperCase().replace(/-/g, '');
    return this.#entries.find(
      (entry) =>
        entry.device.identity.usbSerial.toUpperCase() === wanted ||
        entry.device.identity.serial.toUpperCase() === wanted,
    );
  }

  #describe(entry: Entry): IosLabDeviceInfo {
    const { device, index, slot } = entry;
    const id = device.identity;
    const state = device.state;
    const status = !device.plugged ? 'unplugged' : device.power === 'on' ? 'online' : device.power;
    return {
      index,
      udid: id.udid,
      serial: id.serial,
      ecid: String(id.ecid),
      imei: id.imei ?? null,
      productType: id.model.productType,
      modelName: modelNameOf(id.model.productType),
      deviceClass: id.model.deviceClass,
      iosVersion: id.iosVersion,
      buildVersion: id.buildVersion,
      deviceName: state.deviceName,
      status,
      deviceId: this.#usbmuxd.deviceIdOf(id.udid) ?? null,
      locationId: locationIdOf(slot),
      slot,
      trust: device.trustState,
      pairedHosts: device.pairedHostIds.length,
      activationState: state.activated ? 'Activated' : 'Unactivated',
      inSetupAssistant: device.inSetupAssistant,
      supervised: state.supervised,
      organisation: state.organisation ?? null,
      activationLock: state.activationLock,
      passcodeSet: state.passcodeSet,
      locked: state.locked,
      battery: { level: state.battery.level, charging: state.battery.charging },
      storage: { totalBytes: id.totalDiskBytes, freeBytes: device.freeBytes() },
      userApps: [...device.apps.values()].filter((app) => app.type === 'User').length,
      profiles: device.profiles.size,
      cloudConfiguration: device.cloudConfiguration !== undefined,
      mediaFiles: countUserMedia(device.files),
      connections: this.#usbmuxd.tunnelCount(id.udid),
    };
  }
}

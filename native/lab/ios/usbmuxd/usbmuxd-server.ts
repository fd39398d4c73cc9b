// The lab's usbmuxd: the daemon libimobiledevice, appium-ios-device and Depotline's own
// driver talk to (USBMUXD_SOCKET_ADDRESS). Devices are attached and detached by the lab as
// cables go in and out; each attach gets a new DeviceID, as with the real daemon, while the
// LocationID stays that of the USB slot.
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { PlistDict } from '../../../ios/wire/plist-codec.ts';
import { PairRecordStore } from './pair-record-store.ts';
import { formatUsbmuxAddress, listenOn, type UsbmuxAddress } from './usbmux-address.ts';
import { UsbmuxClient, type UsbmuxdHub, type UsbmuxTarget } from './usbmuxd-client.ts';
import { USB2_CONNECTION_SPEED } from './usb-slots.ts';

/** A device as usbmuxd announces it. */
export interface UsbmuxDevice extends UsbmuxTarget {
  /** The USB descriptor's serial (the UDID without its dash on current devices). */
  readonly usbSerial: string;
  readonly productId: number;
  readonly locationId: number;
}

export interface UsbmuxdServerOptions {
  address: UsbmuxAddress;
  /** SystemBUID answered to ReadBUID (see systemBuidFor). */
  buid: string;
  pairRecords?: PairRecordStore;
  log?: (message: string) => void;
}

interface Attached {
  deviceId: number;
  device: UsbmuxDevice;
  tunnels: Set<Socket>;
}

/** A stable SystemBUID for a lab seed: hosts keep it in pair records, so it must not change per run. */
export function systemBuidFor(seed: string): string {
  const hex = createHash('sha256').update(`depotline-lab-usbmuxd\u0000${seed}`).digest('hex').toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-A${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export class UsbmuxdServer {
  readonly #server: Server;
  readonly #address: UsbmuxAddress;
  readonly #attached = new Map<string, Attached>();
  readonly #subscribers = new Set<(event: PlistDict) => void>();
  readonly #clients = new Set<Socket>();
  readonly #hub: UsbmuxdHub;
  #nextDeviceId = 1;

  private constructor(server: Server, address: UsbmuxAddress, options: UsbmuxdServerOptions) {
    this.#server = server;
    this.#address = address;
    const log = options.log ?? (() => undefined);
    const pairRecords = options.pairRecords ?? new PairRecordStore();
    this.#hub = {
      pairRecords,
      buid: options.buid,
      deviceList: () => [...this.#attached.values()].map((entry) => attachedEvent(entry)),
      target: (deviceId) => this.#byDeviceId(deviceId)?.device,
      addTunnel: (deviceId, socket) => {
        const entry = this.#byDeviceId(deviceId);
        if (entry === undefined) {
          socket.destroy();
          return;
        }
        entry.tunnels.add(socket);
        socket.once('close', () => entry.tunnels.delete(socket));
      },
      subscribe: (send) => {
        for (const entry of this.#attached.values()) send(attachedEvent(entry));
        this.#subscribers.add(send);
        return () => this.#subscribers.delete(send);
      },
      deviceIdOf: (udid) => this.#attached.get(udid)?.deviceId,
      notifyPaired: (deviceId) => this.#broadcast({ MessageType: 'Paired', DeviceID: deviceId }),
      log,
    };
  }

  static async start(options: UsbmuxdServerOptions): Promise<UsbmuxdServer> {
    const server = createServer();
    const bound = await listenOn(server, options.address);
    const usbmuxd = new UsbmuxdServer(server, bound, options);
    server.on('connection', (socket) => usbmuxd.#accept(socket));
    return usbmuxd;
  }

  /** What to export as USBMUXD_SOCKET_ADDRESS. */
  get address(): string {
    return formatUsbmuxAddress(this.#address);
  }

  get pairRecords(): PairRecordStore {
    return this.#hub.pairRecords;
  }

  /** The device is plugged in and booted: announce it under a new DeviceID. */
  attach(device: UsbmuxDevice): number {
    const existing = this.#attached.get(device.udid);
    if (existing !== undefined) return existing.deviceId;
    const entry: Attached = { deviceId: this.#nextDeviceId++, device, tunnels: new Set() };
    this.#attached.set(device.udid, entry);
    this.#broadcast(attachedEvent(entry));
    return entry.deviceId;
  }

  /**
   * The device left (cable out, reboot): listeners get Detached and its tunnels close —
   * 'close' ends them as an orderly unplug does, 'reset' as a cable yanked mid-transfer.
   */
  detach(udid: string, how: 'close' | 'reset' = 'close'): boolean {
    const entry = this.#attached.get(udid);
    if (entry === undefined) return false;
    this.#attached.delete(udid);
    for (const socket of entry.tunnels) {
      if (how === 'reset' && socket.remoteFamily !== undefined) socket.resetAndDestroy();
      else socket.destroy(); // UNIX sockets have no RST
    }
    entry.tunnels.clear();
    this.#broadcast({ MessageType: 'Detached', DeviceID: entry.deviceId });
    return true;
  }

  deviceIdOf(udid: string): number | undefined {
    return this.#attached.get(udid)?.deviceId;
  }

  /** Open tunnels (client connections to device ports) of a device. */
  tunnelCount(udid: string): number {
    return this.#attached.get(udid)?.tunnels.size ?? 0;
  }

  async close(): Promise<void> {
    for (const udid of [...this.#attached.keys()]) this.detach(udid);
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    for (const socket of this.#clients) socket.destroy();
    await closed;
    if (this.#address.kind === 'unix') rmSync(this.#address.path, { force: true });
  }

  #accept(socket: Socket): void {
    this.#clients.add(socket);
    socket.once('close', () => this.#clients.delete(socket));
    new UsbmuxClient(socket, this.#hub);
  }

  #byDeviceId(deviceId: number): Attached | undefined {
    for (const entry of this.#attached.values()) if (entry.deviceId === deviceId) return entry;
    return undefined;
  }

  #broadcast(event: PlistDict): void {
    for (const send of this.#subscribers) send(event);
  }
}

/** An Attached message as usbmuxd sends it (Listen) and lists it (ListDevices). */
function attachedEvent(entry: Attached): PlistDict {
  const { device, deviceId } = entry;
  return {
    DeviceID: deviceId,
    MessageType: 'Attached',
    Properties: {
      ConnectionSpeed: USB2_CONNECTION_SPEED,
      ConnectionType: 'USB',
      DeviceID: deviceId,
      LocationID: device.locationId,
      ProductID: device.productId,
      // Real usbmuxd reports the UDID here (with the dash on current devices).
      SerialNumber: device.udid,
      USBSerialNumber: device.usbSerial,
    },
  };
}

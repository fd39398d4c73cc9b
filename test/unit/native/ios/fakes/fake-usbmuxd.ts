// A tiny usbmuxd for the driver's tests, on a UNIX socket in a temp folder: ListDevices,
// Listen (Attached/Detached), Connect (to a port handler of a fake device), pair records and
// ReadBUID, framed with the shared wire code. `chunked` writes every reply a byte at a time,
// so clients are tested against headers and plists cut anywhere.
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import {
  decodeUsbmuxFrame,
  encodeUsbmuxMessage,
  swapPortBytes,
  usbmuxFrameReader,
} from '../../../../../native/ios/wire/usbmux-frame.ts';
import type { PlistDict } from '../../../../../native/ios/wire/plist-codec.ts';

export interface FakeDevice {
  deviceId: number;
  udid: string;
  connectionType?: 'USB' | 'Network';
  /** usbmuxd's SerialNumber when it differs from the UDID (newer devices lose the dash). */
  serialNumber?: string;
  ports: Map<number, (stream: Duplex) => void>;
}

export class FakeUsbmuxd {
  readonly path: string;
  readonly devices = new Map<number, FakeDevice>();
  readonly pairRecords = new Map<string, Buffer>();
  readonly requests: PlistDict[] = [];
  buid = '1A2B3C4D-0000-4000-8000-00000000B01D';
  chunked = false;
  #server: Server | undefined;
  readonly #listeners = new Set<Socket>();
  readonly #sockets = new Set<Socket>();
  /** Open tunnels by DeviceID: a detach drops them, as usbmuxd does when the cable goes. */
  readonly #tunnels = new Map<number, Set<Socket>>();

  constructor(dir: string) {
    this.path = join(dir, 'usbmuxd.sock');
  }

  get address() {
    return { kind: 'unix' as const, path: this.path };
  }

  async start(): Promise<void> {
    this.#server = createServer((socket) => this.#serve(socket));
    await new Promise<void>((resolve) => this.#server!.listen(this.path, resolve));
  }

  /** Closes the server and every connection (as a crashed usbmuxd would). */
  async stop(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    this.#listeners.clear();
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
    this.#server = undefined;
  }

  attach(device: FakeDevice): void {
    this.devices.set(device.deviceId, device);
    for (const socket of this.#listeners) this.#send(socket, 0, attachedMessage(device));
  }

  detach(deviceId: number): void {
    this.devices.delete(deviceId);
    for (const tunnel of this.#tunnels.get(deviceId) ?? []) tunnel.destroy();
    this.#tunnels.delete(deviceId);
    for (const socket of this.#listeners)
      this.#send(socket, 0, { MessageType: 'Detached', DeviceID: deviceId });
  }

  #serve(socket: Socket): void {
    this.#sockets.add(socket);
    socket.on('close', () => {
      this.#sockets.delete(socket);
      this.#listeners.delete(socket);
    });
    socket.on('error', () => undefined);
    const reader = usbmuxFrameReader();
    const onData = (chunk: Buffer) => {
      for (const frame of reader.push(chunk)) {
        const { tag, body } = decodeUsbmuxFrame(frame);
        this.requests.push(body);
        if (this.#handle(socket, tag, body, reader.drain(), onData)) return;
      }
    };
    socket.on('data', onData);
  }

  /** Returns true when the socket became a tunnel (stop reading it as usbmuxd). */
  #handle(
    socket: Socket,
    tag: number,
    body: PlistDict,
    rest: Buffer,
    onData: (chunk: Buffer) => void,
  ): boolean {
    const recordId = typeof body.PairRecordID === 'string' ? body.PairRecordID : '';
    const result = (number: number) => this.#send(socket, tag, { MessageType: 'Result', Number: number });
    switch (body.MessageType) {
      case 'ListDevices':
        this.#send(socket, tag, { DeviceList: [...this.devices.values()].map(attachedMessage) });
        break;
      case 'Listen':
        result(0);
        this.#listeners.add(socket);
        for (const device of this.devices.values()) this.#send(socket, 0, attachedMessage(device));
        break;
      case 'ReadBUID':
        this.#send(socket, tag, { BUID: this.buid });
        break;
      case 'ReadPairRecord': {
        const record = this.pairRecords.get(recordId);
        if (record) this.#send(socket, tag, { PairRecordData: record });
        else result(2);
        break;
      }
      case 'SavePairRecord':
        this.pairRecords.set(recordId, Buffer.from(body.PairRecordData as Uint8Array));
        result(0);
        break;
      case 'DeletePairRecord':
        result(this.pairRecords.delete(recordId) ? 0 : 2);
        break;
      case 'Connect': {
        const device = this.devices.get(Number(body.DeviceID));
        const handler = device?.ports.get(swapPortBytes(Number(body.PortNumber)));
        if (!device) result(2);
        else if (!handler) result(3);
        else {
          result(0);
          const tunnels = this.#tunnels.get(device.deviceId) ?? new Set<Socket>();
          this.#tunnels.set(device.deviceId, tunnels.add(socket));
          socket.on('close', () => tunnels.delete(socket));
          socket.off('data', onData);
          if (rest.length > 0) socket.unshift(rest);
          handler(socket);
          return true;
        }
        break;
      }
      default:
        result(1);
    }
    return false;
  }

  #send(socket: Socket, tag: number, body: PlistDict): void {
    const bytes = encodeUsbmuxMessage(tag, body);
    if (!this.chunked) {
      socket.write(bytes);
      return;
    }
    for (let offset = 0; offset < bytes.length; offset++) socket.write(bytes.subarray(offset, offset + 1));
  }
}

function attachedMessage(device: FakeDevice): PlistDict {
  return {
    MessageType: 'Attached',
    DeviceID: device.deviceId,
    Properties: {
      ConnectionType: device.connectionType ?? 'USB',
      DeviceID: device.deviceId,
      LocationID: 0,
      ProductID: 4776,
      SerialNumber: device.serialNumber ?? device.udid,
    },
  };
}

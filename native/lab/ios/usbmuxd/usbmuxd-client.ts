// One client connection to the lab's usbmuxd: 16-byte-header plist messages, each answered
// with the request's tag, until the client sends Connect (the socket becomes a raw tunnel
// to a device port) or closes. A client that sends something unreadable (a bad length, a
// payload that is not a plist dictionary) is disconnected; the daemon serves the others.
import type { Socket } from 'node:net';
import type { FrameReader } from '../../../ios/wire/frame-reader.ts';
import type { PlistDict } from '../../../ios/wire/plist-codec.ts';
import {
  decodeUsbmuxFrame,
  encodeUsbmuxMessage,
  swapPortBytes,
  USBMUX_MESSAGE_PLIST,
  USBMUX_RESULT,
  USBMUX_VERSION_PLIST,
  usbmuxFrameReader,
} from '../../../ios/wire/usbmux-frame.ts';
import { isValidPairRecordId, type PairRecordStore } from './pair-record-store.ts';

/** What a device offers a client connection (the lab device behind a DeviceID). */
export interface UsbmuxTarget {
  readonly udid: string;
  /** Whether something listens on `port` now (checked before Connect answers Result 0). */
  accepts(port: number): boolean;
  /** Hands the client's socket to the device port; the socket is paused, leftover bytes unshifted. */
  connect(port: number, stream: Socket): boolean;
}

/** The daemon as one client sees it. */
export interface UsbmuxdHub {
  readonly pairRecords: PairRecordStore;
  readonly buid: string;
  /** ListDevices' DeviceList entries. */
  deviceList(): PlistDict[];
  target(deviceId: number): UsbmuxTarget | undefined;
  /** Records a tunnel so unplugging its device closes it. */
  addTunnel(deviceId: number, socket: Socket): void;
  /** Sends Attached for every device now, then every change, until the returned function is called. */
  subscribe(send: (event: PlistDict) => void): () => void;
  deviceIdOf(udid: string): number | undefined;
  notifyPaired(deviceId: number): void;
  log(message: string): void;
}

const RESULT_MISSING = 2; // usbmuxd answers ENOENT for a pair record it does not have

export class UsbmuxClient {
  readonly #socket: Socket;
  readonly #hub: UsbmuxdHub;
  readonly #reader: FrameReader = usbmuxFrameReader();
  readonly #onData = (chunk: Buffer): void => this.#receive(chunk);
  #unsubscribe: (() => void) | undefined;

  constructor(socket: Socket, hub: UsbmuxdHub) {
    this.#socket = socket;
    this.#hub = hub;
    socket.on('data', this.#onData);
    socket.on('error', () => undefined);
    socket.on('close', () => this.#unsubscribe?.());
  }

  #receive(chunk: Buffer): void {
    try {
      const frames = this.#reader.push(chunk);
      for (const [index, frame] of frames.entries()) {
        if (this.#socket.destroyed) return;
        // Connect turns the rest of the stream into tunnel bytes, frames already split included.
        if (this.#handle(frame, () => Buffer.concat([...frames.slice(index + 1), this.#reader.drain()])))
          return;
      }
    } catch (error) {
      this.#hub.log(`usbmuxd: dropping a client: ${error instanceof Error ? error.message : String(error)}`);
      this.#socket.destroy();
    }
  }

  /** True when the socket became a tunnel. `rest` gives the bytes read after this frame. */
  #handle(frame: Buffer, rest: () => Buffer): boolean {
    const version = frame.readUInt32LE(4);
    const messageType = frame.readUInt32LE(8);
    const tag = frame.readUInt32LE(12);
    // Only the plist protocol (version 1, message 8) is spoken; libusbmuxd falls back on its own.
    if (version !== USBMUX_VERSION_PLIST) this.#result(tag, USBMUX_RESULT.badVersion);
    else if (messageType !== USBMUX_MESSAGE_PLIST) this.#result(tag, USBMUX_RESULT.badCommand);
    else {
      const { body } = decodeUsbmuxFrame(frame);
      if (body.MessageType === 'Connect') return this.#connect(tag, body, rest);
      this.#dispatch(tag, body);
    }
    return false;
  }

  #dispatch(tag: number, body: PlistDict): void {
    const message = body.MessageType;
    switch (message) {
      case 'ListDevices':
        return this.#send(tag, { DeviceList: this.#hub.deviceList() });
      case 'Listen':
        this.#result(tag, USBMUX_RESULT.ok);
        this.#unsubscribe ??= this.#hub.subscribe((event) => this.#send(0, event));
        return;
      case 'ReadBUID':
        return this.#send(tag, { BUID: this.#hub.buid });
      case 'ReadPairRecord':
        return this.#readPairRecord(tag, body);
      case 'SavePairRecord':
        return this.#savePairRecord(tag, body);
      case 'DeletePairRecord': {
        const id = recordId(body);
        if (id === undefined) return this.#result(tag, USBMUX_RESULT.badCommand);
        return this.#result(tag, this.#hub.pairRecords.delete(id) ? USBMUX_RESULT.ok : RESULT_MISSING);
      }
      default:
        this.#hub.log(`usbmuxd: unknown MessageType ${JSON.stringify(message)}`);
        return this.#result(tag, USBMUX_RESULT.badCommand);
    }
  }

  #connect(tag: number, body: PlistDict, rest: () => Buffer): boolean {
    const deviceId = body.DeviceID;
    const swapped = body.PortNumber;
    if (typeof deviceId !== 'number' || typeof swapped !== 'number') {
      this.#result(tag, USBMUX_RESULT.badCommand);
      return false;
    }
    const target = this.#hub.target(deviceId);
    if (target === undefined) {
      this.#result(tag, USBMUX_RESULT.badDevice);
      return false;
    }
    const port = swapPortBytes(swapped);
    if (!target.accepts(port)) {
      this.#result(tag, USBMUX_RESULT.connectionRefused);
      return false;
    }
    this.#result(tag, USBMUX_RESULT.ok);
    // From here the socket belongs to the device port; usbmuxd only relays bytes.
    this.#unsubscribe?.();
    const socket = this.#socket;
    socket.off('data', this.#onData);
    socket.pause();
    const leftover = rest();
    if (leftover.length > 0) socket.unshift(leftover);
    this.#hub.addTunnel(deviceId, socket);
    if (!target.connect(port, socket)) socket.destroy();
    return true;
  }

  #readPairRecord(tag: number, body: PlistDict): void {
    const id = recordId(body);
    if (id === undefined) return this.#result(tag, USBMUX_RESULT.badCommand);
    const data = this.#hub.pairRecords.read(id);
    if (data === undefined) return this.#result(tag, RESULT_MISSING);
    this.#send(tag, { PairRecordData: data });
  }

  #savePairRecord(tag: number, body: PlistDict): void {
    const id = recordId(body);
    const data = body.PairRecordData;
    if (id === undefined || !(data instanceof Uint8Array) || data.byteLength === 0)
      return this.#result(tag, USBMUX_RESULT.badCommand);
    this.#hub.pairRecords.save(id, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    this.#result(tag, USBMUX_RESULT.ok);
    // Real usbmuxd tells listeners a device got paired (libusbmuxd's UE_DEVICE_PAIRED).
    const deviceId = typeof body.DeviceID === 'number' ? body.DeviceID : this.#hub.deviceIdOf(id);
    if (deviceId !== undefined && this.#hub.target(deviceId) !== undefined) this.#hub.notifyPaired(deviceId);
  }

  #result(tag: number, number: number): void {
    this.#send(tag, { MessageType: 'Result', Number: number });
  }

  #send(tag: number, body: PlistDict): void {
    if (!this.#socket.destroyed && this.#socket.writable) this.#socket.write(encodeUsbmuxMessage(tag, body));
  }
}

function recordId(body: PlistDict): string | undefined {
  const id = body.PairRecordID;
  return typeof id === 'string' && isValidPairRecordId(id) ? id : undefined;
}

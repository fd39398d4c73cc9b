// One connection to usbmuxd: tagged plist requests (replies carry the request's tag, so
// several may be in flight) and untagged events (Listen's Attached/Detached carry tag 0).
// Connect turns the connection into a raw tunnel to the device: takeTunnel() hands the
// socket over with whatever bytes already followed the Result.
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { DeviceCommandError, DeviceGoneError, DeviceUnreadableError } from '../../device-errors.ts';
import type { FrameReader } from '../wire/frame-reader.ts';
import {
  decodeUsbmuxFrame,
  encodeUsbmuxMessage,
  USBMUX_HEADER_BYTES,
  USBMUX_MAX_FRAME_BYTES,
  USBMUX_RESULT,
  usbmuxFrameReader,
} from '../wire/usbmux-frame.ts';
import type { PlistDict, PlistValue } from '../wire/plist-codec.ts';
import { connectUsbmuxd, type UsbmuxAddress } from './usbmux-address.ts';

/** What every request says about its sender (libusbmuxd sends the same keys). */
export const CLIENT_FIELDS = {
  ClientVersionString: 'depotline-usbmux-1',
  ProgName: 'Depotline',
  kLibUSBMuxVersion: 3,
} as const;

export const USBMUX_REPLY_TIMEOUT_MS = 10_000;

const RESULT_MEANINGS: Record<number, string> = {
  [USBMUX_RESULT.badCommand]: 'usbmuxd did not understand the request',
  [USBMUX_RESULT.badDevice]: 'usbmuxd does not know the device (it was unplugged)',
  [USBMUX_RESULT.connectionRefused]: 'the device refused the connection',
  [USBMUX_RESULT.badVersion]: 'usbmuxd does not speak this protocol version',
};

/** usbmuxd answered a request with a non-zero Result. */
export class UsbmuxResultError extends DeviceCommandError {
  readonly result: number;
  constructor(messageType: string, result: number) {
    super(`${messageType}: ${RESULT_MEANINGS[result] ?? `usbmuxd answered Result ${result}`}`, {
      transient: result === USBMUX_RESULT.connectionRefused,
    });
    this.name = 'UsbmuxResultError';
    this.result = result;
  }
}

interface Pending {
  resolve(body: PlistDict): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/** Emits 'event' (PlistDict, tag 0 messages) and 'close' (Error). */
export class UsbmuxConnection extends EventEmitter {
  readonly #socket: Socket;
  readonly #device: string;
  readonly #reader: FrameReader = usbmuxFrameReader();
  readonly #pending = new Map<number, Pending>();
  #nextTag = 1;
  #failure: Error | undefined;
  #handedOver = false;
  /** Set while a Connect is in flight: only its reply is usbmuxd's, the bytes after it are the device's. */
  #connecting: Buffer | undefined;
  #leftover: Buffer = Buffer.alloc(0);
  readonly #onData = (chunk: Buffer) => this.#receive(chunk);
  readonly #onClose = () => this.#fail(new DeviceGoneError(this.#device, 'usbmuxd closed the connection'));
  readonly #onError = (error: NodeJS.ErrnoException) =>
    this.#fail(
      new DeviceGoneError(this.#device, `usbmuxd connection failed (${error.code ?? error.message})`),
    );

  /** `device` names who an error is about (a UDID, or "usbmuxd" for daemon-wide requests). */
  static async open(address: UsbmuxAddress, device = 'usbmuxd'): Promise<UsbmuxConnection> {
    return new UsbmuxConnection(await connectUsbmuxd(address, device), device);
  }

  constructor(socket: Socket, device: string) {
    super();
    this.#socket = socket;
    this.#device = device;
    socket.on('data', this.#onData);
    socket.on('close', this.#onClose);
    socket.on('error', this.#onError);
  }

  get closed(): boolean {
    return this.#failure !== undefined;
  }

  /** Sends `MessageType` with the client fields; resolves with the reply (any Result included). */
  send(messageType: string, fields: PlistDict = {}, timeoutMs = USBMUX_REPLY_TIMEOUT_MS): Promise<PlistDict> {
    if (this.#failure) return Promise.reject(this.#failure);
    const tag = this.#nextTag++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(tag);
        reject(new DeviceCommandError(`usbmuxd did not answer ${messageType} in time`, { transient: true }));
      }, timeoutMs);
      this.#pending.set(tag, { resolve, reject, timer });
      this.#socket.write(encodeUsbmuxMessage(tag, { MessageType: messageType, ...CLIENT_FIELDS, ...fields }));
    });
  }

  /** Like send(), but a Result other than 0 is thrown as UsbmuxResultError. */
  async request(messageType: string, fields: PlistDict = {}, timeoutMs?: number): Promise<PlistDict> {
    const reply = await this.send(messageType, fields, timeoutMs);
    const result = resultOf(reply);
    if (result !== undefined && result !== USBMUX_RESULT.ok) throw new UsbmuxResultError(messageType, result);
    return reply;
  }

  /**
   * Sends Connect, the last request this connection carries: its reply is read alone (not
   * through the frame reader) so that device bytes right behind it are never taken for usbmuxd's.
   */
  async connect(fields: PlistDict, timeoutMs?: number): Promise<void> {
    if (this.#pending.size > 0 || this.#reader.buffered > 0)
      throw new Error('Connect must be the only request');
    this.#connecting = Buffer.alloc(0);
    await this.request('Connect', fields, timeoutMs);
  }

  /**
   * After a successful connect(): the socket is now the device's port, paused, with any bytes
   * that followed the reply put back; its new reader resumes it (TLS reads them too).
   */
  takeTunnel(): Socket {
    this.#handedOver = true;
    this.#socket.off('data', this.#onData);
    this.#socket.off('close', this.#onClose);
    this.#socket.off('error', this.#onError);
    if (this.#leftover.length > 0) this.#socket.unshift(this.#leftover);
    this.#failure = new Error('the usbmuxd connection became a device tunnel');
    return this.#socket;
  }

  close(): void {
    if (!this.#handedOver) this.#fail(new DeviceGoneError(this.#device, 'usbmuxd connection closed'));
  }

  #receive(chunk: Buffer): void {
    if (this.#connecting !== undefined) {
      this.#receiveConnectReply(chunk);
      return;
    }
    let frames: Buffer[];
    try {
      frames = this.#reader.push(chunk);
    } catch (error) {
      this.#fail(new DeviceUnreadableError(`usbmuxd sent a frame that cannot be read: ${String(error)}`));
      return;
    }
    for (const frame of frames) {
      let message;
      try {
        message = decodeUsbmuxFrame(frame);
      } catch (error) {
        this.#fail(new DeviceUnreadableError(`usbmuxd sent a message that cannot be read: ${String(error)}`));
        return;
      }
      const pending = this.#pending.get(message.tag);
      if (pending) {
        this.#pending.delete(message.tag);
        clearTimeout(pending.timer);
        pending.resolve(message.body);
      } else {
        this.emit('event', message.body);
      }
    }
  }

  #receiveConnectReply(chunk: Buffer): void {
    const bytes = Buffer.concat([this.#connecting!, chunk]);
    if (bytes.length < USBMUX_HEADER_BYTES) {
      this.#connecting = bytes;
      return;
    }
    const declared = bytes.readUInt32LE(0);
    if (declared > USBMUX_MAX_FRAME_BYTES) {
      this.#fail(new DeviceUnreadableError(`usbmuxd answered Connect with a ${declared}-byte frame`));
      return;
    }
    if (bytes.length < declared) {
      this.#connecting = bytes;
      return;
    }
    const length = bytes.readUInt32LE(0);
    this.#connecting = undefined;
    if (length < USBMUX_HEADER_BYTES) {
      this.#fail(new DeviceUnreadableError(`usbmuxd answered Connect with a ${length}-byte frame`));
      return;
    }
    // Nothing more is read until the tunnel's owner listens (it may be a TLS layer).
    this.#socket.off('data', this.#onData);
    this.#socket.pause();
    this.#leftover = bytes.subarray(length);
    this.#receive(bytes.subarray(0, length));
  }

  #fail(error: Error): void {
    if (this.#failure) return;
    this.#failure = error;
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.#pending.clear();
    this.#socket.destroy();
    this.emit('close', error);
  }
}

export function resultOf(reply: PlistDict): number | undefined {
  return reply.MessageType === 'Result' && typeof reply.Number === 'number' ? reply.Number : undefined;
}

/** One request on its own connection, closed afterwards (libusbmuxd does the same). */
export async function usbmuxRequest(
  address: UsbmuxAddress,
  messageType: string,
  fields: PlistDict = {},
  device = 'usbmuxd',
): Promise<PlistDict> {
  const connection = await UsbmuxConnection.open(address, device);
  try {
    return await connection.request(messageType, fields);
  } finally {
    connection.close();
  }
}

export function stringField(value: PlistValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

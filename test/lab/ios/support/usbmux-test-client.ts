// A deliberately small usbmuxd client for the lab's tests: sends framed plists (XML, binary
// or raw bytes), reads replies and events in order, and turns a socket into a tunnel after
// Connect. Written from the protocol, not from the lab's server, so the two check each other.
import { connect, type Socket } from 'node:net';
import { buildBinary } from 'plist';
import type { PlistDict } from '../../../../native/ios/wire/plist-codec.ts';
import {
  decodeUsbmuxFrame,
  encodeUsbmuxMessage,
  swapPortBytes,
  usbmuxFrameReader,
  type UsbmuxMessage,
} from '../../../../native/ios/wire/usbmux-frame.ts';

export class UsbmuxTestClient {
  readonly socket: Socket;
  readonly #reader = usbmuxFrameReader();
  readonly #messages: UsbmuxMessage[] = [];
  readonly #waiters: Array<() => void> = [];
  readonly closed: Promise<void>;
  #tagged = 0;

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.on('data', this.#onData);
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('close', () => this.#wake());
    socket.on('error', () => undefined);
  }

  /** A UNIX socket path, or a loopback TCP address. */
  static async open(address: string | { host: string; port: number }): Promise<UsbmuxTestClient> {
    const socket = typeof address === 'string' ? connect(address) : connect(address.port, address.host);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return new UsbmuxTestClient(socket);
  }

  readonly #onData = (chunk: Buffer): void => {
    for (const frame of this.#reader.push(chunk)) this.#messages.push(decodeUsbmuxFrame(frame));
    this.#wake();
  };

  #wake(): void {
    for (const waiter of this.#waiters.splice(0)) waiter();
  }

  /** Sends a message with the client fields libusbmuxd adds; returns its tag. */
  send(body: PlistDict, format: 'xml' | 'binary' = 'xml'): number {
    const tag = ++this.#tagged;
    const message: PlistDict = {
      ClientVersionString: 'depotline-test',
      ProgName: 'vitest',
      kLibUSBMuxVersion: 3,
      ...body,
    };
    if (format === 'xml') {
      this.socket.write(encodeUsbmuxMessage(tag, message));
    } else {
      const payload = Buffer.from(buildBinary(message));
      const header = Buffer.alloc(16);
      header.writeUInt32LE(16 + payload.length, 0);
      header.writeUInt32LE(1, 4);
      header.writeUInt32LE(8, 8);
      header.writeUInt32LE(tag, 12);
      this.socket.write(Buffer.concat([header, payload]));
    }
    return tag;
  }

  sendRaw(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** The next message (reply or event); rejects after `timeoutMs` or when the socket closed. */
  async next(timeoutMs = 3_000): Promise<UsbmuxMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const message = this.#messages.shift();
      if (message !== undefined) return message;
      if (this.socket.destroyed) throw new Error('usbmuxd closed the connection');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no usbmuxd message in time');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Sends and returns the reply's body, checking that it carries the request's tag. */
  async request(body: PlistDict, format: 'xml' | 'binary' = 'xml'): Promise<PlistDict> {
    const tag = this.send(body, format);
    const reply = await this.next();
    if (reply.tag !== tag) throw new Error(`reply tag ${reply.tag}, expected ${tag}`);
    return reply.body;
  }

  /**
   * Connect; on Result 0 the socket is handed back as a tunnel (with any bytes read past the
   * reply put back), otherwise the Result number.
   */
  async connectTo(deviceId: number, port: number): Promise<{ result: number; tunnel: Socket | undefined }> {
    const reply = await this.request({
      MessageType: 'Connect',
      DeviceID: deviceId,
      PortNumber: swapPortBytes(port),
    });
    const result = Number(reply.Number);
    if (result !== 0) return { result, tunnel: undefined };
    return { result, tunnel: this.takeSocket() };
  }

  /** Stops reading usbmuxd messages: the socket (with unread bytes put back) is a tunnel now. */
  takeSocket(): Socket {
    this.socket.off('data', this.#onData);
    this.socket.pause();
    const rest = this.#reader.drain();
    if (rest.length > 0) this.socket.unshift(rest);
    return this.socket;
  }

  close(): void {
    this.socket.destroy();
  }
}

/** One request on a fresh connection, as libusbmuxd does for most messages. */
export async function usbmuxRequest(path: string, body: PlistDict): Promise<PlistDict> {
  const client = await UsbmuxTestClient.open(path);
  try {
    return await client.request(body);
  } finally {
    client.close();
  }
}

/** Connect to a device port on a fresh connection; throws unless usbmuxd answers Result 0. */
export async function openTunnel(path: string, deviceId: number, port: number): Promise<Socket> {
  const client = await UsbmuxTestClient.open(path);
  const { result, tunnel } = await client.connectTo(deviceId, port);
  if (tunnel === undefined) {
    client.close();
    throw new Error(`Connect to port ${port} answered Result ${result}`);
  }
  return tunnel;
}

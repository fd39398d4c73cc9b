// Test clients for the services, over an in-memory duplex pair: a plist client (4-byte
// big-endian length + XML or binary plist, as libimobiledevice and pymobiledevice3 frame
// them) and an AFC client (40-byte CFA6LPAA headers), each reading replies in order.
import { duplexPair, type Duplex } from 'node:stream';
import {
  decodePlist,
  encodePlist,
  type PlistDict,
  type PlistFormat,
} from '../../../../native/ios/wire/plist-codec.ts';
import { AFC_OP } from '../../../../native/lab/ios/services/afc-protocol.ts';
import type { LabIosDeviceApi, LabIosService } from '../../../../native/lab/ios/services/service-api.ts';

/** Buffers what the service sends; `take(n)` waits for n bytes, `closed` for the end. */
class Inbox {
  #buffer = Buffer.alloc(0);
  #waiters: (() => void)[] = [];
  ended = false;
  readonly closed: Promise<void>;

  constructor(socket: Duplex) {
    socket.on('data', (chunk: Buffer) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk]);
      this.#wake();
    });
    socket.on('error', () => {});
    this.closed = new Promise((resolve) => {
      const end = () => {
        this.ended = true;
        this.#wake();
        resolve();
      };
      socket.on('end', end);
      socket.on('close', end);
    });
  }

  async take(length: number): Promise<Buffer> {
    while (this.#buffer.length < length) {
      if (this.ended) throw new Error(`the service closed the connection (wanted ${length} bytes)`);
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
    const out = this.#buffer.subarray(0, length);
    this.#buffer = this.#buffer.subarray(length);
    return out;
  }

  #wake(): void {
    for (const wake of this.#waiters.splice(0)) wake();
  }
}

export function connect(service: LabIosService, device: LabIosDeviceApi): { socket: Duplex; inbox: Inbox } {
  const [client, server] = duplexPair();
  service.serve(server, device);
  return { socket: client, inbox: new Inbox(client) };
}

export class PlistClient {
  readonly socket: Duplex;
  readonly #inbox: Inbox;
  readonly format: PlistFormat;

  constructor(service: LabIosService, device: LabIosDeviceApi, format: PlistFormat = 'xml') {
    const { socket, inbox } = connect(service, device);
    this.socket = socket;
    this.#inbox = inbox;
    this.format = format;
  }

  get closed(): Promise<void> {
    return this.#inbox.closed;
  }

  send(body: PlistDict): void {
    const payload = encodePlist(body, this.format);
    const header = Buffer.alloc(4);
    header.writeUInt32BE(payload.length);
    this.socket.write(Buffer.concat([header, payload]));
  }

  /** The next message, with the format the service answered in. */
  async receiveWithFormat(): Promise<{ body: PlistDict; format: PlistFormat }> {
    const length = (await this.#inbox.take(4)).readUInt32BE(0);
    const { value, format } = decodePlist(await this.#inbox.take(length));
    return { body: value as PlistDict, format };
  }

  async receive(): Promise<PlistDict> {
    return (await this.receiveWithFormat()).body;
  }

  async request(body: PlistDict): Promise<PlistDict> {
    this.send(body);
    return this.receive();
  }

  /** Messages until (and with) the one `last` accepts: an installation_proxy command's progress. */
  async receiveUntil(last: (message: PlistDict) => boolean): Promise<PlistDict[]> {
    const messages: PlistDict[] = [];
    for (;;) {
      const message = await this.receive();
      messages.push(message);
      if (last(message)) return messages;
    }
  }

  close(): void {
    this.socket.end();
  }
}

export interface AfcReply {
  packetNum: bigint;
  operation: number;
  headerData: Buffer;
  payload: Buffer;
}

export class AfcClient {
  readonly socket: Duplex;
  readonly #inbox: Inbox;
  #packetNum = 0n;

  constructor(service: LabIosService, device: LabIosDeviceApi) {
    const { socket, inbox } = connect(service, device);
    this.socket = socket;
    this.#inbox = inbox;
  }

  get closed(): Promise<void> {
    return this.#inbox.closed;
  }

  static packet(
    packetNum: bigint,
    operation: number,
    headerData: Buffer,
    payload: Buffer = Buffer.alloc(0),
  ): Buffer {
    const header = Buffer.alloc(40);
    header.write('CFA6LPAA', 0, 'latin1');
    header.writeBigUInt64LE(BigInt(40 + headerData.length + payload.length), 8);
    header.writeBigUInt64LE(BigInt(40 + headerData.length), 16);
    header.writeBigUInt64LE(packetNum, 24);
    header.writeBigUInt64LE(BigInt(operation), 32);
    return Buffer.concat([header, headerData, payload]);
  }

  async request(operation: number, headerData: Buffer, payload?: Buffer): Promise<AfcReply> {
    const packetNum = ++this.#packetNum;
    this.socket.write(AfcClient.packet(packetNum, operation, headerData, payload));
    return this.receive();
  }

  async receive(): Promise<AfcReply> {
    const header = await this.#inbox.take(40);
    if (header.toString('latin1', 0, 8) !== 'CFA6LPAA') throw new Error('bad magic in a reply');
    const entire = Number(header.readBigUInt64LE(8));
    const own = Number(header.readBigUInt64LE(16));
    return {
      packetNum: header.readBigUInt64LE(24),
      operation: Number(header.readBigUInt64LE(32)),
      headerData: await this.#inbox.take(own - 40),
      payload: await this.#inbox.take(entire - own),
    };
  }

  /** The status code of a STATUS reply (throws for any other reply). */
  static status(reply: AfcReply): number {
    if (reply.operation !== AFC_OP.status)
      throw new Error(`expected STATUS, got operation ${reply.operation}`);
    return Number(reply.headerData.readBigUInt64LE(0));
  }

  async status(operation: number, headerData: Buffer, payload?: Buffer): Promise<number> {
    return AfcClient.status(await this.request(operation, headerData, payload));
  }

  /** Uploads as ideviceinstaller does: open with mode w, write chunks, close. Returns the write statuses. */
  async upload(path: string, data: Buffer, chunk = 1024 * 1024): Promise<number[]> {
    const opened = await this.request(AFC_OP.fileOpen, Buffer.concat([u64(3), cPath(path)]));
    if (opened.operation !== AFC_OP.fileOpenResult) return [AfcClient.status(opened)];
    const handle = opened.headerData.subarray(0, 8);
    const statuses: number[] = [];
    for (let at = 0; at < data.length || at === 0; at += chunk) {
      statuses.push(await this.status(AFC_OP.fileWrite, handle, data.subarray(at, at + chunk)));
      if (data.length === 0) break;
    }
    statuses.push(await this.status(AFC_OP.fileClose, handle));
    return statuses;
  }

  close(): void {
    this.socket.end();
  }
}

export const cPath = (path: string) => Buffer.from(`${path}\0`, 'utf8');
export const u64 = (value: number | bigint) => {
  const out = Buffer.alloc(8);
  out.writeBigUInt64LE(BigInt(value));
  return out;
};
/** NUL-separated strings of a DATA reply (a listing, or key/value pairs). */
export const strings = (payload: Buffer) => payload.toString('utf8').split('\0').slice(0, -1);
export const pairs = (payload: Buffer) => {
  const list = strings(payload);
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < list.length; i += 2) out[list[i]!] = list[i + 1]!;
  return out;
};

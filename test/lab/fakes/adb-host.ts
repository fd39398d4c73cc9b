// The host side of the ADB transport, just enough to drive the lab from tests byte by
// byte: handshake, OPEN, WRTE, and a record of every packet the device sends, so tests
// can assert flow control and packet sizes that the real adb hides.
import { connect, type Socket } from 'node:net';
import {
  A_VERSION,
  Command,
  MAX_PAYLOAD,
  encodeHeader,
  type Packet,
} from '../../../native/lab/adb/protocol/packet.ts';
import { PacketReader } from '../../../native/lab/adb/protocol/packet-reader.ts';

export const HOST_BANNER = 'host::features=shell_v2,cmd,stat_v2,ls_v2,abb_exec,fixed_push_mkdir';

export class FakeAdbHost {
  readonly socket: Socket;
  /** Every packet received, in order. */
  readonly received: Packet[] = [];
  #unread: Packet[] = [];
  #waiters: (() => void)[] = [];
  #reader = new PacketReader();
  #nextId = 100;
  closed = false;
  /** When false, WRTEs are not acknowledged automatically. */
  autoOkay = true;

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => {
      for (const packet of this.#reader.feed(chunk)) {
        this.received.push(packet);
        this.#unread.push(packet);
        if (packet.command === Command.WRTE && this.autoOkay)
          this.send(Command.OKAY, packet.arg1, packet.arg0);
      }
      this.#wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.#wake();
    });
    socket.on('error', () => undefined);
  }

  static connect(port: number): Promise<FakeAdbHost> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port }, () => resolve(new FakeAdbHost(socket)));
      socket.once('error', reject);
    });
  }

  send(command: number, arg0: number, arg1: number, data: Buffer | string = Buffer.alloc(0)): void {
    const payload = typeof data === 'string' ? Buffer.from(data) : data;
    this.socket.write(Buffer.concat([encodeHeader(command, arg0, arg1, payload, false), payload]));
  }

  /** Sends CNXN and returns the device's answer (CNXN when authorized, AUTH otherwise). */
  async handshake(maxData = MAX_PAYLOAD): Promise<Packet> {
    this.send(Command.CNXN, A_VERSION, maxData, `${HOST_BANNER}\0`);
    return this.next((p) => p.command === Command.CNXN || p.command === Command.AUTH);
  }

  /** OPENs a service; resolves to { localId, answer } where answer is OKAY or CLSE. */
  async open(service: string): Promise<{ localId: number; remoteId: number; answer: Packet }> {
    const localId = this.#nextId++;
    this.send(Command.OPEN, localId, 0, `${service}\0`);
    const answer = await this.next(
      (p) => (p.command === Command.OKAY || p.command === Command.CLSE) && p.arg1 === localId,
    );
    return { localId, remoteId: answer.arg0, answer };
  }

  /** Waits for the first unread packet matching `match` and removes it (others stay unread). */
  async next(match: (packet: Packet) => boolean = () => true, timeoutMs = 5000): Promise<Packet> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.#unread.findIndex(match);
      const packet = index >= 0 ? this.#unread.splice(index, 1)[0] : undefined;
      if (packet) return packet;
      if (this.closed) throw new Error('connection closed while waiting for a packet');
      if (Date.now() > deadline) throw new Error('timed out waiting for a packet');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Collects a stream's WRTE payloads until the device closes it. */
  async readUntilClose(localId: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    for (;;) {
      const packet = await this.next(
        (p) => (p.command === Command.WRTE || p.command === Command.CLSE) && p.arg1 === localId,
      );
      if (packet.command === Command.CLSE) return Buffer.concat(parts);
      parts.push(packet.data);
    }
  }

  /** Resolves once the socket is closed by the device. */
  async waitClosed(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error('connection still open');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.socket.destroy();
  }

  #wake(): void {
    for (const waiter of this.#waiters.splice(0)) waiter();
  }
}

/** A sync request: id + uint32 LE length + payload. */
export function syncRequest(id: string, payload: Buffer | string): Buffer {
  const data = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const header = Buffer.alloc(8);
  header.write(id, 0, 'latin1');
  header.writeUInt32LE(data.length, 4);
  return Buffer.concat([header, data]);
}

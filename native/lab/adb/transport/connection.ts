// One adb-server connection to a virtual phone: the CNXN/AUTH handshake, the stream
// table, and dispatch of OPEN/OKAY/WRTE/CLSE. Services live in ../services; flow
// control per stream lives in ./stream.ts. Garbage from the peer (bad magic, oversized
// length) ends this connection only: the lab's other devices never notice.
import type { Socket } from 'node:net';
import { parseBanner } from '../protocol/banner.ts';
import type { AdbFeature } from '../protocol/features.ts';
import {
  A_VERSION_SKIP_CHECKSUM,
  Command,
  MAX_PAYLOAD,
  MAX_PAYLOAD_V1,
  commandName,
  encodeHeader,
  type Packet,
} from '../protocol/packet.ts';
import { PacketReader } from '../protocol/packet-reader.ts';
import type { ServiceHandler } from '../services/service.ts';
import type { VirtualAndroidDevice } from '../virtual-device-api.ts';
import { AuthHandshake } from './auth.ts';
import { AdbStream, type StreamWire } from './stream.ts';

export interface ConnectionOptions {
  device: VirtualAndroidDevice;
  features: readonly AdbFeature[];
  route: (service: string, features: ReadonlySet<AdbFeature>) => ServiceHandler | undefined;
  /** Diagnostics (every OPEN, refused services, protocol errors); silent when omitted. */
  log?: (message: string) => void;
}

export class AdbConnection implements StreamWire {
  readonly #socket: Socket;
  readonly #options: ConnectionOptions;
  readonly #reader = new PacketReader(MAX_PAYLOAD);
  readonly #auth: AuthHandshake;
  readonly #streams = new Map<number, AdbStream>();
  readonly #featureSet: ReadonlySet<AdbFeature>;
  #nextLocalId = 1;
  #maxData = MAX_PAYLOAD_V1;
  #withChecksum = true;
  #closed = false;
  readonly #closeListeners: (() => void)[] = [];

  constructor(socket: Socket, options: ConnectionOptions) {
    this.#socket = socket;
    this.#options = options;
    this.#featureSet = new Set(options.features);
    this.#auth = new AuthHandshake(
      options.device,
      options.features,
      (command, arg0, arg1, data) => this.#send(command, arg0, arg1, data),
      (error) => this.#fail(error),
    );
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.#receive(chunk));
    socket.on('error', (error) => this.#log(`socket error: ${error.message}`));
    socket.on('close', () => this.#teardown());
    socket.on('end', () => {
      if (this.#reader.pendingBytes > 0)
        this.#log(`connection ended inside a packet (${this.#reader.pendingBytes} bytes)`);
      socket.end();
    });
  }

  get maxData(): number {
    return this.#maxData;
  }

  onClose(listener: () => void): void {
    if (this.#closed) listener();
    else this.#closeListeners.push(listener);
  }

  /** 'end' is a clean FIN (cable pulled gracefully); 'reset' is an RST (a yanked cable). */
  close(how: 'end' | 'reset' = 'end'): void {
    if (how === 'reset') this.#socket.resetAndDestroy();
    else this.#socket.destroySoon();
    this.#teardown();
  }

  // ---- StreamWire ----

  sendWrite(localId: number, remoteId: number, data: Buffer): void {
    this.#send(Command.WRTE, localId, remoteId, data);
  }

  sendOkay(localId: number, remoteId: number): void {
    this.#send(Command.OKAY, localId, remoteId);
  }

  sendClose(localId: number, remoteId: number): void {
    this.#send(Command.CLSE, localId, remoteId);
    this.#streams.delete(localId);
  }

  // ---- receive path ----

  #receive(chunk: Buffer): void {
    if (this.#closed) return;
    let packets: Packet[];
    try {
      packets = this.#reader.feed(chunk);
    } catch (error) {
      this.#log(`closing connection: ${error instanceof Error ? error.message : String(error)}`);
      this.close('reset');
      return;
    }
    for (const packet of packets) {
      if (this.#closed) return;
      try {
        this.#dispatch(packet);
      } catch (error) {
        this.#fail(error);
        return;
      }
    }
  }

  #dispatch(packet: Packet): void {
    switch (packet.command) {
      case Command.CNXN:
        this.#onConnect(packet);
        return;
      case Command.AUTH:
        this.#auth.handleAuth(packet);
        return;
    }
    // Like adbd, ignore stream traffic from a host that has not been let in yet.
    if (!this.#auth.online) return;
    switch (packet.command) {
      case Command.OPEN:
        this.#onOpen(packet.arg0, packet.data);
        return;
      case Command.OKAY:
        this.#streams.get(packet.arg1)?.handleOkay();
        return;
      case Command.WRTE: {
        const stream = this.#streams.get(packet.arg1);
        // A WRTE for a stream we do not know would leave the host waiting for an OKAY
        // forever; CLSE with local id 0 tells it the stream is gone.
        if (stream === undefined) this.#send(Command.CLSE, 0, packet.arg0);
        else stream.handleWrite(packet.parts);
        return;
      }
      case Command.CLSE: {
        const stream = this.#streams.get(packet.arg1);
        this.#streams.delete(packet.arg1);
        stream?.handleRemoteClose();
        return;
      }
      default:
        this.#log(`ignoring ${commandName(packet.command)}`);
    }
  }

  #onConnect(packet: Packet): void {
    // A new CNXN restarts the session: whatever streams the host had are gone.
    this.#closeAllStreams();
    const version = packet.arg0;
    this.#withChecksum = version < A_VERSION_SKIP_CHECKSUM;
    this.#maxData = Math.max(MAX_PAYLOAD_V1, Math.min(packet.arg1, MAX_PAYLOAD));
    const banner = parseBanner(packet.data);
    if (banner.systemType !== 'host') this.#log(`CNXN from a "${banner.systemType}" peer`);
    this.#auth.start();
  }

  #onOpen(remoteId: number, payload: Buffer): void {
    const service = payload.toString('utf8').replace(/\0+$/, '');
    const handler = remoteId === 0 ? undefined : this.#options.route(service, this.#featureSet);
    if (handler === undefined) {
      // adbd refuses a service it cannot create with CLSE(0, remote): adb prints "error: closed".
      this.#log(`refusing service ${JSON.stringify(service)}`);
      this.#send(Command.CLSE, 0, remoteId);
      return;
    }
    // JSON quoting shows the NULs of abb_exec and keeps a hostile peer's bytes off the terminal.
    this.#log(`open ${JSON.stringify(service)}`);
    const localId = this.#nextLocalId++;
    const stream = new AdbStream(this, localId, remoteId);
    this.#streams.set(localId, stream);
    this.#send(Command.OKAY, localId, remoteId);
    try {
      handler(stream, { device: this.#options.device, features: this.#featureSet });
    } catch (error) {
      this.#log(
        `service ${JSON.stringify(service)} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      stream.close();
    }
  }

  // ---- send path ----

  #send(command: number, arg0: number, arg1: number, data: Buffer = EMPTY): void {
    if (this.#closed || this.#socket.destroyed) return;
    const header = encodeHeader(command, arg0, arg1, data, this.#withChecksum);
    if (data.length === 0) {
      this.#socket.write(header);
      return;
    }
    // Corked so header and payload leave in one writev instead of two segments.
    this.#socket.cork();
    this.#socket.write(header);
    this.#socket.write(data);
    this.#socket.uncork();
  }

  /** A fault in a service or the device model costs this connection, never the lab. */
  #fail(error: unknown): void {
    this.#log(
      `closing connection after an internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    this.close('reset');
  }

  #closeAllStreams(): void {
    const streams = [...this.#streams.values()];
    this.#streams.clear();
    for (const stream of streams) stream.handleRemoteClose();
  }

  #teardown(): void {
    if (this.#closed) return;
    this.#closeAllStreams();
    this.#auth.dispose();
    this.#closed = true;
    for (const listener of this.#closeListeners.splice(0)) listener();
  }

  #log(message: string): void {
    this.#options.log?.(`[${this.#options.device.serial}] ${message}`);
  }
}

const EMPTY = Buffer.alloc(0);

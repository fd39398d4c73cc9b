// Incremental ADB packet parser: feed it socket chunks of any size, get whole packets.
// Bytes wait in a ByteQueue (a chunk list), so a 1 MiB payload arriving in 64 KiB socket
// reads is assembled once, not re-concatenated on every read.
import { ByteQueue } from './byte-queue.ts';
import {
  HEADER_SIZE,
  MAX_PAYLOAD,
  commandName,
  decodeHeader,
  isKnownCommand,
  type Packet,
  type PacketHeader,
} from './packet.ts';

/** A peer sent bytes that cannot be ADB; the connection cannot be resynchronised. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
}

export class PacketReader {
  readonly #queue = new ByteQueue();
  readonly #maxPayload: number;
  #header: PacketHeader | undefined;

  constructor(maxPayload = MAX_PAYLOAD) {
    this.#maxPayload = maxPayload;
  }

  /** Bytes received but not yet part of a whole packet (a truncated tail shows up here). */
  get pendingBytes(): number {
    return this.#queue.length + (this.#header === undefined ? 0 : HEADER_SIZE);
  }

  /** Appends a chunk and returns every packet it completes; throws ProtocolError on garbage. */
  feed(chunk: Buffer): Packet[] {
    this.#queue.push(chunk);
    const packets: Packet[] = [];
    for (;;) {
      if (this.#header === undefined) {
        if (this.#queue.length < HEADER_SIZE) break;
        this.#header = validate(decodeHeader(this.#queue.take(HEADER_SIZE)), this.#maxPayload);
      }
      const header = this.#header;
      if (this.#queue.length < header.dataLength) break;
      this.#header = undefined;
      packets.push(new ReceivedPacket(header, this.#queue.takeViews(header.dataLength)));
    }
    return packets;
  }
}

function validate(header: PacketHeader, maxPayload: number): PacketHeader {
  if ((header.magic ^ 0xffffffff) >>> 0 !== header.command) {
    throw new ProtocolError(
      `bad magic 0x${header.magic.toString(16)} for command ${commandName(header.command)}`,
    );
  }
  if (!isKnownCommand(header.command))
    throw new ProtocolError(`unknown command ${commandName(header.command)}`);
  if (header.dataLength > maxPayload) {
    throw new ProtocolError(
      `${commandName(header.command)} payload of ${header.dataLength} bytes exceeds ${maxPayload}`,
    );
  }
  return header;
}

/** A packet whose payload stays in the socket chunks it arrived in until someone needs it whole. */
class ReceivedPacket implements Packet {
  readonly command: number;
  readonly arg0: number;
  readonly arg1: number;
  readonly parts: readonly Buffer[];
  #data: Buffer | undefined;

  constructor(header: PacketHeader, parts: Buffer[]) {
    this.command = header.command;
    this.arg0 = header.arg0;
    this.arg1 = header.arg1;
    this.parts = parts;
  }

  get data(): Buffer {
    this.#data ??=
      this.parts.length === 1 && this.parts[0] !== undefined ? this.parts[0] : Buffer.concat(this.parts);
    return this.#data;
  }
}

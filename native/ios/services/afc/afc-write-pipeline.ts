// A file's bytes as FileRefWrite packets with several unanswered at once. afcd reads its
// connection one packet at a time and answers each in order, with a STATUS carrying that
// packet's number, so the next write need not wait for the previous one's status: while the
// device stores one chunk the next is already on the cable, and the link does not sit idle
// for a host round trip per chunk. (libimobiledevice's afc_file_write, which ideviceinstaller
// calls per 1 MiB, and pymobiledevice3's fwrite both wait for every status.)
//
// What stays guaranteed:
//   - every reply is matched to its packet by number, in order; a reply to another packet, or
//     one that is not a STATUS, means the stream is out of step: DeviceUnreadableError, and
//     the connection is failed so nothing later reads a stray reply;
//   - the first status other than success ends the upload with that status (AfcError). The
//     packets already sent are still answered: those answers are read before it is thrown, so
//     the connection stays in step for the RemovePath that cleans up;
//   - a lost connection is thrown as it came (DeviceGoneError), after the answers that did
//     arrive were counted: `onAcknowledged` has said how many bytes the device confirmed, for
//     the caller's "stopped after N of M bytes";
//   - a chunk's buffer goes back into use only after its packet was answered, i.e. after the
//     device read every byte of it, so the socket never sends bytes that were overwritten.
import type { DeviceUnreadableError } from '../../../device-errors.ts';
import { AfcError, outOfStep, statusOf, unexpectedReply } from './afc-error.ts';
import { AFC_OPERATION, decodeAfcPacket, encodeAfcHeader, u64, type AfcPacket } from './afc-packet.ts';

/** The connection, as the pipeline uses it (an AfcClient's channel, inside one exclusive exchange). */
export interface AfcPipelineIo {
  /** Sends one packet given in parts; resolves when the stream took it (backpressure honoured). */
  send(parts: readonly Buffer[]): Promise<void>;
  /** The next reply frame, whole. */
  receive(): Promise<Buffer>;
  /** The stream is out of step for good: fail the connection. */
  fail(error: Error): void;
  /** The packet number for the next packet sent (the client's counter, shared with its other requests). */
  nextPacketNumber(): number;
}

export interface PipelinedWrite {
  /** The FileRefOpen handle. */
  handle: bigint;
  /** The remote path, for errors. */
  path: string;
  chunkBytes: number;
  /** FileRefWrite packets sent and not yet answered, at most. 1 is stop-and-wait. */
  inFlight: number;
  /** Reads up to `into.length` bytes at `position` of the source; 0 at its end. */
  read(into: Buffer, position: number): Promise<number>;
  /** After each answered packet: the bytes the device has confirmed so far. */
  onAcknowledged(bytes: number): void;
}

interface Sent {
  packetNumber: number;
  bytes: number;
}

/** Writes the whole source; resolves once the device confirmed every byte. */
export async function writePipelined(io: AfcPipelineIo, write: PipelinedWrite): Promise<void> {
  const inFlight = Math.max(1, Math.floor(write.inFlight));
  // A chunk of no bytes would read as the end of the file: the upload would "succeed" empty.
  if (!(write.chunkBytes >= 1))
    throw new RangeError(`chunkBytes must be at least 1, got ${write.chunkBytes}`);
  const handle = u64(write.handle);
  const buffers: Buffer[] = [];
  const unanswered: Sent[] = [];
  let sentPackets = 0;
  let position = 0;
  let acknowledged = 0;
  let ended = false;
  // A refusal (a status, or the local file failing): nothing more is sent, and it is what the
  // caller sees once the packets already sent are answered.
  let refused: Error | undefined;
  // The connection failed while sending: answers already received still count, then it is thrown.
  let lost: Error | undefined;
  let hole = false;

  for (;;) {
    while (!ended && refused === undefined && lost === undefined && unanswered.length < inFlight) {
      // The packet that last used this buffer (inFlight packets ago) has been answered.
      const buffer = (buffers[sentPackets % inFlight] ??= Buffer.allocUnsafe(write.chunkBytes));
      let length: number;
      try {
        length = await fill(write, buffer, position);
      } catch (error) {
        refused = error instanceof Error ? error : new Error(String(error));
        break;
      }
      if (length === 0) {
        ended = true;
        break;
      }
      const packetNumber = io.nextPacketNumber();
      const header = encodeAfcHeader(AFC_OPERATION.fileWrite, packetNumber, handle.length, length);
      try {
        await io.send([header, handle, buffer.subarray(0, length)]);
      } catch (error) {
        lost = error instanceof Error ? error : new Error(String(error));
        break;
      }
      unanswered.push({ packetNumber, bytes: length });
      sentPackets += 1;
      position += length;
    }
    const oldest = unanswered.shift();
    if (!oldest) break;
    let frame: Buffer;
    try {
      frame = await io.receive();
    } catch (error) {
      // A refusal came first (a device may hang up after refusing a write): it is the reason.
      throw refused ?? error;
    }
    const status = readStatus(io, decodeAfcPacket(frame), oldest.packetNumber);
    if (status !== 0) {
      refused ??= new AfcError('FileRefWrite', write.path, status);
      // The file has a hole from here: later successes confirm nothing more of the upload.
      hole = true;
    }
    if (!hole) {
      acknowledged += oldest.bytes;
      write.onAcknowledged(acknowledged);
    }
  }
  const failure = refused ?? lost;
  if (failure) throw failure;
}

/** The status of the reply to `packetNumber`; fails the connection when it is anything else. */
function readStatus(io: AfcPipelineIo, reply: AfcPacket, packetNumber: number): number {
  let failure: DeviceUnreadableError | undefined;
  if (reply.packetNumber !== packetNumber) failure = outOfStep('FileRefWrite', packetNumber, reply);
  else if (reply.operation !== AFC_OPERATION.status) failure = unexpectedReply('FileRefWrite', reply);
  else {
    try {
      return statusOf(reply);
    } catch (error) {
      failure = error as DeviceUnreadableError;
    }
  }
  io.fail(failure);
  throw failure;
}

/** Reads until `buffer` is full or the source ends (a read may return less than asked). */
async function fill(write: PipelinedWrite, buffer: Buffer, position: number): Promise<number> {
  let length = 0;
  while (length < buffer.length) {
    const read = await write.read(buffer.subarray(length), position + length);
    if (read === 0) break;
    length += read;
  }
  return length;
}

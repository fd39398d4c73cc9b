// An AFC client (com.apple.afc): the device's media partition, where installation_proxy
// picks up packages from /PublicStaging. Each operation is one packet out and one reply back
// (STATUS with a code, DATA, or FILE_OPEN_RES with a handle), one at a time, except an
// upload's writes, which keep several packets in flight (afc-write-pipeline.ts).
import { open } from 'node:fs/promises';
import type { Duplex } from 'node:stream';
import { DeviceGoneError } from '../../../device-errors.ts';
import { FrameChannel } from '../../transport/frame-channel.ts';
import { AfcError, outOfStep, statusOf, unexpectedReply } from './afc-error.ts';
import {
  AFC_FRAME_LAYOUT,
  AFC_OPEN_MODE,
  AFC_OPERATION,
  AFC_STATUS_EXISTS,
  AFC_STATUS_NOT_FOUND,
  cString,
  decodeAfcPacket,
  decodeKeyValueList,
  encodeAfcPacket,
  u64,
  type AfcPacket,
} from './afc-packet.ts';
import { writePipelined } from './afc-write-pipeline.ts';

export { AfcError } from './afc-error.ts';

export const AFC_SERVICE = 'com.apple.afc';
export const PUBLIC_STAGING = '/PublicStaging';
/**
 * One FileRefWrite carries this much: what ideviceinstaller sends per packet, well inside
 * what devices are known to take (pymobiledevice3 and Appium's AFC clients use up to 4 MiB).
 */
export const AFC_WRITE_CHUNK_BYTES = 1024 * 1024;
/**
 * FileRefWrites sent ahead of their statuses. Against the lab, one phone's 21 MB upload went
 * from ~1.05 s waiting for every status to ~0.75–0.9 s with 2–8 in flight (its own wait is
 * 0.6 s); 4 leaves room for a host slow to be scheduled (many phones on few cores). Each is a
 * chunk of memory per upload. No other client pipelines AFC writes: untried on real phones.
 */
export const AFC_WRITES_IN_FLIGHT = 4;
const REPLY_TIMEOUT_MS = 60_000;

export interface AfcUploadOptions {
  /** Called after each chunk the device confirmed, with bytes written so far and the file's size. */
  onProgress?: (writtenBytes: number, totalBytes: number) => void;
  chunkBytes?: number;
  /** FileRefWrite packets in flight at most (AFC_WRITES_IN_FLIGHT); 1 waits for every status. */
  inFlight?: number;
}

export class AfcClient {
  readonly #channel: FrameChannel;
  #packetNumber = 0;

  constructor(stream: Duplex, device: string) {
    this.#channel = new FrameChannel(stream, { device, peer: AFC_SERVICE, layout: AFC_FRAME_LAYOUT });
  }

  get device(): string {
    return this.#channel.device;
  }

  /** Creates the directory and its parents; one that exists already is fine. */
  async makeDirectory(path: string): Promise<void> {
    await this.#expectStatus('MakeDir', path, AFC_OPERATION.makeDirectory, cString(path), [
      AFC_STATUS_EXISTS,
    ]);
  }

  /** Removes a file or an empty directory; one that does not exist is fine. */
  async remove(path: string): Promise<void> {
    await this.#expectStatus('RemovePath', path, AFC_OPERATION.removePath, cString(path), [
      AFC_STATUS_NOT_FOUND,
    ]);
  }

  /** st_size, st_ifmt (S_IFREG, S_IFDIR…), st_mtime…; undefined when there is no such path. */
  async fileInfo(path: string): Promise<Record<string, string> | undefined> {
    const reply = await this.#operation(AFC_OPERATION.getFileInfo, cString(path));
    if (reply.operation === AFC_OPERATION.status) {
      const status = statusOf(reply);
      if (status === AFC_STATUS_NOT_FOUND) return undefined;
      throw new AfcError('GetFileInfo', path, status);
    }
    if (reply.operation !== AFC_OPERATION.data) throw unexpectedReply('GetFileInfo', reply);
    return decodeKeyValueList(reply.content);
  }

  /**
   * Writes a local file to `remotePath` (created or truncated), chunk by chunk, several
   * chunks in flight. A status other than success stops it with that status (AfcError); a
   * connection lost part way is a DeviceGoneError that says how far the upload got.
   */
  async upload(localPath: string, remotePath: string, options: AfcUploadOptions = {}): Promise<void> {
    const file = await open(localPath, 'r');
    let written = 0;
    let total = 0;
    try {
      total = (await file.stat()).size;
      const handle = await this.#openFile(remotePath, AFC_OPEN_MODE.writeTruncate);
      // One exchange for all the writes: nothing else may put a packet between them.
      await this.#channel.exclusive(() =>
        writePipelined(
          {
            send: (parts) => this.#channel.write(parts),
            receive: () => this.#channel.read(REPLY_TIMEOUT_MS),
            fail: (error) => this.#channel.fail(error),
            nextPacketNumber: () => this.#packetNumber++,
          },
          {
            handle,
            path: remotePath,
            chunkBytes: options.chunkBytes ?? AFC_WRITE_CHUNK_BYTES,
            inFlight: options.inFlight ?? AFC_WRITES_IN_FLIGHT,
            read: async (into, position) => (await file.read(into, 0, into.length, position)).bytesRead,
            onAcknowledged: (bytes) => {
              written = bytes;
              options.onProgress?.(written, total);
            },
          },
        ),
      );
      await this.#expectStatus('FileRefClose', remotePath, AFC_OPERATION.fileClose, u64(handle));
    } catch (error) {
      if (error instanceof DeviceGoneError) {
        const detail = error.message.replace(`${this.device} is not connected: `, '');
        throw new DeviceGoneError(
          this.device,
          `the upload to ${remotePath} stopped after ${written} of ${total} bytes (${detail})`,
        );
      }
      throw error;
    } finally {
      await file.close();
    }
  }

  close(): void {
    this.#channel.close();
  }

  async #openFile(path: string, mode: number): Promise<bigint> {
    const reply = await this.#operation(AFC_OPERATION.fileOpen, Buffer.concat([u64(mode), cString(path)]));
    if (reply.operation === AFC_OPERATION.status) throw new AfcError('FileRefOpen', path, statusOf(reply));
    if (reply.operation !== AFC_OPERATION.fileOpenResult || reply.content.length < 8)
      throw unexpectedReply('FileRefOpen', reply);
    return reply.content.readBigUInt64LE(0);
  }

  async #expectStatus(
    name: string,
    path: string,
    operation: number,
    data: Buffer,
    alsoFine: number[] = [],
  ): Promise<void> {
    const reply = await this.#operation(operation, data);
    if (reply.operation !== AFC_OPERATION.status) throw unexpectedReply(name, reply);
    const status = statusOf(reply);
    if (status !== 0 && !alsoFine.includes(status)) throw new AfcError(name, path, status);
  }

  /** One request and its reply; a reply to another packet means the stream is out of step for good. */
  #operation(operation: number, data: Buffer): Promise<AfcPacket> {
    return this.#channel.exclusive(async () => {
      const packetNumber = this.#packetNumber++;
      await this.#channel.write(encodeAfcPacket(operation, packetNumber, data));
      const reply = decodeAfcPacket(await this.#channel.read(REPLY_TIMEOUT_MS));
      if (reply.packetNumber !== packetNumber) {
        const error = outOfStep(`operation 0x${operation.toString(16)}`, packetNumber, reply);
        this.#channel.fail(error);
        throw error;
      }
      return reply;
    });
  }
}

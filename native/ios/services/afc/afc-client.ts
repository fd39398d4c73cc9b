// An AFC client (com.apple.afc): the device's media partition, where installation_proxy
// picks up packages from /PublicStaging. Each operation is one packet out and one reply back
// (STATUS with a code, DATA, or FILE_OPEN_RES with a handle), one at a time.
import { open } from 'node:fs/promises';
import type { Duplex } from 'node:stream';
import { DeviceCommandError, DeviceGoneError, DeviceUnreadableError } from '../../../device-errors.ts';
import { FrameChannel } from '../../transport/frame-channel.ts';
import {
  AFC_FRAME_LAYOUT,
  AFC_OPEN_MODE,
  AFC_OPERATION,
  AFC_STATUS,
  AFC_STATUS_EXISTS,
  AFC_STATUS_NOT_FOUND,
  cString,
  decodeAfcPacket,
  decodeKeyValueList,
  encodeAfcPacket,
  u64,
  type AfcPacket,
} from './afc-packet.ts';

export const AFC_SERVICE = 'com.apple.afc';
export const PUBLIC_STAGING = '/PublicStaging';
/** One FileRefWrite carries this much: big enough that round trips do not dominate, small enough for smooth progress. */
export const AFC_WRITE_CHUNK_BYTES = 1024 * 1024;
const REPLY_TIMEOUT_MS = 60_000;

/** AFC answered with a status other than success; `status` is its code (AFC_STATUS). */
export class AfcError extends DeviceCommandError {
  readonly status: number;
  constructor(operation: string, path: string, status: number) {
    super(`AFC ${operation} ${path}: ${AFC_STATUS[status] ?? `status ${status}`}`, {
      transient: status === 17,
    });
    this.name = 'AfcError';
    this.status = status;
  }
}

export interface AfcUploadOptions {
  /** Called after each chunk with bytes written so far and the file's size. */
  onProgress?: (writtenBytes: number, totalBytes: number) => void;
  chunkBytes?: number;
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
    if (reply.operation !== AFC_OPERATION.data) throw unexpected('GetFileInfo', reply);
    return decodeKeyValueList(reply.content);
  }

  /**
   * Writes a local file to `remotePath` (created or truncated), chunk by chunk. A connection
   * lost part way is a DeviceGoneError that says how far the upload got.
   */
  async upload(localPath: string, remotePath: string, options: AfcUploadOptions = {}): Promise<void> {
    const chunkBytes = options.chunkBytes ?? AFC_WRITE_CHUNK_BYTES;
    const file = await open(localPath, 'r');
    let written = 0;
    let total = 0;
    try {
      total = (await file.stat()).size;
      const handle = await this.#openFile(remotePath, AFC_OPEN_MODE.writeTruncate);
      const buffer = Buffer.allocUnsafe(chunkBytes);
      for (;;) {
        const { bytesRead } = await file.read(buffer, 0, chunkBytes, written);
        if (bytesRead === 0) break;
        // The frame is built (copied) before the next read reuses the buffer.
        await this.#expectStatus(
          'FileRefWrite',
          remotePath,
          AFC_OPERATION.fileWrite,
          u64(handle),
          [],
          buffer.subarray(0, bytesRead),
        );
        written += bytesRead;
        options.onProgress?.(written, total);
      }
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
      throw unexpected('FileRefOpen', reply);
    return reply.content.readBigUInt64LE(0);
  }

  async #expectStatus(
    name: string,
    path: string,
    operation: number,
    data: Buffer,
    alsoFine: number[] = [],
    payload?: Buffer,
  ): Promise<void> {
    const reply = await this.#operation(operation, data, payload);
    if (reply.operation !== AFC_OPERATION.status) throw unexpected(name, reply);
    const status = statusOf(reply);
    if (status !== 0 && !alsoFine.includes(status)) throw new AfcError(name, path, status);
  }

  #operation(operation: number, data: Buffer, payload?: Buffer): Promise<AfcPacket> {
    return this.#channel.exclusive(async () => {
      await this.#channel.write(encodeAfcPacket(operation, this.#packetNumber++, data, payload));
      return decodeAfcPacket(await this.#channel.read(REPLY_TIMEOUT_MS));
    });
  }
}

function statusOf(reply: AfcPacket): number {
  if (reply.content.length < 8) throw new DeviceUnreadableError('AFC sent a status without its code');
  return Number(reply.content.readBigUInt64LE(0));
}

function unexpected(name: string, reply: AfcPacket): DeviceUnreadableError {
  return new DeviceUnreadableError(`AFC answered ${name} with operation 0x${reply.operation.toString(16)}`);
}

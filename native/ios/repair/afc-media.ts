// Counting the files a user left on an iPhone's media partition (AFC, com.apple.afc): photos
// and videos under /DCIM, downloads, books, voice memos. Read-only: ReadDirectory (0x03:
// NUL-separated names, "." and ".." included) and GetFileInfo (0x0a: st_ifmt S_IFDIR,
// S_IFREG, S_IFLNK…). The staging AFC client uploads; this one only walks, so it stays apart.
// System folders (PhotoData's databases, iTunes_Control, PublicStaging) exist on an erased
// phone too and are not counted.
import type { Duplex } from 'node:stream';
import { DeviceUnreadableError } from '../../device-errors.ts';
import {
  AFC_FRAME_LAYOUT,
  AFC_OPERATION,
  AFC_STATUS_NOT_FOUND,
  cString,
  decodeAfcPacket,
  decodeKeyValueList,
  encodeAfcPacket,
  type AfcPacket,
} from '../services/afc/afc-packet.ts';
import { AFC_SERVICE, AfcError } from '../services/afc/afc-client.ts';
import { FrameChannel } from '../transport/frame-channel.ts';

/** Where a user's own files live on the media partition. */
export const MEDIA_FOLDERS = ['/DCIM', '/Downloads', '/Books', '/Recordings'] as const;
const REPLY_TIMEOUT_MS = 30_000;

export class AfcReader {
  readonly #channel: FrameChannel;
  #packetNumber = 0;

  constructor(stream: Duplex, device: string) {
    this.#channel = new FrameChannel(stream, { device, peer: AFC_SERVICE, layout: AFC_FRAME_LAYOUT });
  }

  /** The names in a directory (without "." and ".."); undefined when there is no such path. */
  async readDirectory(path: string): Promise<string[] | undefined> {
    const reply = await this.#operation(AFC_OPERATION.readDirectory, path);
    if (reply === undefined) return undefined;
    return reply
      .toString('utf8')
      .split('\0')
      .filter((name) => name !== '' && name !== '.' && name !== '..');
  }

  /** st_ifmt and friends; undefined when there is no such path. */
  async fileInfo(path: string): Promise<Record<string, string> | undefined> {
    const reply = await this.#operation(AFC_OPERATION.getFileInfo, path);
    return reply === undefined ? undefined : decodeKeyValueList(reply);
  }

  /** Regular files under `roots`, recursively (symlinks are not followed). */
  async countFiles(roots: readonly string[] = MEDIA_FOLDERS): Promise<number> {
    let count = 0;
    const pending = [...roots];
    for (let path = pending.pop(); path !== undefined; path = pending.pop()) {
      const info = await this.fileInfo(path);
      if (info?.st_ifmt === 'S_IFREG') count++;
      if (info?.st_ifmt !== 'S_IFDIR') continue;
      for (const name of (await this.readDirectory(path)) ?? []) pending.push(`${path}/${name}`);
    }
    return count;
  }

  close(): void {
    this.#channel.close();
  }

  /** The DATA reply's content; undefined for "no such file"; AfcError for any other status. */
  async #operation(operation: number, path: string): Promise<Buffer | undefined> {
    const reply: AfcPacket = await this.#channel.exclusive(async () => {
      await this.#channel.write(encodeAfcPacket(operation, this.#packetNumber++, cString(path)));
      return decodeAfcPacket(await this.#channel.read(REPLY_TIMEOUT_MS));
    });
    if (reply.operation === AFC_OPERATION.data) return reply.content;
    if (reply.operation !== AFC_OPERATION.status || reply.content.length < 8)
      throw new DeviceUnreadableError(
        `AFC answered 0x${operation.toString(16)} with operation 0x${reply.operation.toString(16)}`,
      );
    const status = Number(reply.content.readBigUInt64LE(0));
    if (status === AFC_STATUS_NOT_FOUND) return undefined;
    throw new AfcError(
      operation === AFC_OPERATION.readDirectory ? 'ReadDirectory' : 'GetFileInfo',
      path,
      status,
    );
  }
}

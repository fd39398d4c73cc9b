// Wire format of the sync service (`sync:`), as adb 29's file_sync_service speaks it.
// Requests are id (4 ASCII bytes) + uint32 LE length + that many bytes; replies are the
// fixed-size records below. Everything is little-endian.
import type { DirEntry, FileStat } from '../virtual-device-api.ts';

export const SyncId = {
  STAT: 'STAT',
  STA2: 'STA2',
  LST2: 'LST2',
  LIST: 'LIST',
  LIS2: 'LIS2',
  DENT: 'DENT',
  DNT2: 'DNT2',
  SEND: 'SEND',
  RECV: 'RECV',
  DATA: 'DATA',
  DONE: 'DONE',
  OKAY: 'OKAY',
  FAIL: 'FAIL',
  QUIT: 'QUIT',
} as const;

export const SYNC_REQUEST_HEADER = 8;
/** adb's SYNC_DATA_MAX: the largest DATA chunk either side may send. */
export const SYNC_DATA_MAX = 64 * 1024;
/** adbd refuses longer paths ("path too long"). */
export const SYNC_PATH_MAX = 1024;
export const STAT_V1_SIZE = 16;
export const STAT_V2_SIZE = 72;
export const DENT_V1_SIZE = 20;
export const DENT_V2_SIZE = 76;

/** Linux errno values carried in STA2/DNT2 records. */
export const Errno = { ENOENT: 2, EACCES: 13, ENOTDIR: 20, EISDIR: 21, EINVAL: 22, ENOSPC: 28 } as const;
export const ErrnoText: Record<keyof typeof Errno, string> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  EINVAL: 'Invalid argument',
  ENOSPC: 'No space left on device',
};

export const S_IFMT = 0o170000;
export const S_IFREG = 0o100000;
export const S_IFLNK = 0o120000;

export function statV1(stat: FileStat | undefined): Buffer {
  const out = Buffer.alloc(STAT_V1_SIZE);
  out.write(SyncId.STAT, 0, 'latin1');
  if (stat !== undefined) {
    out.writeUInt32LE(stat.mode >>> 0, 4);
    out.writeUInt32LE(Math.min(stat.size, 0xffffffff), 8);
    out.writeUInt32LE(stat.mtimeSeconds >>> 0, 12);
  }
  return out;
}

/** STA2/LST2 reply, or the fixed part of a DNT2 entry when `id` is DNT2/DONE. */
export function statV2(id: string, stat: FileStat | undefined, errno: number, size = STAT_V2_SIZE): Buffer {
  const out = Buffer.alloc(size);
  out.write(id, 0, 'latin1');
  out.writeUInt32LE(errno, 4);
  if (stat !== undefined) {
    // dev (8) stays 0; ino (8) is left 0 too: adb only compares it across one listing.
    out.writeUInt32LE(stat.mode >>> 0, 24);
    out.writeUInt32LE(1, 28); // nlink
    out.writeBigUInt64LE(BigInt(stat.size), 40);
    const time = BigInt(stat.mtimeSeconds);
    out.writeBigInt64LE(time, 48); // atime
    out.writeBigInt64LE(time, 56); // mtime
    out.writeBigInt64LE(time, 64); // ctime
  }
  return out;
}

export function dentV1(entry: DirEntry): Buffer {
  const name = Buffer.from(entry.name, 'utf8');
  const out = Buffer.alloc(DENT_V1_SIZE + name.length);
  out.write(SyncId.DENT, 0, 'latin1');
  out.writeUInt32LE(entry.mode >>> 0, 4);
  out.writeUInt32LE(Math.min(entry.size, 0xffffffff), 8);
  out.writeUInt32LE(entry.mtimeSeconds >>> 0, 12);
  out.writeUInt32LE(name.length, 16);
  name.copy(out, DENT_V1_SIZE);
  return out;
}

export function dentV2(entry: DirEntry): Buffer {
  const name = Buffer.from(entry.name, 'utf8');
  const fixed = statV2(SyncId.DNT2, entry, 0, DENT_V2_SIZE);
  fixed.writeUInt32LE(name.length, STAT_V2_SIZE);
  return Buffer.concat([fixed, name]);
}

/** The DONE record ending a listing has the size of the entries it ends, all zero. */
export function listDone(size: number): Buffer {
  const out = Buffer.alloc(size);
  out.write(SyncId.DONE, 0, 'latin1');
  return out;
}

export function syncMessage(id: string, length: number, data?: Buffer): Buffer {
  const header = Buffer.alloc(SYNC_REQUEST_HEADER);
  header.write(id, 0, 'latin1');
  header.writeUInt32LE(length, 4);
  return data === undefined ? header : Buffer.concat([header, data]);
}

export function failMessage(text: string): Buffer {
  const data = Buffer.from(text, 'utf8');
  return syncMessage(SyncId.FAIL, data.length, data);
}

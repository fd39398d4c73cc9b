// AFC (Apple File Conduit) packets, as libimobiledevice's afc.h lays them out:
//   magic "CFA6LPAA" · entire_length u64 · this_length u64 · packet_num u64 · operation u64
//   (all little-endian; 40 bytes) · operation data · payload
// this_length covers header + operation data (paths, handles); entire_length adds the
// payload (file bytes of a write, contents of a read). A reply's content is everything after
// the header: data and payload together, which is how libimobiledevice reads it too.
import type { FrameLayout } from '../../wire/frame-reader.ts';

export const AFC_MAGIC = Buffer.from('CFA6LPAA', 'latin1');
export const AFC_HEADER_BYTES = 40;
/** A reply (a status, a file's info, a directory listing) is small; reads are not used for big files. */
export const AFC_MAX_REPLY_BYTES = 16 * 1024 * 1024;

export const AFC_OPERATION = {
  status: 0x01,
  data: 0x02,
  readDirectory: 0x03,
  removePath: 0x08,
  makeDirectory: 0x09,
  getFileInfo: 0x0a,
  getDeviceInfo: 0x0b,
  fileOpen: 0x0d,
  fileOpenResult: 0x0e,
  fileRead: 0x0f,
  fileWrite: 0x10,
  fileClose: 0x14,
  renamePath: 0x18,
  removePathAndContents: 0x22,
} as const;

/** FileRefOpen modes (fopen's). */
export const AFC_OPEN_MODE = {
  readOnly: 1, // r
  readWrite: 2, // r+
  writeTruncate: 3, // w: O_WRONLY | O_CREAT | O_TRUNC
  readWriteTruncate: 4, // w+
  append: 5, // a
  readAppend: 6, // a+
} as const;

/** AFC status codes and what they mean to someone staging a phone. */
export const AFC_STATUS: Record<number, string> = {
  0: 'success',
  1: 'unknown error',
  2: 'invalid operation header',
  3: 'no resources',
  4: 'read error',
  5: 'write error',
  6: 'unknown packet type',
  7: 'invalid argument',
  8: 'no such file or directory',
  9: 'is a directory',
  10: 'permission denied',
  11: 'service not connected',
  12: 'operation timed out',
  13: 'too much data',
  14: 'end of data',
  15: 'operation not supported',
  16: 'already exists',
  17: 'busy',
  18: 'no space left on the device',
  19: 'operation would block',
  20: 'I/O error',
  21: 'interrupted',
  22: 'operation in progress',
  23: 'internal error',
  30: 'USB multiplexer error',
  31: 'out of memory',
  32: 'not enough data',
  33: 'directory not empty',
};
export const AFC_STATUS_NOT_FOUND = 8;
export const AFC_STATUS_EXISTS = 16;

export interface AfcPacket {
  operation: number;
  packetNumber: number;
  /** Operation data and payload together. */
  content: Buffer;
}

export function encodeAfcPacket(
  operation: number,
  packetNumber: number,
  data: Buffer,
  payload: Buffer = Buffer.alloc(0),
): Buffer {
  const header = encodeAfcHeader(operation, packetNumber, data.length, payload.length);
  return payload.length > 0 ? Buffer.concat([header, data, payload]) : Buffer.concat([header, data]);
}

/** The 40-byte header alone, for a packet whose data and payload are written after it as they are. */
export function encodeAfcHeader(
  operation: number,
  packetNumber: number,
  dataBytes: number,
  payloadBytes: number,
): Buffer {
  const header = Buffer.alloc(AFC_HEADER_BYTES);
  AFC_MAGIC.copy(header, 0);
  header.writeBigUInt64LE(BigInt(AFC_HEADER_BYTES + dataBytes + payloadBytes), 8);
  header.writeBigUInt64LE(BigInt(AFC_HEADER_BYTES + dataBytes), 16);
  header.writeBigUInt64LE(BigInt(packetNumber), 24);
  header.writeBigUInt64LE(BigInt(operation), 32);
  return header;
}

export function decodeAfcPacket(frame: Buffer): AfcPacket {
  return {
    packetNumber: Number(frame.readBigUInt64LE(24)),
    operation: Number(frame.readBigUInt64LE(32)),
    content: frame.subarray(AFC_HEADER_BYTES),
  };
}

export const AFC_FRAME_LAYOUT: FrameLayout = {
  headerBytes: AFC_HEADER_BYTES,
  frameLength(header) {
    if (!header.subarray(0, 8).equals(AFC_MAGIC)) throw new Error('the packet does not start with CFA6LPAA');
    const entire = header.readBigUInt64LE(8);
    const own = header.readBigUInt64LE(16);
    if (own < BigInt(AFC_HEADER_BYTES) || own > entire)
      throw new Error('the packet lengths contradict each other');
    return entire > BigInt(AFC_MAX_REPLY_BYTES) ? AFC_MAX_REPLY_BYTES + 1 : Number(entire);
  },
  maxFrameBytes: AFC_MAX_REPLY_BYTES,
};

/** A C string argument: UTF-8 bytes and a NUL. */
export function cString(text: string): Buffer {
  return Buffer.concat([Buffer.from(text, 'utf8'), Buffer.alloc(1)]);
}

export function u64(value: number | bigint): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE(BigInt(value));
  return bytes;
}

/** GetFileInfo / GetDeviceInfo replies: "key\0value\0key\0value\0…". */
export function decodeKeyValueList(content: Buffer): Record<string, string> {
  const parts = content.toString('utf8').split('\0');
  if (parts.at(-1) === '') parts.pop();
  const result: Record<string, string> = {};
  for (let index = 0; index + 1 < parts.length; index += 2) result[parts[index]!] = parts[index + 1]!;
  return result;
}

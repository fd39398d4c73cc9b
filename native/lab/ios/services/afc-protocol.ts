// AFC (Apple File Conduit) wire format, device side. Every packet, both directions:
//
//   magic "CFA6LPAA" · entire_length u64 · this_length u64 · packet_num u64 · operation u64
//   (40 bytes, little-endian), then this_length − 40 bytes of header data (paths, handles),
//   then entire_length − this_length bytes of payload (file contents).
//
// A reply carries its request's packet_num (libimobiledevice rejects any other). STATUS
// replies put their error code in the header data; DATA replies put their bytes in the
// payload section (this_length = 40), which is where clients read them from.

export const AFC_MAGIC = Buffer.from('CFA6LPAA', 'latin1');
export const AFC_HEADER_BYTES = 40;

/** Operation codes (libimobiledevice afc.h; the reply codes are STATUS, DATA, *_RES). */
export const AFC_OP = {
  status: 0x01,
  data: 0x02,
  readDir: 0x03,
  truncate: 0x07,
  removePath: 0x08,
  makeDir: 0x09,
  getFileInfo: 0x0a,
  getDeviceInfo: 0x0b,
  fileOpen: 0x0d,
  fileOpenResult: 0x0e,
  fileRead: 0x0f,
  fileWrite: 0x10,
  fileSeek: 0x11,
  fileTell: 0x12,
  fileTellResult: 0x13,
  fileClose: 0x14,
  fileSetSize: 0x15,
  getConnectionInfo: 0x16,
  setConnectionOptions: 0x17,
  renamePath: 0x18,
  setFsBlockSize: 0x19,
  setSocketBlockSize: 0x1a,
  fileLock: 0x1b,
  setFileModTime: 0x1e,
  removePathAndContents: 0x22,
} as const;

/** Status codes a STATUS reply carries. */
export const AFC_ERROR = {
  success: 0,
  unknownError: 1,
  opHeaderInvalid: 2,
  readError: 4,
  writeError: 5,
  unknownPacketType: 6,
  invalidArg: 7,
  objectNotFound: 8,
  objectIsDir: 9,
  permDenied: 10,
  opNotSupported: 15,
  objectExists: 16,
  noSpaceLeft: 18,
  dirNotEmpty: 33,
} as const;

/** FileOpen modes: fopen's r, r+, w, w+, a, a+. */
export const AFC_MODE = {
  1: { read: true, write: false, create: false, truncate: false, append: false }, // r
  2: { read: true, write: true, create: false, truncate: false, append: false }, // r+
  3: { read: false, write: true, create: true, truncate: true, append: false }, // w
  4: { read: true, write: true, create: true, truncate: true, append: false }, // w+
  5: { read: false, write: true, create: true, truncate: false, append: true }, // a
  6: { read: true, write: true, create: true, truncate: false, append: true }, // a+
} as const;
export type AfcMode = (typeof AFC_MODE)[keyof typeof AFC_MODE];

/** Seek origins (FileSeek's first u64). */
export const AFC_SEEK = { set: 0, current: 1, end: 2 } as const;

/** Paths and other header data: nothing a client sends needs more. */
export const AFC_MAX_HEADER_DATA = 64 * 1024;
/** Payloads of anything but FileWrite (none need one); a bigger one ends the connection. */
export const AFC_MAX_OTHER_PAYLOAD = 1024 * 1024;

export interface AfcHeader {
  entireLength: number;
  thisLength: number;
  packetNum: bigint;
  operation: number;
}

/** Reads a header; undefined (the connection is closed) for a bad magic or impossible lengths. */
export function parseAfcHeader(bytes: Buffer): AfcHeader | undefined {
  if (!bytes.subarray(0, 8).equals(AFC_MAGIC)) return undefined;
  const entire = bytes.readBigUInt64LE(8);
  const own = bytes.readBigUInt64LE(16);
  const operation = bytes.readBigUInt64LE(32);
  if (own < AFC_HEADER_BYTES || entire < own || entire > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  if (own - BigInt(AFC_HEADER_BYTES) > AFC_MAX_HEADER_DATA || operation > 0xffffn) return undefined;
  return {
    entireLength: Number(entire),
    thisLength: Number(own),
    packetNum: bytes.readBigUInt64LE(24),
    operation: Number(operation),
  };
}

export function encodeAfcPacket(
  packetNum: bigint,
  operation: number,
  headerData: Buffer,
  payload: Buffer,
): Buffer {
  const header = Buffer.alloc(AFC_HEADER_BYTES);
  AFC_MAGIC.copy(header, 0);
  header.writeBigUInt64LE(BigInt(AFC_HEADER_BYTES + headerData.length + payload.length), 8);
  header.writeBigUInt64LE(BigInt(AFC_HEADER_BYTES + headerData.length), 16);
  header.writeBigUInt64LE(packetNum, 24);
  header.writeBigUInt64LE(BigInt(operation), 32);
  return Buffer.concat([header, headerData, payload]);
}

export function u64(value: number | bigint): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigUInt64LE(BigInt(value));
  return out;
}

/** The NUL-terminated strings header data holds (one path, or a rename's two). */
export function cStrings(data: Buffer): string[] {
  const parts = data.toString('utf8').split('\0');
  if (parts.at(-1) === '') parts.pop();
  return parts;
}

/** Key/value replies (GetFileInfo, GetDeviceInfo) and directory listings: NUL-terminated strings. */
export function encodeStrings(values: string[]): Buffer {
  return Buffer.from(values.map((v) => `${v}\0`).join(''), 'utf8');
}

/**
 * A client path as the device's files map keys it: absolute, no "." or ".." parts, no
 * trailing slash. AFC is jailed to the media partition: ".." never climbs above "/".
 */
export function normalizeAfcPath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

export function parentOf(path: string): string {
  const at = path.lastIndexOf('/');
  return at <= 0 ? '/' : path.slice(0, at);
}

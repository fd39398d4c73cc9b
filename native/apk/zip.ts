// Just enough of the zip format to find an APK's central directory (the APK Signing Block
// sits right before it) and to read single entries. APKs are never zip64 and never split.
import { inflateRawSync } from 'node:zlib';
import { ApkError } from './errors.ts';

const EOCD_SIGNATURE = 0x06054b50;
const CD_ENTRY_SIGNATURE = 0x02014b50;
const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const EOCD_MIN_SIZE = 22;
const MAX_COMMENT = 0xffff;

export interface ZipEntry {
  name: string;
  method: number; // 0 stored, 8 deflated
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export interface ZipLayout {
  eocdOffset: number;
  centralDirectoryOffset: number;
  centralDirectorySize: number;
  entries: ZipEntry[];
}

function findEocd(apk: Buffer): number {
  const earliest = Math.max(0, apk.length - EOCD_MIN_SIZE - MAX_COMMENT);
  for (let i = apk.length - EOCD_MIN_SIZE; i >= earliest; i--) {
    // The comment length must reach exactly to the end of the file, or it is a false match.
    if (apk.readUInt32LE(i) === EOCD_SIGNATURE && i + EOCD_MIN_SIZE + apk.readUInt16LE(i + 20) === apk.length)
      return i;
  }
  throw new ApkError('NOT_ZIP', 'not a zip archive: end of central directory not found');
}

export function readZipLayout(apk: Buffer): ZipLayout {
  if (apk.length < EOCD_MIN_SIZE)
    throw new ApkError('NOT_ZIP', `not a zip archive: only ${apk.length} bytes`);
  const eocdOffset = findEocd(apk);
  const entryCount = apk.readUInt16LE(eocdOffset + 10);
  const centralDirectorySize = apk.readUInt32LE(eocdOffset + 12);
  const centralDirectoryOffset = apk.readUInt32LE(eocdOffset + 16);
  if (centralDirectoryOffset === 0xffffffff || entryCount === 0xffff)
    throw new ApkError('UNSUPPORTED_ZIP', 'zip64 archives are not APKs');
  if (centralDirectoryOffset + centralDirectorySize > eocdOffset)
    throw new ApkError('NOT_ZIP', 'corrupt zip: central directory overlaps its end record');
  const entries: ZipEntry[] = [];
  let p = centralDirectoryOffset;
  for (let i = 0; i < entryCount; i++) {
    if (p + 46 > eocdOffset || apk.readUInt32LE(p) !== CD_ENTRY_SIGNATURE)
      throw new ApkError('NOT_ZIP', 'corrupt zip: bad central directory entry');
    const nameLength = apk.readUInt16LE(p + 28);
    const extraLength = apk.readUInt16LE(p + 30);
    const commentLength = apk.readUInt16LE(p + 32);
    entries.push({
      name: apk.toString('utf8', p + 46, p + 46 + nameLength),
      method: apk.readUInt16LE(p + 10),
      compressedSize: apk.readUInt32LE(p + 20),
      uncompressedSize: apk.readUInt32LE(p + 24),
      localHeaderOffset: apk.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return { eocdOffset, centralDirectoryOffset, centralDirectorySize, entries };
}

export function readZipEntry(apk: Buffer, entry: ZipEntry): Buffer {
  const h = entry.localHeaderOffset;
  if (h + 30 > apk.length || apk.readUInt32LE(h) !== LOCAL_HEADER_SIGNATURE)
    throw new ApkError('NOT_ZIP', `corrupt zip: bad local header for ${entry.name}`);
  const start = h + 30 + apk.readUInt16LE(h + 26) + apk.readUInt16LE(h + 28);
  const data = apk.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize)
    throw new ApkError('NOT_ZIP', `corrupt zip: ${entry.name} is truncated`);
  if (entry.method === 0) return data;
  if (entry.method === 8) {
    try {
      return inflateRawSync(data);
    } catch (err) {
      throw new ApkError('NOT_ZIP', `corrupt zip: cannot inflate ${entry.name}`, { cause: err });
    }
  }
  throw new ApkError('UNSUPPORTED_ZIP', `${entry.name} uses zip method ${entry.method}`);
}

// Just enough of the zip format to find an archive's central directory and read single
// entries: APKs (the APK Signing Block sits right before the central directory) and IPAs.
// Neither is ever split; zip64 is refused.
//
// The parsers work on byte ranges the caller has read, so an archive can be read from a
// Buffer (readZipLayout / readZipEntry, what the APK reader does) or from a file a few
// ranges at a time without loading it (what the IPA reader does: tail, central directory,
// one entry). Errors are made by a caller-supplied factory so each format keeps its own
// error class; the default makes ApkErrors, as before.
import { inflateRawSync } from 'node:zlib';
import { ApkError } from './errors.ts';

const EOCD_SIGNATURE = 0x06054b50;
const CD_ENTRY_SIGNATURE = 0x02014b50;
const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const EOCD_MIN_SIZE = 22;
const MAX_COMMENT = 0xffff;
const CD_ENTRY_FIXED = 46;
/** The fixed part of a local file header; its name and extra field follow. */
export const LOCAL_HEADER_FIXED = 30;
/** How many bytes at the end of an archive can hold its end-of-central-directory record. */
export const EOCD_SEARCH_BYTES = EOCD_MIN_SIZE + MAX_COMMENT;

export type ZipErrorCode = 'NOT_ZIP' | 'UNSUPPORTED_ZIP';
/** Makes the error to throw; each archive format (APK, IPA) supplies its own error class. */
export type ZipFail = (code: ZipErrorCode, message: string, cause?: unknown) => Error;

const apkFail: ZipFail = (code, message, cause) =>
  new ApkError(code, message, cause === undefined ? undefined : { cause });

export interface ZipEntry {
  name: string;
  method: number; // 0 stored, 8 deflated
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export interface EndOfCentralDirectory {
  eocdOffset: number;
  centralDirectoryOffset: number;
  centralDirectorySize: number;
  entryCount: number;
}

export interface ZipLayout extends Omit<EndOfCentralDirectory, 'entryCount'> {
  entries: ZipEntry[];
}

/**
 * Finds the end-of-central-directory record in `tail`, the last bytes of an archive of
 * `archiveSize` bytes (at least EOCD_SEARCH_BYTES of them, or the whole archive).
 */
export function parseEndOfCentralDirectory(
  tail: Buffer,
  archiveSize: number,
  fail: ZipFail = apkFail,
): EndOfCentralDirectory {
  if (archiveSize < EOCD_MIN_SIZE) throw fail('NOT_ZIP', `not a zip archive: only ${archiveSize} bytes`);
  const tailOffset = archiveSize - tail.length;
  let at = -1;
  for (let i = tail.length - EOCD_MIN_SIZE; i >= 0; i--) {
    // The comment length must reach exactly to the end of the file, or it is a false match.
    if (
      tail.readUInt32LE(i) === EOCD_SIGNATURE &&
      i + EOCD_MIN_SIZE + tail.readUInt16LE(i + 20) === tail.length
    ) {
      at = i;
      break;
    }
  }
  if (at < 0) throw fail('NOT_ZIP', 'not a zip archive: end of central directory not found');
  const eocdOffset = tailOffset + at;
  const entryCount = tail.readUInt16LE(at + 10);
  const centralDirectorySize = tail.readUInt32LE(at + 12);
  const centralDirectoryOffset = tail.readUInt32LE(at + 16);
  if (centralDirectoryOffset === 0xffffffff || entryCount === 0xffff)
    throw fail('UNSUPPORTED_ZIP', 'zip64 archives are not supported');
  if (centralDirectoryOffset + centralDirectorySize > eocdOffset)
    throw fail('NOT_ZIP', 'corrupt zip: central directory overlaps its end record');
  return { eocdOffset, centralDirectoryOffset, centralDirectorySize, entryCount };
}

/** Reads the entries of a central directory (`cd` holds exactly its bytes). */
export function parseCentralDirectory(cd: Buffer, entryCount: number, fail: ZipFail = apkFail): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < entryCount; i++) {
    if (p + CD_ENTRY_FIXED > cd.length || cd.readUInt32LE(p) !== CD_ENTRY_SIGNATURE)
      throw fail('NOT_ZIP', 'corrupt zip: bad central directory entry');
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    if (p + CD_ENTRY_FIXED + nameLength > cd.length)
      throw fail('NOT_ZIP', 'corrupt zip: central directory entry name runs past its end');
    entries.push({
      name: cd.toString('utf8', p + CD_ENTRY_FIXED, p + CD_ENTRY_FIXED + nameLength),
      method: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      uncompressedSize: cd.readUInt32LE(p + 24),
      localHeaderOffset: cd.readUInt32LE(p + 42),
    });
    p += CD_ENTRY_FIXED + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Where an entry's data starts, from the LOCAL_HEADER_FIXED bytes at its local header. */
export function entryDataOffset(localHeader: Buffer, entry: ZipEntry, fail: ZipFail = apkFail): number {
  if (localHeader.length < LOCAL_HEADER_FIXED || localHeader.readUInt32LE(0) !== LOCAL_HEADER_SIGNATURE)
    throw fail('NOT_ZIP', `corrupt zip: bad local header for ${entry.name}`);
  return (
    entry.localHeaderOffset + LOCAL_HEADER_FIXED + localHeader.readUInt16LE(26) + localHeader.readUInt16LE(28)
  );
}

/**
 * Turns an entry's stored bytes (exactly compressedSize of them) into its content.
 * `maxBytes` bounds what inflating may produce (a small entry can claim to be a zip bomb).
 */
export function decodeEntryData(
  data: Buffer,
  entry: ZipEntry,
  fail: ZipFail = apkFail,
  maxBytes = Number.MAX_SAFE_INTEGER,
): Buffer {
  if (data.length !== entry.compressedSize) throw fail('NOT_ZIP', `corrupt zip: ${entry.name} is truncated`);
  if (entry.method === 0) return data;
  if (entry.method === 8) {
    try {
      return maxBytes < Number.MAX_SAFE_INTEGER
        ? inflateRawSync(data, { maxOutputLength: maxBytes })
        : inflateRawSync(data);
    } catch (err) {
      throw fail('NOT_ZIP', `corrupt zip: cannot inflate ${entry.name}`, err);
    }
  }
  throw fail('UNSUPPORTED_ZIP', `${entry.name} uses zip method ${entry.method}`);
}

/** The layout of an archive held in memory. */
export function readZipLayout(archive: Buffer, fail: ZipFail = apkFail): ZipLayout {
  const tail = archive.subarray(Math.max(0, archive.length - EOCD_SEARCH_BYTES));
  const end = parseEndOfCentralDirectory(tail, archive.length, fail);
  const cd = archive.subarray(
    end.centralDirectoryOffset,
    end.centralDirectoryOffset + end.centralDirectorySize,
  );
  const { entryCount, ...offsets } = end;
  return { ...offsets, entries: parseCentralDirectory(cd, entryCount, fail) };
}

/** One entry's content from an archive held in memory. */
export function readZipEntry(archive: Buffer, entry: ZipEntry, fail: ZipFail = apkFail): Buffer {
  const start = entryDataOffset(
    archive.subarray(entry.localHeaderOffset, entry.localHeaderOffset + LOCAL_HEADER_FIXED),
    entry,
    fail,
  );
  return decodeEntryData(archive.subarray(start, start + entry.compressedSize), entry, fail);
}

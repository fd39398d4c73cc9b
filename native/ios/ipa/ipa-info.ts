// readIpaInfo: what an .ipa says about itself (bundle id, versions, name, minimum iOS),
// read from Payload/<Name>.app/Info.plist. From a file it reads only the archive's tail,
// its central directory and that one entry, never the whole (often 100 MB+) archive.
// Staging checks a profile's pinned app against it; the lab's installation_proxy installs by it.
import { open, type FileHandle } from 'node:fs/promises';
import {
  decodeEntryData,
  entryDataOffset,
  EOCD_SEARCH_BYTES,
  LOCAL_HEADER_FIXED,
  parseCentralDirectory,
  parseEndOfCentralDirectory,
  type ZipEntry,
  type ZipFail,
} from '../../apk/zip.ts';
import { decodePlistDict, PlistError, type PlistDict } from '../wire/plist-codec.ts';
import { IpaError } from './ipa-error.ts';

export { IpaError, type IpaErrorCode } from './ipa-error.ts';

export interface IpaInfo {
  /** CFBundleIdentifier */
  bundleId: string;
  /** CFBundleVersion (the build number installation_proxy and profiles compare) */
  version: string;
  /** CFBundleShortVersionString (what people call the version) */
  shortVersion: string | undefined;
  /** CFBundleDisplayName, else CFBundleName, else the .app directory's name */
  name: string;
  /** MinimumOSVersion */
  minimumOsVersion: string | undefined;
  /** CFBundleExecutable */
  executable: string | undefined;
  /** e.g. "Payload/FieldNotes.app/" */
  appDirectory: string;
  /** The whole Info.plist, as installation_proxy's Browse returns it. */
  infoPlist: PlistDict;
  sizeBytes: number;
}

/** ideviceinstaller refuses larger Info.plists too; a bigger entry is a zip bomb, not an app. */
const MAX_INFO_PLIST_BYTES = 10 * 1024 * 1024;
const INFO_PLIST_PATH = /^Payload\/([^/]+)\.app\/Info\.plist$/;

const ipaFail: ZipFail = (code, message, cause) =>
  new IpaError(code, message, cause === undefined ? undefined : { cause });

/** Random access to the archive: a Buffer, or an open file read range by range. */
interface ByteSource {
  size: number;
  read(offset: number, length: number): Promise<Buffer>;
}

function bufferSource(bytes: Buffer): ByteSource {
  return {
    size: bytes.length,
    read: (offset, length) => Promise.resolve(bytes.subarray(offset, offset + length)),
  };
}

function fileSource(file: FileHandle, size: number): ByteSource {
  return {
    size,
    async read(offset, length) {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
      const { bytesRead } = await file.read(buffer, 0, buffer.length, offset);
      return buffer.subarray(0, bytesRead);
    },
  };
}

async function readEntry(source: ByteSource, entry: ZipEntry, maxBytes: number): Promise<Buffer> {
  if (entry.uncompressedSize > maxBytes || entry.compressedSize > maxBytes)
    throw new IpaError(
      'BAD_INFO_PLIST',
      `${entry.name} is ${entry.uncompressedSize} bytes, too large for an Info.plist`,
    );
  const header = await source.read(entry.localHeaderOffset, LOCAL_HEADER_FIXED);
  const start = entryDataOffset(header, entry, ipaFail);
  return decodeEntryData(await source.read(start, entry.compressedSize), entry, ipaFail, maxBytes);
}

function stringValue(dict: PlistDict, key: string): string | undefined {
  const value = dict[key];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** The IPA's identity from its Info.plist bytes (XML or binary), as found at `entryName`. */
export function ipaInfoFromInfoPlist(plistBytes: Buffer, entryName: string, sizeBytes: number): IpaInfo {
  let infoPlist: PlistDict;
  try {
    infoPlist = decodePlistDict(plistBytes).value;
  } catch (err) {
    const detail = err instanceof PlistError ? err.message : String(err);
    throw new IpaError('BAD_INFO_PLIST', `${entryName} cannot be read: ${detail}`, { cause: err });
  }
  const bundleId = stringValue(infoPlist, 'CFBundleIdentifier');
  if (!bundleId) throw new IpaError('NO_BUNDLE_ID', `${entryName} has no CFBundleIdentifier`);
  const appName = INFO_PLIST_PATH.exec(entryName)?.[1] ?? bundleId;
  const shortVersion = stringValue(infoPlist, 'CFBundleShortVersionString');
  return {
    bundleId,
    // An app without CFBundleVersion installs; iOS then reads its short version in its place.
    version: stringValue(infoPlist, 'CFBundleVersion') ?? shortVersion ?? '0',
    shortVersion,
    name: stringValue(infoPlist, 'CFBundleDisplayName') ?? stringValue(infoPlist, 'CFBundleName') ?? appName,
    minimumOsVersion: stringValue(infoPlist, 'MinimumOSVersion'),
    executable: stringValue(infoPlist, 'CFBundleExecutable'),
    appDirectory: `Payload/${appName}.app/`,
    infoPlist,
    sizeBytes,
  };
}

async function readFromSource(source: ByteSource): Promise<IpaInfo> {
  const tail = await source.read(Math.max(0, source.size - EOCD_SEARCH_BYTES), EOCD_SEARCH_BYTES);
  const end = parseEndOfCentralDirectory(tail, source.size, ipaFail);
  const cd = await source.read(end.centralDirectoryOffset, end.centralDirectorySize);
  const entries = parseCentralDirectory(cd, end.entryCount, ipaFail);
  const entry = entries.find((e) => INFO_PLIST_PATH.test(e.name));
  if (!entry) {
    const app = entries.find((e) => /^Payload\/[^/]+\.app\//.test(e.name));
    throw new IpaError(
      'NO_INFO_PLIST',
      app
        ? `${/^Payload\/[^/]+\.app\//.exec(app.name)?.[0]}Info.plist is missing`
        : 'no Payload/<Name>.app/Info.plist: the archive holds no app',
    );
  }
  return ipaInfoFromInfoPlist(await readEntry(source, entry, MAX_INFO_PLIST_BYTES), entry.name, source.size);
}

/** Reads an IPA from a path (a few ranges of the file) or from bytes already in memory. */
export async function readIpaInfo(pathOrBytes: string | Buffer): Promise<IpaInfo> {
  if (typeof pathOrBytes !== 'string') return readFromSource(bufferSource(pathOrBytes));
  let file: FileHandle;
  let size: number;
  try {
    file = await open(pathOrBytes, 'r');
    size = (await file.stat()).size;
  } catch (err) {
    throw new IpaError(
      'IO',
      `cannot read ${pathOrBytes}: ${err instanceof Error ? err.message : String(err)}`,
      {
        cause: err,
      },
    );
  }
  try {
    return await readFromSource(fileSource(file, size));
  } finally {
    await file.close();
  }
}

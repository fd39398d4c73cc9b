import { stat } from 'node:fs/promises';
import { readApkInfo, type ApkInfo } from '../../../../native/apk/index.ts';

/**
 * readApkInfo for a profile's APKs, read once per version of the file. Every job of a batch
 * reads the same APKs, twice per install step (apply, then its check): parsing and verifying
 * the signatures of a 30 MB APK costs about 0.2 s of CPU and holds the whole file in memory,
 * so 64 phones reading it at once took 2 GB and most of the staging CPU. Concurrent callers
 * share one read; a file changed on disk (size, mtime or inode) is read again.
 *
 * A version is the file's identity (device, inode, size, mtime), not its path: the import checks
 * a profile's copies in a folder it then renames into place (profile-files.ts), and the batch
 * that installs them finds them already read.
 */
const MAX_ENTRIES = 256;
const cache = new Map<string, Promise<ApkInfo>>();

export async function profileApkInfo(path: string): Promise<ApkInfo> {
  let version: string;
  try {
    const file = await stat(path, { bigint: true });
    version = `${file.dev}:${file.ino}:${file.size}:${file.mtimeNs}`;
  } catch {
    return readApkInfo(path); // a missing file: readApkInfo's own error says so
  }
  const cached = cache.get(version);
  if (cached) return cached;
  const info = readApkInfo(path);
  cache.set(version, info);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  // A failed read is not remembered: the next attempt reads the file again.
  void info.catch(() => cache.get(version) === info && cache.delete(version));
  return info;
}

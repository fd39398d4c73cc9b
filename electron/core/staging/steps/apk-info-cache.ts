import { stat } from 'node:fs/promises';
import { readApkInfo, type ApkInfo } from '../../../../native/apk/index.ts';

/**
 * readApkInfo for a profile's APKs, read once per version of the file. Every job of a batch
 * reads the same APKs, twice per install step (apply, then its check): parsing and verifying
 * the signatures of a 30 MB APK costs about 0.2 s of CPU and holds the whole file in memory,
 * so 64 phones reading it at once took 2 GB and most of the staging CPU. Concurrent callers
 * share one read; a file changed on disk (size, mtime or inode) is read again.
 */
const MAX_ENTRIES = 256;
const cache = new Map<string, { version: string; info: Promise<ApkInfo> }>();

export async function profileApkInfo(path: string): Promise<ApkInfo> {
  let version: string;
  try {
    const file = await stat(path);
    version = `${file.size}:${file.mtimeMs}:${file.ino}`;
  } catch {
    return readApkInfo(path); // a missing file: readApkInfo's own error says so
  }
  const cached = cache.get(path);
  if (cached?.version === version) return cached.info;
  const info = readApkInfo(path);
  cache.delete(path);
  cache.set(path, { version, info });
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  // A failed read is not remembered: the next attempt reads the file again.
  void info.catch(() => cache.get(path)?.info === info && cache.delete(path));
  return info;
}

// Reading and replacing <dataDir>/secrets.enc. A write never leaves a half-written file: the
// new bytes go to a temporary file in the same folder, are flushed to disk, and replace the
// old file in one rename. Owner-only (0600) from the first byte on.
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

export const SECRETS_FILE_NAME = 'secrets.enc';

export function secretsFilePath(dataDir: string): string {
  return join(dataDir, SECRETS_FILE_NAME);
}

/** The file's bytes, or undefined when there is none yet. Other errors are thrown. */
export function readSecretsBytes(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export function writeSecretsBytesAtomically(path: string, bytes: Buffer): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, `.${SECRETS_FILE_NAME}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined = openSync(temp, 'wx', 0o600);
  try {
    // The umask can only take bits away from 0600, but an odd ACL default should not add any.
    chmodSync(temp, 0o600);
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
    throw error;
  }
  syncDirectory(dir);
}

/** Makes the rename itself durable; folders cannot be opened for this on Windows. */
function syncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Best effort: the file itself is already on disk.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

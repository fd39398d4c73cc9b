// The desktop app's key for the core's secrets file: 32 random bytes made once per data
// folder, kept in <dataDir>/secrets.key.safe wrapped by Electron safeStorage (Keychain,
// DPAPI, libsecret/KWallet), unwrapped at each start and handed to the core process in its
// `start` message. Takes safeStorage as a parameter so it is testable without Electron.
// Uses the async safeStorage calls: the synchronous ones are deprecated in Electron 45 and
// removed in 46.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeSecretsBytesAtomically } from '../core/secrets/secrets-file-io.ts';
import type { SuppliedKey } from '../core/secrets/supplied-key-source.ts';

export const WRAPPED_KEY_FILE = 'secrets.key.safe';
const KEY_BYTES = 32;
/** A readable first line, so the file says what it is; the rest is safeStorage's ciphertext. */
const FILE_HEADER = Buffer.from('depotline-secrets-key/1\n', 'latin1');

/** The part of Electron's safeStorage used here. */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  /** Linux only. */
  getSelectedStorageBackend?(): string;
}

export function wrapKeyFile(ciphertext: Buffer): Buffer {
  return Buffer.concat([FILE_HEADER, ciphertext]);
}

/** The ciphertext, or a reason the file is not one of ours. */
export function unwrapKeyFile(bytes: Buffer): Buffer | string {
  if (!bytes.subarray(0, FILE_HEADER.length).equals(FILE_HEADER))
    return 'it is not a Depotline secrets key file';
  if (bytes.length === FILE_HEADER.length) return 'it is empty after its header';
  return bytes.subarray(FILE_HEADER.length);
}

/**
 * The key, or why there is none (then the core falls through to the OS keyring and
 * DEPOTLINE_SECRETS_KEY). Never throws, and never replaces a key file it cannot unwrap:
 * the secrets file may depend on it.
 */
export async function loadDesktopSecretsKey(options: {
  dataDir: string;
  safeStorage: SafeStorageLike;
  platform?: NodeJS.Platform;
}): Promise<SuppliedKey> {
  const { safeStorage } = options;
  const path = join(options.dataDir, WRAPPED_KEY_FILE);
  try {
    // basic_text "encrypts" with a password built into Chromium: no protection at all.
    if (
      (options.platform ?? process.platform) === 'linux' &&
      safeStorage.getSelectedStorageBackend?.() === 'basic_text'
    )
      return {
        unavailable:
          'Electron safeStorage has no OS keyring on this desktop (Linux basic_text backend, which uses a built-in password)',
      };
    if (!(await safeStorage.isAsyncEncryptionAvailable()))
      return { unavailable: 'Electron safeStorage cannot encrypt on this desktop' };

    let bytes: Buffer | undefined;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (!bytes) {
      const key = randomBytes(KEY_BYTES);
      writeSecretsBytesAtomically(
        path,
        wrapKeyFile(await safeStorage.encryptStringAsync(key.toString('base64'))),
      );
      return { key };
    }

    const ciphertext = unwrapKeyFile(bytes);
    if (typeof ciphertext === 'string') return { unavailable: `${path} cannot be used: ${ciphertext}` };
    const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(ciphertext);
    const key = Buffer.from(result, 'base64');
    if (key.length !== KEY_BYTES) return { unavailable: `${path} does not hold a ${KEY_BYTES}-byte key` };
    // safeStorage rotated its own key: wrap ours again so the next start does not depend on the old one.
    if (shouldReEncrypt) {
      try {
        const rewrapped = await safeStorage.encryptStringAsync(key.toString('base64'));
        writeSecretsBytesAtomically(path, wrapKeyFile(rewrapped));
      } catch {
        // The old wrapping still opens; try again at the next start.
      }
    }
    return { key };
  } catch (error) {
    return {
      unavailable: `Electron safeStorage could not provide the secrets key (${error instanceof Error ? error.message : String(error)}); ${path} was left as it is`,
    };
  }
}

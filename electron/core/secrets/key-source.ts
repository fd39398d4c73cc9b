// What every key source (supplied by the desktop shell, OS keyring, environment variable)
// answers, and how its key material becomes the file key. Sources are asked in order; the
// first one that has the key of an existing file, or any key for a new file, wins.
import { randomBytes, scryptSync } from 'node:crypto';
import { SCRYPT_LIMITS, type KeySourceName, type ScryptParams } from './secrets-file-format.ts';

export type { KeySourceName } from './secrets-file-format.ts';

/** A 32-byte key as is, or a passphrase that scrypt stretches with the file's salt. */
export type KeyMaterial = { kind: 'raw'; key: Buffer } | { kind: 'passphrase'; passphrase: string };

export type KeyLookup =
  | { state: 'found'; material: KeyMaterial }
  /** Reachable but holds no key for this file yet; `create` makes and keeps one (the keyring). */
  | { state: 'creatable'; create: () => KeyMaterial }
  /**
   * `reason` in plain words, lower case, so several can be joined into one sentence;
   * `advice` says what a person can do about it.
   */
  | { state: 'unavailable'; reason: string; advice?: string };

export interface KeySource {
  readonly name: KeySourceName;
  /** `storeId` names the file (the keyring keeps one key per secrets file). Never throws. */
  find(storeId: Buffer): KeyLookup;
}

export const SOURCE_LABELS: Record<KeySourceName, string> = {
  safeStorage: 'the desktop app (Electron safeStorage)',
  keyring: 'the OS keyring',
  environment: 'DEPOTLINE_SECRETS_KEY',
};

export const KEY_BYTES = 32;

/** Parameters for a new passphrase file: 32 MiB and ~0.1 s on a bench PC, once per process. */
export function newScryptParams(): ScryptParams {
  return { logN: 15, r: 8, p: 1, salt: randomBytes(16) };
}

/**
 * The 32-byte key the file is encrypted under. Passphrases are stretched once per salt and
 * remembered, since every read of the file needs the key.
 */
export function createFileKeyDeriver(): (material: KeyMaterial, scrypt: ScryptParams | undefined) => Buffer {
  const stretched = new Map<string, Buffer>();
  return (material, scrypt) => {
    if (material.kind === 'raw') return material.key;
    if (!scrypt) throw new Error('a passphrase needs scrypt parameters');
    const id = `${scrypt.salt.toString('hex')}:${scrypt.logN}:${scrypt.r}:${scrypt.p}:${material.passphrase}`;
    let key = stretched.get(id);
    if (!key) {
      if (scrypt.logN > SCRYPT_LIMITS.maxLogN) throw new Error('scrypt parameters out of range');
      const N = 2 ** scrypt.logN;
      key = scryptSync(material.passphrase.normalize('NFC'), scrypt.salt, KEY_BYTES, {
        N,
        r: scrypt.r,
        p: scrypt.p,
        maxmem: 256 * N * scrypt.r,
      });
      stretched.set(id, key);
    }
    return key;
  };
}

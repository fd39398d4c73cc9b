// The one place the core keeps credentials (connector tokens, HMAC keys, client secrets):
// an encrypted file beside the database, never a row in it. Key sources are asked in order
// (desktop key, OS keyring, DEPOTLINE_SECRETS_KEY); a file that no source can open is
// reported and left alone, never replaced by a fresh one, so nothing is ever lost silently.
import { checkSecretName, checkSecretValue, type SecretMap } from './secret-names.ts';
import {
  decryptSecretsFile,
  encryptSecretsFile,
  keyOpensFile,
  newStoreId,
  parseSecretsFile,
  SecretsFileError,
  type SecretsHeader,
} from './secrets-file-format.ts';
import { readSecretsBytes, writeSecretsBytesAtomically } from './secrets-file-io.ts';
import {
  createFileKeyDeriver,
  newScryptParams,
  SOURCE_LABELS,
  type KeyLookup,
  type KeyMaterial,
  type KeySource,
  type KeySourceName,
} from './key-source.ts';

export interface SecretStoreStatus {
  available: boolean;
  source: KeySourceName | 'none';
  /**
   * When unavailable: why, and what to do. When available from a later source: why the
   * sources before it were passed over (e.g. safeStorage cannot encrypt on this desktop).
   */
  reason?: string;
}

/** The interface the rest of the core uses. Values never appear in errors or logs. */
export interface SecretStore {
  /** The encrypted file, for messages ("stored in …"). */
  readonly path: string;
  status(): SecretStoreStatus;
  /**
   * The value, or undefined when it is not set or no key source exists at all (a connector
   * then reports "credentials missing"). Throws SecretsFileError when the file exists but is
   * damaged or was written with a different key: that needs a person, not a silent blank.
   */
  get(name: string): string | undefined;
  /** Throws, changing nothing, when no key source exists or the file cannot be opened. */
  set(name: string, value: string): void;
  /** True when the name existed. */
  delete(name: string): boolean;
  /** Sorted; [] when nothing is stored or no key source exists. */
  names(): string[];
}

type Loaded =
  | {
      state: 'new';
      bytes: undefined;
      source: KeySourceName;
      lookup: Exclude<KeyLookup, { state: 'unavailable' }>;
      skipped: string[];
    }
  | {
      state: 'open';
      /** The file as read, to notice another process writing before this one does. */
      bytes: Buffer;
      source: KeySourceName;
      header: SecretsHeader;
      fileKey: Buffer;
      map: SecretMap;
      skipped: string[];
    }
  | { state: 'locked'; fileExists: boolean; reason: string };

/** Rewrites started over because another process wrote the file meanwhile. */
const WRITE_ATTEMPTS = 5;

export class FileSecretStore implements SecretStore {
  readonly path: string;
  readonly #sources: readonly KeySource[];
  readonly #deriveKey = createFileKeyDeriver();
  /** The id a file written by this store for the first time gets (names its keyring entry). */
  readonly #newStoreId = newStoreId();

  constructor(options: { path: string; sources: readonly KeySource[] }) {
    this.path = options.path;
    this.#sources = options.sources;
  }

  status(): SecretStoreStatus {
    let loaded: Loaded;
    try {
      loaded = this.#load();
    } catch (error) {
      return { available: false, source: 'none', reason: messageOf(error) };
    }
    if (loaded.state === 'locked') return { available: false, source: 'none', reason: loaded.reason };
    return {
      available: true,
      source: loaded.source,
      ...(loaded.skipped.length
        ? { reason: `${joinReasons(loaded.skipped)}; using ${SOURCE_LABELS[loaded.source]}` }
        : {}),
    };
  }

  get(name: string): string | undefined {
    checkSecretName(name);
    const loaded = this.#load();
    return loaded.state === 'open' ? loaded.map[name] : undefined;
  }

  names(): string[] {
    const loaded = this.#load();
    return loaded.state === 'open' ? Object.keys(loaded.map).sort() : [];
  }

  set(name: string, value: string): void {
    checkSecretName(name);
    checkSecretValue(value);
    this.#change((map) => ({ ...map, [name]: value }), 'stored');
  }

  delete(name: string): boolean {
    checkSecretName(name);
    return this.#change((map) => {
      if (!(name in map)) return undefined;
      const rest = { ...map };
      delete rest[name];
      return rest;
    }, 'changed');
  }

  /** Read, change, write; `change` answers undefined when there is nothing to do. */
  #change(change: (map: SecretMap) => SecretMap | undefined, verb: 'stored' | 'changed'): boolean {
    for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
      const loaded = this.#loadForWrite();
      if (loaded.state === 'locked') {
        if (!loaded.fileExists && change({}) === undefined) return false;
        throw new Error(`Secrets cannot be ${verb} here: ${loaded.reason}.`);
      }
      const next = change(loaded.state === 'open' ? loaded.map : {});
      if (!next) return false;
      const { header, fileKey } = loaded.state === 'open' ? loaded : this.#newFile(loaded);
      const bytes = encryptSecretsFile(header, fileKey, next);
      // Another process (the CLI beside a running station) may have written since the read:
      // start over from its file instead of overwriting its change. (Narrows the window to
      // this check and the rename; there is no lock across processes.)
      if (!sameBytes(readSecretsBytes(this.path), loaded.bytes)) continue;
      writeSecretsBytesAtomically(this.path, bytes);
      return true;
    }
    throw new Error('Nothing was changed: the secrets file kept changing under this change; try again.');
  }

  /** The header and key of a first file, making the key where the source makes keys (the keyring). */
  #newFile(loaded: Extract<Loaded, { state: 'new' }>): { header: SecretsHeader; fileKey: Buffer } {
    let material: KeyMaterial;
    try {
      material = loaded.lookup.state === 'found' ? loaded.lookup.material : loaded.lookup.create();
    } catch (error) {
      throw new Error(
        `Nothing was stored: ${SOURCE_LABELS[loaded.source]} did not keep a new key (${messageOf(error)}).`,
        { cause: error },
      );
    }
    const header: SecretsHeader = {
      version: 1,
      source: loaded.source,
      storeId: this.#newStoreId,
      scrypt: material.kind === 'passphrase' ? newScryptParams() : undefined,
    };
    return { header, fileKey: this.#deriveKey(material, header.scrypt) };
  }

  /** Like #load, but says plainly that a write was refused and the file kept. */
  #loadForWrite(): Loaded {
    try {
      return this.#load();
    } catch (error) {
      if (error instanceof SecretsFileError)
        throw new SecretsFileError(error.code, `Nothing was changed: ${error.message}`);
      throw error;
    }
  }

  /** Reads and decrypts the file with the first source whose key opens it. */
  #load(): Loaded {
    const bytes = readSecretsBytes(this.path);
    const skipped: string[] = [];
    const advice: string[] = [];
    const skip = (lookup: Extract<KeyLookup, { state: 'unavailable' }>) => {
      skipped.push(lookup.reason);
      if (lookup.advice) advice.push(lookup.advice);
    };

    if (!bytes) {
      for (const source of this.#sources) {
        const lookup = source.find(this.#newStoreId);
        if (lookup.state === 'unavailable') skip(lookup);
        else return { state: 'new', bytes: undefined, source: source.name, lookup, skipped };
      }
      return { state: 'locked', fileExists: false, reason: withAdvice(noSourceReason(skipped), advice) };
    }

    const file = parseSecretsFile(bytes, this.path);
    const refused: string[] = [];
    for (const source of this.#sources) {
      const lookup = source.find(file.header.storeId);
      if (lookup.state === 'unavailable') {
        skip(lookup);
        continue;
      }
      if (lookup.state === 'creatable') {
        skipped.push(`${SOURCE_LABELS[source.name]} holds no key for this secrets file`);
        continue;
      }
      // A passphrase cannot open a file written with a plain key (no salt): a different key.
      const fileKey =
        lookup.material.kind === 'passphrase' && !file.header.scrypt
          ? undefined
          : this.#deriveKey(lookup.material, file.header.scrypt);
      if (!fileKey || !keyOpensFile(file, fileKey)) {
        refused.push(SOURCE_LABELS[source.name]);
        continue;
      }
      const map = decryptSecretsFile(file, fileKey, this.path);
      return { state: 'open', bytes, source: source.name, header: file.header, fileKey, map, skipped };
    }
    const writtenWith = SOURCE_LABELS[file.header.source];
    if (refused.length)
      throw new SecretsFileError(
        'wrong_key',
        `the secrets file was encrypted with a different key: ${this.path} was written with a key from ` +
          `${writtenWith}, and the key available now (from ${refused.join(' or ')}) does not open it. Use the ` +
          'key it was written with, or move the file aside to start an empty one (its credentials are then ' +
          'lost). It was left as it is.',
      );
    return {
      state: 'locked',
      fileExists: true,
      reason: withAdvice(
        `${this.path} was written with a key from ${writtenWith}, and no key is available now: ${noSourceReason(skipped)}`,
        advice,
      ),
    };
  }
}

function noSourceReason(skipped: string[]): string {
  return skipped.length ? joinReasons(skipped) : 'no key source is configured';
}

function withAdvice(reason: string, advice: string[]): string {
  return advice.length ? `${reason}; ${advice.join('; ')}` : reason;
}

/** "a", "a and b", "a, b and c". */
function joinReasons(reasons: string[]): string {
  if (reasons.length < 2) return reasons.join('');
  return `${reasons.slice(0, -1).join(', ')} and ${reasons.at(-1)}`;
}

function sameBytes(a: Buffer | undefined, b: Buffer | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.equals(b);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

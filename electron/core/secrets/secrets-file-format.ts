// The bytes of <dataDir>/secrets.enc, declared here and nowhere else. AES-256-GCM over a JSON
// map of name → value, a fresh random nonce for every write, and a fixed-size header that is
// authenticated as AAD, so an edited byte anywhere is caught. The header stays readable
// without the key on purpose: it says which kind of key wrote the file (so a wrong key can
// be explained), carries the scrypt salt for a passphrase, and a key check that tells
// "different key" apart from "edited file", which GCM alone cannot.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { SecretMapSchema, type SecretMap } from './secret-names.ts';

export const SECRETS_FILE_VERSION = 1;
const MAGIC = Buffer.from('DLSECRET', 'latin1');

/**
 * Version 1 layout (big endian):
 *   0  magic "DLSECRET" (8)    8 version (1)     9 key source (1)   10 kdf (1: 0 none, 1 scrypt)
 *  11  scrypt log2 N (1)      12 scrypt r (1)   13 scrypt p (1)    14 reserved, zero (2)
 *  16  store id (16)          32 salt (16)      48 key check (16)  64 nonce (12)
 *  76  content length (4)     80 ciphertext     … GCM tag (16)
 */
const LAYOUT = {
  version: 8,
  source: 9,
  kdf: 10,
  logN: 11,
  r: 12,
  p: 13,
  reserved: 14,
  storeId: 16,
  salt: 32,
  keyCheck: 48,
  nonce: 64,
  contentLength: 76,
  headerBytes: 80,
  tagBytes: 16,
} as const;

const SOURCES = ['safeStorage', 'keyring', 'environment'] as const;
export type KeySourceName = (typeof SOURCES)[number];

/** Scrypt limits accepted on read: an edited header must not make us allocate gigabytes. */
export const SCRYPT_LIMITS = { minLogN: 14, maxLogN: 18, maxR: 8, maxP: 4 } as const;

export interface ScryptParams {
  logN: number;
  r: number;
  p: number;
  salt: Buffer;
}

export interface SecretsHeader {
  version: number;
  /** Which kind of key wrote the file; shown when a different key cannot open it. */
  source: KeySourceName;
  /** Random, kept across rewrites; names this file's entry in the OS keyring. */
  storeId: Buffer;
  /** Set when the key is a passphrase from DEPOTLINE_SECRETS_KEY. */
  scrypt: ScryptParams | undefined;
}

interface ParsedFile {
  header: SecretsHeader;
  /** Bytes 0…79, the AAD. */
  aad: Buffer;
  keyCheck: Buffer;
  nonce: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

export type SecretsFileErrorCode =
  'not_a_secrets_file' | 'unknown_version' | 'truncated' | 'damaged' | 'wrong_key';

/** A secrets file that cannot be read. The file itself is never touched by whoever throws this. */
export class SecretsFileError extends Error {
  readonly code: SecretsFileErrorCode;
  constructor(code: SecretsFileErrorCode, message: string) {
    super(message);
    this.name = 'SecretsFileError';
    this.code = code;
  }
}

/** The AES key and the key check are derived apart so the stored check says nothing about the AES key. */
function subkeys(fileKey: Buffer): { aesKey: Buffer; keyCheck: Buffer } {
  const derive = (info: string, length: number) =>
    Buffer.from(hkdfSync('sha256', fileKey, Buffer.alloc(0), `depotline secrets v1 ${info}`, length));
  return { aesKey: derive('aes-256-gcm', 32), keyCheck: derive('key check', 16) };
}

/** Reads and checks the header and the framing; decrypts nothing. */
export function parseSecretsFile(bytes: Buffer, path: string): ParsedFile {
  const damaged = (what: string) =>
    new SecretsFileError('damaged', `${path} is damaged or was edited (${what}); it was left as it is.`);
  if (bytes.length < MAGIC.length + 1) {
    if (MAGIC.subarray(0, bytes.length).equals(bytes))
      throw new SecretsFileError(
        'truncated',
        `${path} is truncated (${bytes.length} bytes); it was left as it is.`,
      );
    throw new SecretsFileError('not_a_secrets_file', `${path} is not a Depotline secrets file.`);
  }
  if (!bytes.subarray(0, MAGIC.length).equals(MAGIC))
    throw new SecretsFileError('not_a_secrets_file', `${path} is not a Depotline secrets file.`);
  const version = bytes[LAYOUT.version]!;
  if (version !== SECRETS_FILE_VERSION)
    throw new SecretsFileError(
      'unknown_version',
      `${path} has format version ${version}, but this Depotline reads only version ${SECRETS_FILE_VERSION}` +
        (version > SECRETS_FILE_VERSION ? ': it was written by a newer Depotline; update this one.' : '.'),
    );
  if (bytes.length < LAYOUT.headerBytes + LAYOUT.tagBytes)
    throw new SecretsFileError(
      'truncated',
      `${path} is truncated (${bytes.length} bytes); it was left as it is.`,
    );

  const source = SOURCES[bytes[LAYOUT.source]! - 1];
  if (!source) throw damaged('unknown key source');
  if (bytes.readUInt16BE(LAYOUT.reserved) !== 0) throw damaged('reserved bytes are set');
  let scrypt: ScryptParams | undefined;
  const kdf = bytes[LAYOUT.kdf];
  if (kdf === 1) {
    scrypt = {
      logN: bytes[LAYOUT.logN]!,
      r: bytes[LAYOUT.r]!,
      p: bytes[LAYOUT.p]!,
      salt: Buffer.from(bytes.subarray(LAYOUT.salt, LAYOUT.salt + 16)),
    };
    const { minLogN, maxLogN, maxR, maxP } = SCRYPT_LIMITS;
    if (scrypt.logN < minLogN || scrypt.logN > maxLogN || scrypt.r < 1 || scrypt.r > maxR)
      throw damaged('scrypt parameters out of range');
    if (scrypt.p < 1 || scrypt.p > maxP) throw damaged('scrypt parameters out of range');
  } else if (kdf !== 0) throw damaged('unknown key derivation');

  const contentLength = bytes.readUInt32BE(LAYOUT.contentLength);
  const expected = LAYOUT.headerBytes + contentLength + LAYOUT.tagBytes;
  if (bytes.length < expected)
    throw new SecretsFileError(
      'truncated',
      `${path} is truncated (${bytes.length} of ${expected} bytes); it was left as it is.`,
    );
  if (bytes.length > expected) throw damaged(`${bytes.length - expected} bytes too many`);

  return {
    header: {
      version,
      source,
      storeId: Buffer.from(bytes.subarray(LAYOUT.storeId, LAYOUT.storeId + 16)),
      scrypt,
    },
    aad: bytes.subarray(0, LAYOUT.headerBytes),
    keyCheck: bytes.subarray(LAYOUT.keyCheck, LAYOUT.keyCheck + 16),
    nonce: bytes.subarray(LAYOUT.nonce, LAYOUT.nonce + 12),
    ciphertext: bytes.subarray(LAYOUT.headerBytes, LAYOUT.headerBytes + contentLength),
    tag: bytes.subarray(expected - LAYOUT.tagBytes),
  };
}

/** Whether this key is the one the file was written with (no decryption needed). */
export function keyOpensFile(file: ParsedFile, fileKey: Buffer): boolean {
  return timingSafeEqual(subkeys(fileKey).keyCheck, file.keyCheck);
}

/** Decrypts with a key that passed keyOpensFile; throws 'damaged' when anything was altered. */
export function decryptSecretsFile(file: ParsedFile, fileKey: Buffer, path: string): SecretMap {
  const decipher = createDecipheriv('aes-256-gcm', subkeys(fileKey).aesKey, file.nonce);
  decipher.setAAD(file.aad);
  decipher.setAuthTag(file.tag);
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(file.ciphertext), decipher.final()]);
  } catch {
    throw new SecretsFileError(
      'damaged',
      `${path} is damaged or was edited: its content fails authentication; it was left as it is.`,
    );
  }
  try {
    return SecretMapSchema.parse(JSON.parse(plain.toString('utf8')));
  } catch {
    throw new SecretsFileError(
      'damaged',
      `${path} decrypts but does not hold a secrets map; it was left as it is.`,
    );
  } finally {
    plain.fill(0);
  }
}

/** The whole file for `map`, with a fresh nonce. */
export function encryptSecretsFile(header: SecretsHeader, fileKey: Buffer, map: SecretMap): Buffer {
  const { aesKey, keyCheck } = subkeys(fileKey);
  const plain = Buffer.from(JSON.stringify(map), 'utf8');
  const head = Buffer.alloc(LAYOUT.headerBytes);
  MAGIC.copy(head, 0);
  head[LAYOUT.version] = SECRETS_FILE_VERSION;
  head[LAYOUT.source] = SOURCES.indexOf(header.source) + 1;
  if (header.scrypt) {
    head[LAYOUT.kdf] = 1;
    head[LAYOUT.logN] = header.scrypt.logN;
    head[LAYOUT.r] = header.scrypt.r;
    head[LAYOUT.p] = header.scrypt.p;
    header.scrypt.salt.copy(head, LAYOUT.salt);
  }
  header.storeId.copy(head, LAYOUT.storeId);
  keyCheck.copy(head, LAYOUT.keyCheck);
  const nonce = randomBytes(12);
  nonce.copy(head, LAYOUT.nonce);
  head.writeUInt32BE(plain.length, LAYOUT.contentLength);

  const cipher = createCipheriv('aes-256-gcm', aesKey, nonce);
  cipher.setAAD(head);
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  plain.fill(0);
  return Buffer.concat([head, ciphertext, cipher.getAuthTag()]);
}

export function newStoreId(): Buffer {
  return randomBytes(16);
}

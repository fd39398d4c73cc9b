import { readFileSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSecretStore } from '../../../../electron/core/secrets/create-secret-store.ts';
import { SecretsFileError } from '../../../../electron/core/secrets/secrets-file-format.ts';
import { FileSecretStore } from '../../../../electron/core/secrets/secret-store.ts';
import { environmentKeySource } from '../../../../electron/core/secrets/environment-key-source.ts';
import type { KeySource } from '../../../../electron/core/secrets/key-source.ts';
import { useTempDirs } from '../../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

const HEX_KEY = 'ab'.repeat(32);
const BASE64_KEY = Buffer.alloc(32, 7).toString('base64');
const PASSPHRASE = 'correct horse battery staple';
const TOKEN = 'snipe-token-3f9a1c77e0b24d5c8e1f';

/** The environment-variable source only: the fallback this machine has, and no real keyring touched. */
function storeWith(dataDir: string, key: string | undefined) {
  return createSecretStore({
    dataDir,
    env: key === undefined ? {} : { DEPOTLINE_SECRETS_KEY: key },
    keyring: false,
  });
}

describe('the secret store on the DEPOTLINE_SECRETS_KEY fallback', () => {
  it.each([
    ['64 hex characters', HEX_KEY],
    ['44 base64 characters', BASE64_KEY],
    ['a passphrase', PASSPHRASE],
  ])('round-trips through a real file with %s', async (_kind, key) => {
    const dataDir = tempDir();
    const store = await storeWith(dataDir, key);
    expect(store.status()).toEqual({ available: true, source: 'environment' });
    expect(store.get('snipeit.token')).toBeUndefined();

    store.set('snipeit.token', TOKEN);
    store.set('webhook.ops-1.secret', 'hmac ✓ key');
    // A second store (another process, a restart) reads what the first wrote.
    const again = await storeWith(dataDir, key);
    expect(again.get('snipeit.token')).toBe(TOKEN);
    expect(again.get('webhook.ops-1.secret')).toBe('hmac ✓ key');
    expect(again.names()).toEqual(['snipeit.token', 'webhook.ops-1.secret']);

    expect(again.delete('snipeit.token')).toBe(true);
    expect(again.delete('snipeit.token')).toBe(false);
    expect(store.get('snipeit.token')).toBeUndefined();
    expect(store.names()).toEqual(['webhook.ops-1.secret']);
  });

  it('writes the file owner-only (0600), encrypted, and leaves no temporary file behind', async () => {
    const dataDir = tempDir();
    const store = await storeWith(dataDir, HEX_KEY);
    store.set('snipeit.token', TOKEN);
    store.set('intune.client-secret', TOKEN.toUpperCase());
    if (process.platform !== 'win32') expect(statSync(store.path).mode & 0o777).toBe(0o600);
    const bytes = readFileSync(store.path);
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('DLSECRET');
    expect(bytes.includes(Buffer.from(TOKEN))).toBe(false);
    expect(bytes.includes(Buffer.from('snipeit.token'))).toBe(false);
    expect(readdirSync(dataDir)).toEqual(['secrets.enc']);
  });

  it('uses a fresh nonce for every write: the same content never gives the same bytes', async () => {
    const store = await storeWith(tempDir(), HEX_KEY);
    store.set('snipeit.token', TOKEN);
    const first = readFileSync(store.path);
    store.set('snipeit.token', TOKEN);
    const second = readFileSync(store.path);
    expect(second.length).toBe(first.length);
    expect(second.equals(first)).toBe(false);
  });

  it('refuses a wrong key with a clear error and leaves the file byte for byte as it was', async () => {
    const dataDir = tempDir();
    (await storeWith(dataDir, PASSPHRASE)).set('snipeit.token', TOKEN);
    const before = readFileSync(`${dataDir}/secrets.enc`);

    for (const wrong of [HEX_KEY, 'another long passphrase!']) {
      const store = await storeWith(dataDir, wrong);
      expect(() => store.get('snipeit.token')).toThrow(/encrypted with a different key/);
      expect(() => store.names()).toThrow(/encrypted with a different key/);
      expect(() => store.set('snipeit.token', 'replacement')).toThrow(
        /Nothing was changed: the secrets file was encrypted with a different key/,
      );
      expect(() => store.delete('snipeit.token')).toThrow(SecretsFileError);
      expect(store.status()).toMatchObject({
        available: false,
        source: 'none',
        reason: expect.stringMatching(/different key.*written with a key from DEPOTLINE_SECRETS_KEY/),
      });
    }
    expect(readFileSync(`${dataDir}/secrets.enc`).equals(before)).toBe(true);
    expect((await storeWith(dataDir, PASSPHRASE)).get('snipeit.token')).toBe(TOKEN);
  });

  it.each([
    ['cut in the ciphertext', (b: Buffer) => b.subarray(0, b.length - 20), /truncated \(\d+ of \d+ bytes\)/],
    ['cut inside the header', (b: Buffer) => b.subarray(0, 40), /truncated/],
    ['cut to a few bytes', (b: Buffer) => b.subarray(0, 4), /truncated/],
    ['empty', () => Buffer.alloc(0), /truncated/],
    [
      'a byte of the content changed',
      (b: Buffer) => flip(b, b.length - 30),
      /damaged or was edited.*authentication/,
    ],
    ['the GCM tag changed', (b: Buffer) => flip(b, b.length - 1), /damaged or was edited/],
    ['the nonce changed (AAD)', (b: Buffer) => flip(b, 70), /damaged or was edited/],
    ['the store id changed (AAD)', (b: Buffer) => flip(b, 20), /damaged or was edited/],
    [
      'bytes appended',
      (b: Buffer) => Buffer.concat([b, Buffer.from('x')]),
      /damaged or was edited \(1 bytes too many\)/,
    ],
    ['a newer version', (b: Buffer) => setByte(b, 8, 2), /format version 2.*written by a newer Depotline/],
    ['not a secrets file', () => Buffer.from('{"snipeit.token":"plain"}'), /not a Depotline secrets file/],
  ])(
    'reports a file %s with a clear error, and a set refuses to replace it',
    async (_what, spoil, message) => {
      const dataDir = tempDir();
      const store = await storeWith(dataDir, HEX_KEY);
      store.set('snipeit.token', TOKEN);
      const spoiled = spoil(readFileSync(store.path));
      writeFileSync(store.path, spoiled);

      expect(() => store.get('snipeit.token')).toThrow(message);
      expect(store.status()).toMatchObject({
        available: false,
        source: 'none',
        reason: expect.stringMatching(message),
      });
      // Loses nothing: the unreadable file is not replaced by a fresh one holding only the new secret.
      expect(() => store.set('webhook.a.secret', 'new')).toThrow(/Nothing was changed/);
      expect(() => store.set('webhook.a.secret', 'new')).toThrow(message);
      expect(readFileSync(store.path).equals(spoiled)).toBe(true);
    },
  );

  it('without any key source: unavailable with the reason and what to do; get is undefined; set refuses', async () => {
    const dataDir = tempDir();
    const store = await storeWith(dataDir, undefined);
    const status = store.status();
    expect(status).toMatchObject({ available: false, source: 'none' });
    expect(status.reason).toMatch(
      /DEPOTLINE_SECRETS_KEY is not set; set DEPOTLINE_SECRETS_KEY to a 32-byte key/,
    );
    expect(store.get('snipeit.token')).toBeUndefined();
    expect(store.names()).toEqual([]);
    expect(store.delete('snipeit.token')).toBe(false);
    expect(() => store.set('snipeit.token', TOKEN)).toThrow(
      /Secrets cannot be stored here: .*DEPOTLINE_SECRETS_KEY/,
    );
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('without a key but with a file: says which key wrote it and keeps the file', async () => {
    const dataDir = tempDir();
    (await storeWith(dataDir, HEX_KEY)).set('snipeit.token', TOKEN);
    const before = readFileSync(`${dataDir}/secrets.enc`);
    const store = await storeWith(dataDir, undefined);
    expect(store.status().reason).toMatch(
      /secrets\.enc was written with a key from DEPOTLINE_SECRETS_KEY, and no key is available now/,
    );
    expect(store.get('snipeit.token')).toBeUndefined();
    expect(() => store.delete('snipeit.token')).toThrow(/cannot be changed here/);
    expect(readFileSync(`${dataDir}/secrets.enc`).equals(before)).toBe(true);
  });

  it('starts a change over when another process wrote the file after it was read, losing neither change', async () => {
    const dataDir = tempDir();
    const other = await storeWith(dataDir, HEX_KEY);
    other.set('snipeit.token', TOKEN);
    // A source asked while the file is being read for the change: the moment to play the other process.
    let interleave: (() => void) | undefined = () => other.set('webhook.late.secret', 'written meanwhile');
    const meddler: KeySource = {
      name: 'keyring',
      find: () => {
        const run = interleave;
        interleave = undefined;
        run?.();
        return { state: 'unavailable', reason: 'not here' };
      },
    };
    const store = new FileSecretStore({
      path: `${dataDir}/secrets.enc`,
      sources: [meddler, environmentKeySource({ DEPOTLINE_SECRETS_KEY: HEX_KEY })],
    });
    store.set('graph.client-secret', 'mine');
    expect(other.names()).toEqual(['graph.client-secret', 'snipeit.token', 'webhook.late.secret']);
  });

  it('reports a DEPOTLINE_SECRETS_KEY that is too short instead of using it', async () => {
    const store = await storeWith(tempDir(), 'short pass');
    expect(store.status()).toMatchObject({
      available: false,
      reason: expect.stringMatching(/DEPOTLINE_SECRETS_KEY is too short \(10 characters\)/),
    });
    expect(() => store.set('snipeit.token', TOKEN)).toThrow(/too short/);
  });

  it('validates names and values without ever echoing a value', async () => {
    const store = await storeWith(tempDir(), HEX_KEY);
    for (const bad of ['Snipeit.Token', 'snipeit token', '', '.hidden', 'a'.repeat(101), 'snipe_it'])
      expect(() => store.set(bad, TOKEN)).toThrow(/is not a secret name/);
    expect(() => store.get('UPPER')).toThrow(/is not a secret name/);
    store.set('a'.repeat(100), 'ok');
    store.set('graph.client-secret', 'x'.repeat(16 * 1024));
    const tooBig = `${TOKEN}${'x'.repeat(16 * 1024)}`;
    let thrown: unknown;
    try {
      store.set('graph.client-secret', tooBig);
    } catch (error) {
      thrown = error;
    }
    expect(String(thrown)).toMatch(/at most 16384 bytes/);
    expect(String(thrown)).not.toContain(TOKEN);
    expect(() => store.set('graph.client-secret', '')).toThrow(/cannot be empty/);
    expect(store.get('graph.client-secret')).toHaveLength(16 * 1024);
  });
});

function flip(bytes: Buffer, index: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[index] = copy[index]! ^ 0x01;
  return copy;
}

function setByte(bytes: Buffer, index: number, value: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[index] = value;
  return copy;
}

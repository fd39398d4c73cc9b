// The desktop half of the secrets key (electron/main/secrets-key.ts) with a fake safeStorage:
// the real one needs an Electron binary and a desktop session, which this machine has not.
// Also the hand-over to the core host, which runs in plain Node.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  loadDesktopSecretsKey,
  unwrapKeyFile,
  wrapKeyFile,
  WRAPPED_KEY_FILE,
  type SafeStorageLike,
} from '../../../../electron/main/secrets-key.ts';
import { runUtilityHost, type HostToMain, type ParentPort } from '../../../../electron/core/utility-host.ts';
import { createSecretStore } from '../../../../electron/core/secrets/create-secret-store.ts';
import type { SuppliedKey } from '../../../../electron/core/secrets/supplied-key-source.ts';
import type { Core } from '../../../../electron/core/core.ts';
import { useTempDirs } from '../../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

/** safeStorage's shape with a reversible "encryption" that is visibly not the plain text. */
function fakeSafeStorage(options: { available?: boolean; backend?: string; reEncrypt?: boolean } = {}) {
  const calls = { encrypt: 0, decrypt: 0 };
  const safeStorage: SafeStorageLike = {
    isAsyncEncryptionAvailable: () => Promise.resolve(options.available ?? true),
    encryptStringAsync: (plain) => {
      calls.encrypt++;
      return Promise.resolve(Buffer.from(`v10${Buffer.from(plain).reverse().toString('hex')}`));
    },
    decryptStringAsync: (encrypted) => {
      calls.decrypt++;
      const text = encrypted.toString();
      if (!text.startsWith('v10'))
        return Promise.reject(new Error('Error while decrypting the ciphertext provided'));
      const result = Buffer.from(text.slice(3), 'hex').reverse().toString();
      return Promise.resolve({ result, shouldReEncrypt: options.reEncrypt ?? false });
    },
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
  };
  return { safeStorage, calls };
}

function keyOf(supplied: SuppliedKey): Buffer {
  if (!('key' in supplied)) throw new Error(`no key: ${supplied.unavailable}`);
  return Buffer.from(supplied.key);
}

describe('the desktop secrets key (secrets.key.safe)', () => {
  it('is made once, kept wrapped (0600, never in plain), and unwrapped to the same key at the next start', async () => {
    const dataDir = tempDir();
    const { safeStorage } = fakeSafeStorage();
    const first = keyOf(await loadDesktopSecretsKey({ dataDir, safeStorage, platform: 'linux' }));
    expect(first).toHaveLength(32);
    const path = join(dataDir, WRAPPED_KEY_FILE);
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 24).toString()).toBe('depotline-secrets-key/1\n');
    expect(bytes.includes(Buffer.from(first.toString('base64')))).toBe(false);
    expect(bytes.includes(first)).toBe(false);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);

    const second = keyOf(await loadDesktopSecretsKey({ dataDir, safeStorage, platform: 'linux' }));
    expect(second.equals(first)).toBe(true);
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('on Linux with the basic_text backend says so and makes no key file', async () => {
    const dataDir = tempDir();
    const { safeStorage, calls } = fakeSafeStorage({ backend: 'basic_text' });
    expect(await loadDesktopSecretsKey({ dataDir, safeStorage, platform: 'linux' })).toEqual({
      unavailable: expect.stringMatching(
        /^Electron safeStorage has no OS keyring on this desktop \(Linux basic_text/,
      ),
    });
    expect(calls.encrypt).toBe(0);
    expect(() => statSync(join(dataDir, WRAPPED_KEY_FILE))).toThrow();
  });

  it('says so when safeStorage cannot encrypt at all', async () => {
    const { safeStorage } = fakeSafeStorage({ available: false });
    expect(await loadDesktopSecretsKey({ dataDir: tempDir(), safeStorage, platform: 'darwin' })).toEqual({
      unavailable: 'Electron safeStorage cannot encrypt on this desktop',
    });
  });

  it.each([
    ['not a key file', Buffer.from('hello'), /cannot be used: it is not a Depotline secrets key file/],
    ['only the header', wrapKeyFile(Buffer.alloc(0)), /cannot be used: it is empty after its header/],
    [
      'undecryptable',
      wrapKeyFile(Buffer.from('garbage')),
      /could not provide the secrets key \(Error while decrypting/,
    ],
  ])('never replaces a key file it cannot unwrap (%s)', async (_what, content, reason) => {
    const dataDir = tempDir();
    const path = join(dataDir, WRAPPED_KEY_FILE);
    writeFileSync(path, content);
    const { safeStorage } = fakeSafeStorage();
    const result = await loadDesktopSecretsKey({ dataDir, safeStorage, platform: 'linux' });
    expect(result).toEqual({ unavailable: expect.stringMatching(reason) });
    expect(readFileSync(path).equals(content)).toBe(true);
  });

  it('wraps the key again when safeStorage rotated its own key', async () => {
    const dataDir = tempDir();
    const key = keyOf(await loadDesktopSecretsKey({ dataDir, safeStorage: fakeSafeStorage().safeStorage }));
    const rotated = fakeSafeStorage({ reEncrypt: true });
    expect(
      keyOf(await loadDesktopSecretsKey({ dataDir, safeStorage: rotated.safeStorage })).equals(key),
    ).toBe(true);
    expect(rotated.calls.encrypt).toBe(1);
  });

  it('keeps the wrapping format stable', () => {
    const ciphertext = Buffer.from([1, 2, 3]);
    expect(unwrapKeyFile(wrapKeyFile(ciphertext))).toEqual(ciphertext);
  });
});

describe('the key handed to the core host', () => {
  it('arrives with the start message and opens the secrets file the desktop wrote', async () => {
    const dataDir = tempDir();
    const supplied = await loadDesktopSecretsKey({ dataDir, safeStorage: fakeSafeStorage().safeStorage });
    const desktop = await createSecretStore({ dataDir, suppliedKey: supplied, env: {}, keyring: false });
    desktop.set('snipeit.token', 'from the desktop');

    // As Electron delivers it: a structured clone, so the Buffer arrives as a plain Uint8Array.
    const message = structuredClone({ type: 'start', dataDir, secretsKey: supplied });
    const received: unknown[] = [];
    let listener: ((event: { data: unknown; ports: never[] }) => void) | undefined;
    const replies: HostToMain[] = [];
    const parent: ParentPort = {
      on: (_event, l) => (listener = l),
      postMessage: (reply) => replies.push(reply),
    };
    runUtilityHost(parent, {
      create: (options) => {
        received.push(options.secrets?.suppliedKey);
        return { close: () => {} } as unknown as Core;
      },
      exit: () => {},
    });
    listener?.({ data: message, ports: [] });
    expect(replies).toEqual([{ type: 'ready' }]);
    const [secretsKey] = received as [SuppliedKey];
    const core = await createSecretStore({ dataDir, suppliedKey: secretsKey, env: {}, keyring: false });
    expect(core.status()).toEqual({ available: true, source: 'safeStorage' });
    expect(core.get('snipeit.token')).toBe('from the desktop');
  });

  it('is left out when the shell sends none, and a malformed one becomes a reason', () => {
    const received: unknown[] = [];
    for (const secretsKey of [undefined, { key: 'not bytes' }]) {
      let listener: ((event: { data: unknown; ports: never[] }) => void) | undefined;
      runUtilityHost(
        { on: (_event, l) => (listener = l), postMessage: () => {} },
        {
          create: (options) => (
            received.push(options.secrets?.suppliedKey),
            { close: () => {} } as unknown as Core
          ),
        },
      );
      listener?.({ data: { type: 'start', dataDir: tempDir(), secretsKey }, ports: [] });
    }
    expect(received).toEqual([undefined, { unavailable: 'the desktop app passed a malformed secrets key' }]);
  });
});

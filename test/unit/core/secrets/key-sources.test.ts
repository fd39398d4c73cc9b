import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSecretStore } from '../../../../electron/core/secrets/create-secret-store.ts';
import {
  keyringAccount,
  keyringKeySource,
  loadOsKeyring,
  type KeyringModule,
} from '../../../../electron/core/secrets/keyring-key-source.ts';
import { parseEnvironmentKey } from '../../../../electron/core/secrets/environment-key-source.ts';
import { parseSuppliedKey } from '../../../../electron/core/secrets/supplied-key-source.ts';
import { useTempDirs } from '../../../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const HEX_KEY = 'cd'.repeat(32);

/** An in-memory OS keyring that records how it was called. */
function fakeKeyring(options: { fail?: string } = {}) {
  const entries = new Map<string, string>();
  const calls: { account: string; options: unknown }[] = [];
  const module: KeyringModule = {
    Entry: class {
      readonly #id: string;
      constructor(service: string, account: string, entryOptions?: unknown) {
        calls.push({ account, options: entryOptions });
        this.#id = `${service}/${account}`;
      }
      getPassword() {
        if (options.fail) throw new Error(options.fail);
        return entries.get(this.#id) ?? null;
      }
      setPassword(password: string) {
        entries.set(this.#id, password);
      }
    },
  };
  return { module, entries, calls };
}

describe('the OS keyring source', () => {
  it.skipIf(Boolean(process.env.DBUS_SESSION_BUS_ADDRESS) || process.platform !== 'linux')(
    'on this machine (no Secret Service) reports unavailable with the reason instead of throwing',
    async () => {
      const module = await loadOsKeyring();
      const source = keyringKeySource(module);
      const lookup = source.find(Buffer.alloc(16, 1));
      expect(lookup).toMatchObject({
        state: 'unavailable',
        reason: expect.stringMatching(/^no OS keyring reachable \(Secret Service over D-Bus not running/),
      });

      const store = await createSecretStore({ dataDir: tempDir(), env: {} });
      expect(store.status()).toEqual({
        available: false,
        source: 'none',
        reason: expect.stringMatching(
          /^no OS keyring reachable \(Secret Service over D-Bus not running: .*\) and DEPOTLINE_SECRETS_KEY is not set; set DEPOTLINE_SECRETS_KEY/,
        ),
      });
      // The fallback still works with the real keyring module loaded.
      const fallback = await createSecretStore({
        dataDir: tempDir(),
        env: { DEPOTLINE_SECRETS_KEY: HEX_KEY },
      });
      fallback.set('snipeit.token', 'value');
      expect(fallback.status()).toMatchObject({ available: true, source: 'environment' });
    },
  );

  it('a module that cannot load is a reason, never a crash', async () => {
    const store = await createSecretStore({
      dataDir: tempDir(),
      env: {},
      keyring: () => Promise.resolve('the OS keyring module (@napi-rs/keyring) is not installed'),
    });
    expect(store.status().reason).toMatch(
      /^the OS keyring module \(@napi-rs\/keyring\) is not installed and/,
    );
    expect(store.get('snipeit.token')).toBeUndefined();
  });

  it('a keyring that throws falls through to DEPOTLINE_SECRETS_KEY', async () => {
    const { module } = fakeKeyring({ fail: 'Platform failure: DBus error: no bus' });
    const store = await createSecretStore({
      dataDir: tempDir(),
      env: { DEPOTLINE_SECRETS_KEY: HEX_KEY, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nowhere' },
      keyring: () => Promise.resolve(module),
    });
    expect(store.status()).toEqual({
      available: true,
      source: 'environment',
      reason:
        'no OS keyring reachable (Secret Service over D-Bus not running: Platform failure: DBus error: no bus); using DEPOTLINE_SECRETS_KEY',
    });
    store.set('snipeit.token', 'value');
    expect(store.get('snipeit.token')).toBe('value');
  });

  it('creates one key per secrets file on the first set, pinned to Secret Service, and reads it back later', async () => {
    const dataDir = tempDir();
    const keyring = fakeKeyring();
    const open = () =>
      createSecretStore({
        dataDir,
        env: { DEPOTLINE_SECRETS_KEY: HEX_KEY },
        keyring: () => Promise.resolve(keyring.module),
      });
    const store = await open();
    // Reachable but empty: available, and nothing is created by merely looking.
    expect(store.status()).toEqual({ available: true, source: 'keyring' });
    expect(store.get('snipeit.token')).toBeUndefined();
    expect(keyring.entries.size).toBe(0);

    store.set('snipeit.token', 'from keyring');
    expect(keyring.entries.size).toBe(1);
    const [id] = [...keyring.entries.keys()];
    const storeId = readFileSync(store.path).subarray(16, 32);
    expect(id).toBe(`Depotline/${keyringAccount(storeId)}`);
    expect(Buffer.from(keyring.entries.get(id!)!, 'base64')).toHaveLength(32);
    // The kernel keyutils fallback forgets keys on reboot: every entry is pinned to Secret Service.
    expect(
      keyring.calls.every((call) => JSON.stringify(call.options) === '{"linux":{"store":"secret-service"}}'),
    ).toBe(true);

    expect((await open()).get('snipeit.token')).toBe('from keyring');
    // DEPOTLINE_SECRETS_KEY alone cannot open a file whose key is in the keyring.
    const envOnly = await createSecretStore({
      dataDir,
      env: { DEPOTLINE_SECRETS_KEY: HEX_KEY },
      keyring: false,
    });
    expect(() => envOnly.get('snipeit.token')).toThrow(/written with a key from the OS keyring/);
  });

  it('does not create a keyring key for a file written with DEPOTLINE_SECRETS_KEY: that key keeps opening it', async () => {
    const dataDir = tempDir();
    (await createSecretStore({ dataDir, env: { DEPOTLINE_SECRETS_KEY: HEX_KEY }, keyring: false })).set(
      'a.b',
      'one',
    );
    const keyring = fakeKeyring();
    const store = await createSecretStore({
      dataDir,
      env: { DEPOTLINE_SECRETS_KEY: HEX_KEY },
      keyring: () => Promise.resolve(keyring.module),
    });
    expect(store.status()).toEqual({
      available: true,
      source: 'environment',
      reason: 'the OS keyring holds no key for this secrets file; using DEPOTLINE_SECRETS_KEY',
    });
    store.set('a.c', 'two');
    expect(keyring.entries.size).toBe(0);
    expect(store.names()).toEqual(['a.b', 'a.c']);
  });

  it('reports a keyring entry that does not hold a 32-byte key', () => {
    const keyring = fakeKeyring();
    const source = keyringKeySource(keyring.module);
    const storeId = Buffer.alloc(16, 9);
    keyring.entries.set(`Depotline/${keyringAccount(storeId)}`, 'dG9vIHNob3J0');
    expect(source.find(storeId)).toMatchObject({
      state: 'unavailable',
      reason: /does not hold a 32-byte key/,
    });
  });
});

describe('the key supplied by the desktop shell', () => {
  it('comes first, and the file it writes opens only with it', async () => {
    const dataDir = tempDir();
    const key = new Uint8Array(32).fill(5);
    const store = await createSecretStore({
      dataDir,
      suppliedKey: { key },
      env: { DEPOTLINE_SECRETS_KEY: HEX_KEY },
      keyring: false,
    });
    expect(store.status()).toEqual({ available: true, source: 'safeStorage' });
    store.set('snipeit.token', 'desktop');
    const cli = await createSecretStore({ dataDir, env: { DEPOTLINE_SECRETS_KEY: HEX_KEY }, keyring: false });
    expect(() => cli.get('snipeit.token')).toThrow(
      /written with a key from the desktop app \(Electron safeStorage\), and the key available now \(from DEPOTLINE_SECRETS_KEY\) does not open it/,
    );
  });

  it('that is unavailable (safeStorage cannot encrypt) is named in the status, and the next source is used', async () => {
    const store = await createSecretStore({
      dataDir: tempDir(),
      suppliedKey: {
        unavailable: 'Electron safeStorage cannot encrypt on this desktop (basic_text backend)',
      },
      env: { DEPOTLINE_SECRETS_KEY: HEX_KEY },
      keyring: false,
    });
    expect(store.status()).toEqual({
      available: true,
      source: 'environment',
      reason:
        'Electron safeStorage cannot encrypt on this desktop (basic_text backend); using DEPOTLINE_SECRETS_KEY',
    });
  });

  it('is checked when it arrives over IPC', () => {
    expect(parseSuppliedKey(undefined)).toBeUndefined();
    const key = new Uint8Array(32);
    expect(parseSuppliedKey({ key })).toEqual({ key });
    expect(parseSuppliedKey({ key: new Uint8Array(16) })).toEqual({
      unavailable: 'the desktop app passed a malformed secrets key',
    });
    expect(parseSuppliedKey({ unavailable: 'why' })).toEqual({ unavailable: 'why' });
  });
});

describe('DEPOTLINE_SECRETS_KEY', () => {
  it('reads a hex or base64 key as a key, anything else of 16+ characters as a passphrase', () => {
    expect(parseEnvironmentKey('0f'.repeat(32))).toEqual({ kind: 'raw', key: Buffer.alloc(32, 0x0f) });
    expect(parseEnvironmentKey(Buffer.alloc(32, 1).toString('base64'))).toEqual({
      kind: 'raw',
      key: Buffer.alloc(32, 1),
    });
    expect(parseEnvironmentKey('g'.repeat(64))).toEqual({ kind: 'passphrase', passphrase: 'g'.repeat(64) });
    expect(parseEnvironmentKey('sixteen chars!!!')).toEqual({
      kind: 'passphrase',
      passphrase: 'sixteen chars!!!',
    });
    expect(parseEnvironmentKey('fifteen chars!!')).toMatch(
      /too short \(15 characters\).*at least 16 characters/,
    );
  });
});

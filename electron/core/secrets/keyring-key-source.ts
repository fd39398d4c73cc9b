// Key source 2: a random 32-byte key kept in the OS keyring (macOS Keychain, Windows
// Credential Manager, Secret Service on Linux) under service "Depotline", one entry per
// secrets file. The native module is optional and loaded lazily: a machine without it, or
// without a reachable keyring, gets a reason in the status and the next source, never a crash.
import { randomBytes } from 'node:crypto';
import { KEY_BYTES, type KeyLookup, type KeySource } from './key-source.ts';

export const KEYRING_SERVICE = 'Depotline';
const KEYRING_PACKAGE = '@napi-rs/keyring';
/** A keyring that could not be reached is asked again after this long (it may get unlocked). */
const RETRY_UNAVAILABLE_MS = 60_000;

/**
 * On Linux the module silently falls back to the kernel keyutils keyring when there is no
 * Secret Service, and that one "will not persist across reboots": the key, and with it every
 * stored credential, would be gone after a restart. So the entry is pinned to Secret Service.
 */
const ENTRY_OPTIONS = { linux: { store: 'secret-service' } } as const;

/** The part of @napi-rs/keyring used here; tests pass a fake. */
export interface KeyringModule {
  Entry: new (
    service: string,
    account: string,
    options?: { linux?: { store?: 'secret-service' | 'keyutils' } },
  ) => { getPassword(): string | null; setPassword(password: string): void };
}

/** Resolves to the module, or to the reason it cannot be used. Never rejects. */
export type KeyringLoader = () => Promise<KeyringModule | string>;

export const loadOsKeyring: KeyringLoader = async () => {
  try {
    const loaded = (await import(KEYRING_PACKAGE)) as Partial<KeyringModule> & {
      default?: Partial<KeyringModule>;
    };
    const Entry = loaded.Entry ?? loaded.default?.Entry;
    return Entry ? { Entry } : `the OS keyring module (${KEYRING_PACKAGE}) has no Entry class`;
  } catch (error) {
    return `the OS keyring module (${KEYRING_PACKAGE}) is not installed or cannot load on this machine (${short(error)})`;
  }
};

/** The keyring account of one secrets file. */
export function keyringAccount(storeId: Buffer): string {
  return `secrets-${storeId.toString('hex')}`;
}

export function keyringKeySource(
  module: KeyringModule | string,
  options: { env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform; now?: () => number } = {},
): KeySource {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const now = options.now ?? Date.now;
  const found = new Map<string, Buffer>();
  let unreachable: { reason: string; at: number } | undefined;

  const unavailable = (error: unknown): KeyLookup => {
    const reason = unreachableReason(error, platform, env);
    unreachable = { reason, at: now() };
    return { state: 'unavailable', reason };
  };

  return {
    name: 'keyring',
    find(storeId) {
      if (typeof module === 'string') return { state: 'unavailable', reason: module };
      const account = keyringAccount(storeId);
      const known = found.get(account);
      if (known) return { state: 'found', material: { kind: 'raw', key: known } };
      if (unreachable && now() - unreachable.at < RETRY_UNAVAILABLE_MS)
        return { state: 'unavailable', reason: unreachable.reason };
      let stored: string | null;
      try {
        stored = new module.Entry(KEYRING_SERVICE, account, ENTRY_OPTIONS).getPassword();
      } catch (error) {
        return unavailable(error);
      }
      unreachable = undefined;
      if (stored === null)
        return {
          state: 'creatable',
          create: () => {
            const key = randomBytes(KEY_BYTES);
            const entry = new module.Entry(KEYRING_SERVICE, account, ENTRY_OPTIONS);
            entry.setPassword(key.toString('base64'));
            // Read back before any file depends on it: a keyring that accepts but does not
            // keep the key would otherwise lose every secret written under it.
            if (entry.getPassword() !== key.toString('base64'))
              throw new Error('the OS keyring did not keep the new secrets key');
            found.set(account, key);
            return { kind: 'raw', key };
          },
        };
      const key = Buffer.from(stored, 'base64');
      if (key.length !== KEY_BYTES)
        return {
          state: 'unavailable',
          reason: `the OS keyring entry ${KEYRING_SERVICE}/${account} does not hold a ${KEY_BYTES}-byte key`,
        };
      found.set(account, key);
      return { state: 'found', material: { kind: 'raw', key } };
    },
  };
}

function unreachableReason(error: unknown, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  if (platform === 'linux') {
    const detail = env.DBUS_SESSION_BUS_ADDRESS
      ? short(error)
      : 'no session bus, DBUS_SESSION_BUS_ADDRESS is not set';
    return `no OS keyring reachable (Secret Service over D-Bus not running: ${detail})`;
  }
  return `the OS keyring cannot be reached (${short(error)})`;
}

function short(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

// Builds the core's one SecretStore from the key sources this front door has, in the order
// they are tried: the desktop shell's key (safeStorage), the OS keyring, DEPOTLINE_SECRETS_KEY.
// Async only because the optional keyring module is loaded with import(); the store it
// returns answers synchronously.
import { environmentKeySource } from './environment-key-source.ts';
import type { KeySource } from './key-source.ts';
import { keyringKeySource, loadOsKeyring, type KeyringLoader } from './keyring-key-source.ts';
import { FileSecretStore, type SecretStore } from './secret-store.ts';
import { secretsFilePath } from './secrets-file-io.ts';
import { suppliedKeySource, type SuppliedKey } from './supplied-key-source.ts';

export interface SecretStoreOptions {
  dataDir: string;
  /**
   * Desktop only: the key the Electron shell unwrapped with safeStorage, or why it has none.
   * Absent in station mode and the CLI, where the source is then not mentioned at all.
   */
  suppliedKey?: SuppliedKey;
  /** Where DEPOTLINE_SECRETS_KEY is read; process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** The OS keyring module; false leaves the keyring out (tests that must not touch a real one). */
  keyring?: KeyringLoader | false;
}

/**
 * `DEPOTLINE_SECRETS_KEYRING=off` keeps the OS keyring out of it, e.g. on a station whose
 * keyring is locked while nobody is logged in, where DEPOTLINE_SECRETS_KEY is meant instead.
 */
export const KEYRING_SWITCH_VARIABLE = 'DEPOTLINE_SECRETS_KEYRING';

export async function createSecretStore(options: SecretStoreOptions): Promise<SecretStore> {
  const env = options.env ?? process.env;
  const sources: KeySource[] = [];
  if (options.suppliedKey) sources.push(suppliedKeySource(options.suppliedKey));
  if (env[KEYRING_SWITCH_VARIABLE] === 'off')
    sources.push(keyringKeySource(`the OS keyring is turned off (${KEYRING_SWITCH_VARIABLE}=off)`));
  else if (options.keyring !== false) {
    const module = await (options.keyring ?? loadOsKeyring)();
    sources.push(keyringKeySource(module, { env }));
  }
  sources.push(environmentKeySource(env));
  return new FileSecretStore({ path: secretsFilePath(options.dataDir), sources });
}

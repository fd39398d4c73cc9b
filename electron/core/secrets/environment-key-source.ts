// Key source 3, for stations and the CLI where no OS keyring is reachable (a headless
// Linux bench PC has no Secret Service): DEPOTLINE_SECRETS_KEY holds either a 32-byte key
// (64 hex characters or 44 base64 characters) or a passphrase of at least 16 characters,
// which the file format stretches with scrypt.
import { KEY_BYTES, type KeyMaterial, type KeySource } from './key-source.ts';

export const SECRETS_KEY_VARIABLE = 'DEPOTLINE_SECRETS_KEY';
export const MIN_PASSPHRASE_LENGTH = 16;

const HEX_KEY = /^[0-9a-fA-F]{64}$/;
const BASE64_KEY = /^[A-Za-z0-9+/]{43}=$/;

/** How to read the variable's text; a string for a value that cannot be used. */
export function parseEnvironmentKey(text: string): KeyMaterial | string {
  if (HEX_KEY.test(text)) return { kind: 'raw', key: Buffer.from(text, 'hex') };
  if (BASE64_KEY.test(text)) {
    const key = Buffer.from(text, 'base64');
    if (key.length === KEY_BYTES) return { kind: 'raw', key };
  }
  if ([...text].length >= MIN_PASSPHRASE_LENGTH) return { kind: 'passphrase', passphrase: text };
  return (
    `${SECRETS_KEY_VARIABLE} is too short (${[...text].length} characters): give 64 hex characters ` +
    `or 44 base64 characters (a 32-byte key, e.g. from \`openssl rand -hex 32\`), ` +
    `or a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters`
  );
}

export function environmentKeySource(env: NodeJS.ProcessEnv): KeySource {
  const text = env[SECRETS_KEY_VARIABLE];
  // Read once: the store keeps answering the same even if the process changes its environment.
  if (!text)
    return {
      name: 'environment',
      find: () => ({
        state: 'unavailable',
        reason: `${SECRETS_KEY_VARIABLE} is not set`,
        advice:
          `set ${SECRETS_KEY_VARIABLE} to a 32-byte key (64 hex characters, e.g. from \`openssl rand -hex 32\`) ` +
          `or to a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters`,
      }),
    };
  const parsed = parseEnvironmentKey(text);
  return {
    name: 'environment',
    find: () =>
      typeof parsed === 'string'
        ? { state: 'unavailable', reason: parsed }
        : { state: 'found', material: parsed },
  };
}

// Key source 1, desktop only: the Electron shell keeps a random data key wrapped with
// safeStorage (electron/main/secrets-key.ts) and hands it to the core in its `start`
// message, never through the environment or argv, which other processes of the user can read.
import { KEY_BYTES, type KeySource } from './key-source.ts';

/**
 * What the shell sends: the unwrapped key, or why there is none (e.g. safeStorage cannot
 * encrypt on Linux with the basic_text backend). Plain data: it crosses a structured clone.
 */
export type SuppliedKey = { key: Uint8Array } | { unavailable: string };

/** Checks a value that arrived over IPC; anything malformed becomes a reason, never a throw. */
export function parseSuppliedKey(value: unknown): SuppliedKey | undefined {
  if (value === undefined || value === null) return undefined;
  const record = value as { key?: unknown; unavailable?: unknown };
  if (record.key instanceof Uint8Array && record.key.length === KEY_BYTES) return { key: record.key };
  if (typeof record.unavailable === 'string') return { unavailable: record.unavailable.slice(0, 500) };
  return { unavailable: 'the desktop app passed a malformed secrets key' };
}

export function suppliedKeySource(supplied: SuppliedKey): KeySource {
  // Copied once: the caller's buffer may be reused or zeroed.
  const key = 'key' in supplied ? Buffer.from(supplied.key) : undefined;
  return {
    name: 'safeStorage',
    find: () =>
      key
        ? { state: 'found', material: { kind: 'raw', key } }
        : {
            state: 'unavailable',
            reason: 'unavailable' in supplied ? supplied.unavailable : 'no key supplied',
          },
  };
}

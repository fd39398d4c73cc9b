// "Credentials: never plain in SQLite." The core stores a connector's settings (which name
// their secrets) in the database and the secret values in the secrets file; none of the
// values may appear in any file of the data folder, in any common encoding.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../../electron/core/core.ts';
import { createSecretStore } from '../../../../electron/core/secrets/create-secret-store.ts';
import { useTempDirs } from '../../../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const SECRETS = { env: { DEPOTLINE_SECRETS_KEY: 'a long enough test passphrase' }, keyring: false } as const;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('a stored credential on disk', () => {
  it('appears in no file of the data folder when the core stores connector settings', async () => {
    const dataDir = tempDir();
    const token = 'snipeit-bearer-9c41e5d2a7b84f03b6e8d1c2f5a7e9b0';
    const hmac = 'webhook-hmac-0b7e4f1a9c2d8e3f5a6b7c8d9e0f1a2b';
    const core = createCore({ dataDir, frontDoor: 'cli', log: () => {}, secrets: SECRETS, runSync: false });
    try {
      // The core opens its secret store asynchronously (the keyring module is loaded with import()).
      await expect
        .poll(async () => {
          const overview = (await core.dispatch('sync.overview', {})) as {
            value?: { secrets?: { available?: boolean } };
          };
          return overview.value?.secrets?.available === true;
        })
        .toBe(true);
      const snipe = await core.dispatch('sync.connectors.save', {
        id: 'snipe',
        name: 'Snipe-IT',
        connector: {
          kind: 'snipeit',
          config: { baseUrl: 'https://assets.example.invalid', tokenSecret: 'snipeit.token' },
        },
        secretValues: { 'snipeit.token': token },
      });
      expect(snipe, JSON.stringify(snipe)).toMatchObject({ ok: true });
      const hook = await core.dispatch('sync.connectors.save', {
        id: 'ops-hook',
        name: 'Ops webhook',
        connector: {
          kind: 'webhook',
          config: {
            url: 'https://hooks.example.invalid/depotline',
            signingSecret: 'webhook.ops-hook.secret',
          },
        },
        secretValues: { 'webhook.ops-hook.secret': hmac },
      });
      expect(hook, JSON.stringify(hook)).toMatchObject({ ok: true });
    } finally {
      core.close();
    }
    // The values went to the secret store, where a fresh store (a restart) finds them.
    const store = await createSecretStore({ dataDir, ...SECRETS });
    expect(store.get('snipeit.token')).toBe(token);
    expect(store.get('webhook.ops-hook.secret')).toBe(hmac);

    const files = filesUnder(dataDir);
    expect(files.some((file) => file.endsWith('secrets.enc'))).toBe(true);
    expect(files.some((file) => /\.(db|sqlite)$/.test(file))).toBe(true);
    // The control: what the core did store in plain text (the settings and the names of
    // their secrets) is found by the same search.
    for (const plain of ['hooks.example.invalid', 'webhook.ops-hook.secret'])
      expect(files.some((file) => readFileSync(file).includes(Buffer.from(plain)))).toBe(true);

    for (const secret of [token, hmac]) {
      const needles = [
        Buffer.from(secret, 'utf8'),
        Buffer.from(secret, 'utf16le'),
        Buffer.from(Buffer.from(secret).toString('base64').slice(0, 40)),
        Buffer.from(Buffer.from(secret).toString('hex').slice(0, 40)),
        // A shorter piece too, so a value split across pages or records would still be caught.
        Buffer.from(secret.slice(14, 30), 'utf8'),
      ];
      for (const file of files) {
        const bytes = readFileSync(file);
        for (const needle of needles) expect(bytes.includes(needle), `${file} contains a secret`).toBe(false);
      }
    }
  });
});

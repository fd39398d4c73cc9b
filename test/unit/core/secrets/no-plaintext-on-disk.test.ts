// "Credentials: never plain in SQLite." The data folder holds the database (with its WAL),
// the depot keys and the secrets file; a stored credential must not appear in any of them,
// in any common encoding.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../../electron/core/core.ts';
import { createSecretStore } from '../../../../electron/core/secrets/create-secret-store.ts';
import { useTempDirs } from '../../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('a stored credential on disk', () => {
  it('appears in no file of the data folder, the SQLite database included', async () => {
    const dataDir = tempDir();
    const secret = 'snipeit-bearer-9c41e5d2a7b84f03b6e8d1c2f5a7e9b0';
    const core = createCore({ dataDir, frontDoor: 'cli', log: () => {} });
    const store = await createSecretStore({
      dataDir,
      env: { DEPOTLINE_SECRETS_KEY: 'a long enough test passphrase' },
      keyring: false,
    });
    try {
      store.set('snipeit.token', secret);
      store.set('webhook.ops.secret', `${secret}-hmac`);
      // The database is written while the secrets exist: settings and their audit entries.
      const changed = await core.dispatch('settings.set', { stationName: 'Bench 7' });
      expect(changed).toMatchObject({ ok: true });
      expect(store.get('snipeit.token')).toBe(secret);
    } finally {
      core.close();
    }

    const files = filesUnder(dataDir);
    expect(files.some((file) => file.endsWith('secrets.enc'))).toBe(true);
    expect(files.some((file) => /\.(db|sqlite)$/.test(file))).toBe(true);
    const needles = [
      Buffer.from(secret, 'utf8'),
      Buffer.from(secret, 'utf16le'),
      Buffer.from(Buffer.from(secret).toString('base64').slice(0, 40)),
      Buffer.from(Buffer.from(secret).toString('hex').slice(0, 40)),
      // A shorter piece too, so a value split across pages or records would still be caught.
      Buffer.from(secret.slice(8, 24), 'utf8'),
    ];
    // The control: what the core did store in plain text is found by the same search.
    expect(files.some((file) => readFileSync(file).includes(Buffer.from('Bench 7')))).toBe(true);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const needle of needles) expect(bytes.includes(needle), `${file} contains the secret`).toBe(false);
    }
  });
});

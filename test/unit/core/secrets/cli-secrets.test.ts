// `depotline secrets …` as a person or a script runs it: a child process with its own data
// folder, the value on standard input. Each run starts the whole CLI (1.5 s on an idle
// machine, far more on a busy one), so runs are few and the tests get a long timeout.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSecretStore } from '../../../../electron/core/secrets/create-secret-store.ts';
import { useTempDirs } from '../../../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const CLI = 'scripts/depotline.mjs';
const KEY = 'e1'.repeat(32);
const TOKEN = 'bearer-6f1d2c9ab8e34a7f';

/** The real keyring stays out (a developer's laptop has one), unless a test asks for it. */
function run(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DEPOTLINE_SECRETS_KEYRING: 'off',
    DEPOTLINE_SECRETS_KEY: KEY,
    ...options.env,
  };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
  return spawnSync(process.execPath, [CLI, 'secrets', ...args], {
    encoding: 'utf8',
    input: options.input ?? '',
    env,
    timeout: 60_000,
  });
}

/** The same file, opened in this process. */
function storeIn(dataDir: string) {
  return createSecretStore({ dataDir, env: { DEPOTLINE_SECRETS_KEY: KEY }, keyring: false });
}

describe('depotline secrets', { timeout: 120_000 }, () => {
  it('sets from standard input and lists names and the key source, never a value', async () => {
    const dataDir = tempDir();
    const set = run(['set', 'snipeit.token', '--data-dir', dataDir], { input: `${TOKEN}\n` });
    expect(set.stderr).toBe('');
    expect(set.status).toBe(0);
    expect(set.stdout).toBe(
      `Stored snipeit.token in ${join(dataDir, 'secrets.enc')} (key from environment, DEPOTLINE_SECRETS_KEY).\n`,
    );
    // The line end `echo … |` adds is not part of the token.
    const store = await storeIn(dataDir);
    expect(store.get('snipeit.token')).toBe(TOKEN);
    store.set('webhook.ops.secret', `${TOKEN}-2`);

    const list = run(['list', '--data-dir', dataDir]);
    expect(list.status).toBe(0);
    expect(list.stdout).toBe(
      [
        'Key source: environment, DEPOTLINE_SECRETS_KEY',
        'snipeit.token',
        'webhook.ops.secret',
        `2 secrets in ${join(dataDir, 'secrets.enc')}`,
        '',
      ].join('\n'),
    );
    for (const output of [set, list]) expect(output.stdout + output.stderr).not.toContain(TOKEN);
    expect(readFileSync(join(dataDir, 'secrets.enc')).includes(Buffer.from(TOKEN))).toBe(false);
  });

  it('deletes, and lists as JSON for scripts', async () => {
    const dataDir = tempDir();
    const store = await storeIn(dataDir);
    store.set('snipeit.token', TOKEN);
    store.set('webhook.ops.secret', TOKEN);
    expect(run(['delete', 'snipeit.token', '--data-dir', dataDir]).stdout).toBe('Deleted snipeit.token.\n');
    const json = run(['list', '--json', '--data-dir', dataDir]);
    expect(JSON.parse(json.stdout)).toMatchObject({ source: 'environment', names: ['webhook.ops.secret'] });
    expect(json.stdout).not.toContain(TOKEN);
  });

  it('never takes a value from the command line', async () => {
    const dataDir = tempDir();
    const result = run(['set', 'snipeit.token', TOKEN, '--data-dir', dataDir], { input: 'from-stdin' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/too many arguments/);
    expect((await storeIn(dataDir)).names()).toEqual([]);
  });

  it('refuses an empty standard input and a value over 16 KiB', async () => {
    const dataDir = tempDir();
    const empty = run(['set', 'snipeit.token', '--data-dir', dataDir], { input: '\n' });
    expect(empty.status).toBe(1);
    expect(empty.stderr).toMatch(/no value on standard input; pipe it in/);
    const huge = run(['set', 'graph.secret', '--data-dir', dataDir], { input: 'x'.repeat(20_000) });
    expect(huge.status).toBe(1);
    expect(huge.stderr).toMatch(/longer than 16384 bytes/);
    expect((await storeIn(dataDir)).names()).toEqual([]);
  });

  it('without a key: status says why with exit code 2, and set refuses before reading a value', () => {
    const dataDir = tempDir();
    const env = { DEPOTLINE_SECRETS_KEY: undefined };
    const status = run(['status', '--data-dir', dataDir], { env });
    expect(status.status).toBe(2);
    expect(status.stdout).toBe(
      'Secrets cannot be stored here.\n' +
        'Why: the OS keyring is turned off (DEPOTLINE_SECRETS_KEYRING=off) and DEPOTLINE_SECRETS_KEY is not set; ' +
        'set DEPOTLINE_SECRETS_KEY to a 32-byte key (64 hex characters, e.g. from `openssl rand -hex 32`) ' +
        'or to a passphrase of at least 16 characters\n',
    );
    const set = run(['set', 'snipeit.token', '--data-dir', dataDir], { input: TOKEN, env });
    expect(set.status).toBe(1);
    expect(set.stderr).toMatch(
      /^depotline: secrets cannot be stored here: .*DEPOTLINE_SECRETS_KEY is not set/,
    );
  });

  it.skipIf(Boolean(process.env.DBUS_SESSION_BUS_ADDRESS) || process.platform !== 'linux')(
    'on this machine says the OS keyring is unreachable and uses DEPOTLINE_SECRETS_KEY',
    () => {
      const status = run(['status', '--json', '--data-dir', tempDir()], {
        env: { DEPOTLINE_SECRETS_KEYRING: undefined },
      });
      expect(status.status).toBe(0);
      expect(JSON.parse(status.stdout)).toMatchObject({
        available: true,
        source: 'environment',
        reason: expect.stringMatching(/^no OS keyring reachable \(Secret Service over D-Bus not running/),
      });
    },
  );
});

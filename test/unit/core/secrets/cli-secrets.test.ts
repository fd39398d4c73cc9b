// `depotline secrets …` as a person or a script runs it: a child process with its own data
// folder, the value on standard input.
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
  const env: NodeJS.ProcessEnv = { ...process.env, DEPOTLINE_SECRETS_KEYRING: 'off', ...options.env };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
  return spawnSync(process.execPath, [CLI, 'secrets', ...args], {
    encoding: 'utf8',
    input: options.input ?? '',
    env,
    timeout: 20_000,
  });
}

// Each run starts the whole CLI (~1.5 s here), so these tests get more than the default 30 s.
describe('depotline secrets', { timeout: 90_000 }, () => {
  it('sets from standard input, lists names and the key source but never a value, and deletes', async () => {
    const dataDir = tempDir();
    const env = { DEPOTLINE_SECRETS_KEY: KEY };
    const set = run(['set', 'snipeit.token', '--data-dir', dataDir], { input: `${TOKEN}\n`, env });
    expect(set.stderr).toBe('');
    expect(set.status).toBe(0);
    expect(set.stdout).toBe(
      `Stored snipeit.token in ${join(dataDir, 'secrets.enc')} (key from environment, DEPOTLINE_SECRETS_KEY).\n`,
    );
    expect(
      run(['set', 'webhook.ops.secret', '--data-dir', dataDir], { input: `${TOKEN}-2`, env }).status,
    ).toBe(0);

    const list = run(['list', '--data-dir', dataDir], { env });
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
    const json = run(['list', '--json', '--data-dir', dataDir], { env });
    expect(JSON.parse(json.stdout)).toMatchObject({
      source: 'environment',
      names: ['snipeit.token', 'webhook.ops.secret'],
    });
    for (const output of [set, list, json]) expect(output.stdout + output.stderr).not.toContain(TOKEN);
    expect(readFileSync(join(dataDir, 'secrets.enc')).includes(Buffer.from(TOKEN))).toBe(false);

    // The trailing line end of `echo … |` was not stored: the value reads back exactly.
    const store = await createSecretStore({ dataDir, env, keyring: false });
    expect(store.get('snipeit.token')).toBe(TOKEN);

    const del = run(['delete', 'snipeit.token', '--data-dir', dataDir], { env });
    expect(del.stdout).toBe('Deleted snipeit.token.\n');
    expect(run(['delete', 'snipeit.token', '--data-dir', dataDir], { env }).stdout).toMatch(/was not set/);
    expect(run(['list', '--data-dir', dataDir], { env }).stdout).toMatch(
      /^webhook\.ops\.secret\n1 secret in /m,
    );
  });

  it('never takes a value from the command line', () => {
    const dataDir = tempDir();
    const result = run(['set', 'snipeit.token', TOKEN, '--data-dir', dataDir], {
      input: 'from-stdin',
      env: { DEPOTLINE_SECRETS_KEY: KEY },
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/too many arguments/);
    expect(run(['list', '--data-dir', dataDir], { env: { DEPOTLINE_SECRETS_KEY: KEY } }).stdout).toMatch(
      /0 secrets/,
    );
  });

  it('refuses an empty standard input, a bad name, and a value over 16 KiB', () => {
    const dataDir = tempDir();
    const env = { DEPOTLINE_SECRETS_KEY: KEY };
    const empty = run(['set', 'snipeit.token', '--data-dir', dataDir], { input: '\n', env });
    expect(empty.status).toBe(1);
    expect(empty.stderr).toMatch(/no value on standard input; pipe it in/);
    const badName = run(['set', 'Snipe IT', '--data-dir', dataDir], { input: TOKEN, env });
    expect(badName.stderr).toMatch(/"Snipe IT" is not a secret name/);
    const huge = run(['set', 'graph.secret', '--data-dir', dataDir], { input: 'x'.repeat(20_000), env });
    expect(huge.status).toBe(1);
    expect(huge.stderr).toMatch(/longer than 16384 bytes/);
  });

  it('without a key: status says why with exit code 2, and set refuses before reading the value', () => {
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
    expect(run(['list', '--data-dir', dataDir], { env }).status).toBe(2);
  });

  it.skipIf(Boolean(process.env.DBUS_SESSION_BUS_ADDRESS) || process.platform !== 'linux')(
    'on this machine says the OS keyring is unreachable and uses DEPOTLINE_SECRETS_KEY',
    () => {
      const status = run(['status', '--json', '--data-dir', tempDir()], {
        env: { DEPOTLINE_SECRETS_KEYRING: undefined, DEPOTLINE_SECRETS_KEY: KEY },
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

import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const CLI = 'scripts/depotline.mjs';

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 20_000,
  });
}

describe('depotline command', () => {
  it('lists its subcommands in --help and each has its own --help', () => {
    const help = run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/serve/);
    const serveHelp = run(['serve', '--help']);
    expect(serveHelp.status).toBe(0);
    expect(serveHelp.stdout).toMatch(/--data-dir/);
    expect(serveHelp.stdout).toMatch(/--port/);
  });

  it('fails with a non-zero code on an unknown command or a bad option', () => {
    expect(run(['frobnicate']).status).not.toBe(0);
    const badPort = run(['serve', '--port', 'lots']);
    expect(badPort.status).not.toBe(0);
    expect(badPort.stderr).toMatch(/--port must be/);
  });

  it('serves, then stops cleanly on SIGTERM with the database closed', async () => {
    const dataDir = tempDir();
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--lab', 'off'], {
      env: { ...process.env, DEPOTLINE_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines = createInterface({ input: child.stdout });
    const output: string[] = [];
    let url = '';
    for await (const line of lines) {
      output.push(line);
      const match = /^Depotline station ready: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43})$/.exec(line);
      if (match) {
        url = match[1]!;
        break;
      }
    }
    expect(output).toContain(`Data folder: ${dataDir}`);
    const info = await fetch(new URL('/api/app.info', url), {
      method: 'POST',
      headers: { Authorization: `Bearer ${new URL(url).searchParams.get('token')}` },
    });
    expect(await info.json()).toMatchObject({ ok: true, value: { dataDir } });

    child.kill('SIGTERM');
    const rest: string[] = [];
    lines.on('line', (line) => rest.push(line));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(rest.join('\n')).toMatch(/database closed/);
  });

  it('refuses to start on a database from a newer Depotline, saying so', async () => {
    const dataDir = tempDir();
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(`${dataDir}/depotline.sqlite`);
    db.pragma('user_version = 9990');
    db.close();
    const result = run(['serve', '--port', '0', '--lab', 'off', '--data-dir', dataDir]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/schema version 9990.*newer Depotline.*Nothing was changed/);
  });

  it('verifies the audit chain from the command line, exiting 3 when it is broken', async () => {
    const dataDir = tempDir();
    const { createCore } = await import('../../../electron/core/core.ts');
    const core = createCore({ dataDir, frontDoor: 'cli', log: () => {} });
    core.context.settings.set({ stationName: 'Hub A' });
    core.context.settings.set({ stationName: 'Hub B' });
    core.close();

    const intact = run(['audit', 'verify', '--json', '--data-dir', dataDir]);
    expect(intact.status).toBe(0);
    expect(JSON.parse(intact.stdout)).toMatchObject({ ok: true, entries: 2 });

    const { default: Database } = await import('better-sqlite3');
    const db = new Database(`${dataDir}/depotline.sqlite`);
    db.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'x' WHERE seq = 1;");
    db.close();
    const broken = run(['audit', 'verify', '--data-dir', dataDir]);
    expect(broken.status).toBe(3);
    expect(broken.stdout).toMatch(/BROKEN at entry 1/);

    const listed = run(['audit', 'list', '--json', '--data-dir', dataDir]);
    expect(JSON.parse(listed.stdout)).toMatchObject({ total: 2, entries: [{ seq: 2 }, { seq: 1 }] });
  });
});

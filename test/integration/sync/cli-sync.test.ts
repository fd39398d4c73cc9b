// `depotline sync status` and `depotline sync drain` as a technician runs them: a child
// process on the station's data folder, the secrets key from the environment.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/temp-dir.ts';
import { startSnipeItDouble } from '../../support/snipeit/index.ts';
import { createAssets, expectRemoteMirrorsLocal, startSyncBench } from './sync-harness.ts';
import type { SyncOverview } from '../../../electron/common/models/sync.ts';

const tempDir = useTempDirs();

function depotline(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/depotline.mjs', ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('depotline sync (CLI)', () => {
  it('shows the queue, drains it, and exits 0 once Snipe-IT holds every change', async () => {
    const double = await startSnipeItDouble({ throttlePerMinute: 0 });
    const dataDir = tempDir();
    const secretsKey = randomBytes(32).toString('hex');
    try {
      const setup = await startSyncBench({ dataDir, reuseDouble: double, secretsKey, runSync: false });
      await createAssets(setup.call, 5);
      const env = { ...process.env, DEPOTLINE_SECRETS_KEY: secretsKey, DEPOTLINE_SECRETS_KEYRING: 'off' };

      const status = await depotline(['sync', 'status', '--data-dir', dataDir], env);
      expect(status.code).toBe(0);
      expect(status.stdout).toMatch(/snipe \(snipeit\): .* · 5 queued/);
      expect(double.assets()).toHaveLength(0); // a status read sends nothing

      const drain = await depotline(
        ['sync', 'drain', '--data-dir', dataDir, '--json', '--timeout', '60'],
        env,
      );
      expect(drain.code, drain.stderr).toBe(0);
      const overview = JSON.parse(drain.stdout) as SyncOverview;
      expect(overview.connectors[0]).toMatchObject({ queueDepth: 0, deadLetters: 0 });
      await expectRemoteMirrorsLocal(setup);
      await setup.close();
    } finally {
      await double.stop();
    }
  }, 120_000);
});

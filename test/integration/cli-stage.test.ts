// `depotline devices` and `depotline stage` as a technician runs them, against lab phones.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabController } from '../../native/lab/adb/lab/lab-controller.ts';
import { AdbFixture, ADB, startLab } from '../conformance/support/adb-fixture.ts';

let adb: AdbFixture;
let lab: LabController;
let serials: string[];
let dataDir: string;

beforeAll(async () => {
  adb = await AdbFixture.start();
  ({ lab, serials } = await startLab(adb, { android: 3 }));
  await adb.waitForStates(serials, 'device');
  dataDir = mkdtempSync(join(tmpdir(), 'depotline-cli-stage-'));
}, 120_000);

afterAll(async () => {
  await lab?.stop();
  await adb?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Runs the CLI in a child process; asynchronously, since the lab it talks to lives in this one. */
function depotline(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['scripts/depotline.mjs', ...args, '--data-dir', dataDir, '--adb', ADB, '-P', String(adb.port)],
      { env: adb.env, timeout: 90_000 },
      (error, stdout, stderr) => {
        resolve({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      },
    );
  });
}

describe('depotline devices and stage', () => {
  it('lists the phones with their identity', async () => {
    const result = await depotline('devices', '--json', '--wait', '5');
    expect(result.status).toBe(0);
    const devices = JSON.parse(result.stdout) as {
      serial: string;
      state: string;
      identity: { serial: string };
    }[];
    expect(devices.map((d) => d.serial).sort()).toEqual([...serials].sort());
    expect(devices.every((d) => d.state === 'ready')).toBe(true);
    expect(devices.map((d) => d.identity.serial).sort()).toEqual(
      lab
        .list()
        .map((d) => d.serial)
        .sort(),
    );
  });

  it('stages every ready phone, printing JSON lines, and exits 0 only when all are done', async () => {
    lab.controls(serials[2]!)!.setBattery({ level: 5, charging: false });
    const result = await depotline(
      'stage',
      '--profile',
      'resources/profiles/frontline-shared.yaml',
      '--json',
      '--wait',
      '5',
    );
    const lines = result.stdout
      .trim()
      .split('\n')
      .map(
        (line) => JSON.parse(line) as { event: string; serial?: string; state?: string; reasons?: string[] },
      );
    const summary = lines.at(-1);
    expect(summary).toMatchObject({ event: 'summary', done: 2, blocked: 1, total: 3 });
    expect(result.status).toBe(1);
    const blocked = lines.filter((line) => line.event === 'job' && line.state === 'blocked');
    expect(blocked).toEqual([
      expect.objectContaining({ serial: serials[2], reasons: [expect.stringMatching(/Battery at 5 %/)] }),
    ]);

    lab.controls(serials[2]!)!.setBattery({ level: 80, charging: true });
    const again = await depotline(
      'stage',
      '--profile',
      'frontline-shared',
      '--devices',
      serials[2]!,
      '--json',
      '--wait',
      '5',
    );
    expect(again.status).toBe(0);
    expect(again.stdout.trim().split('\n').at(-1)).toMatch(/"done":1,.*"total":1/);
  });
});

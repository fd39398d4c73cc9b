// Bad input: a phone that answers garbage to getprop and one whose replies are cut off
// mid-way. Each is shown as failed with the reason, and neither holds up the healthy phone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core.ts';
import type { DeviceView } from '../../electron/common/models/device.ts';
import type { JobView } from '../../electron/common/models/staging.ts';
import { parseFaults } from '../../native/lab/adb/lab/faults.ts';
import type { LabController } from '../../native/lab/adb/lab/lab-controller.ts';
import { AdbFixture, ADB, startLab } from '../conformance/support/adb-fixture.ts';

let adb: AdbFixture;
let lab: LabController;
let core: Core;
let dataDir: string;
let lying: string;
let truncated: string;
let healthy: string;

async function call<T>(name: string, input: unknown = {}): Promise<T> {
  const result = await core.dispatch(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

beforeAll(async () => {
  adb = await AdbFixture.start();
  let serials: string[];
  ({ lab, serials } = await startLab(adb, { android: 3, faults: parseFaults('lying=1,truncated=1', 3) }));
  [lying, truncated, healthy] = serials as [string, string, string];
  await adb.waitForStates(serials, 'device');
  dataDir = mkdtempSync(join(tmpdir(), 'depotline-lying-'));
  core = createCore({
    dataDir,
    frontDoor: 'cli',
    log: () => {},
    // The station's own patience for a phone that went away (10 min): a phone that lies is
    // not away, so its job must fail on what it said, not on this timeout.
    bench: {
      adb: { adbPath: ADB, host: '127.0.0.1', port: adb.port },
      pollMs: 300,
      staging: { waitForDeviceMs: 600_000, retryBaseMs: 50 },
    },
  });
  await call('settings.set', { technicianName: 'Kari Nordmann', stationName: 'Bench 7' });
}, 120_000);

afterAll(async () => {
  core?.close();
  await lab?.stop();
  await adb?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('devices that lie', () => {
  it('shows the lying and the truncating phone as failed, with what went wrong, and the healthy one ready', async () => {
    let devices: DeviceView[] = [];
    await expect
      .poll(
        async () =>
          (devices = await call<DeviceView[]>('devices.list'))
            .map((device) => [device.serial, device.state])
            .sort(),
        { timeout: 20_000 },
      )
      .toEqual(
        [
          [lying, 'failed'],
          [truncated, 'failed'],
          [healthy, 'ready'],
        ].sort(),
      );
    const bySerial = new Map(devices.map((device) => [device.serial, device]));
    expect(bySerial.get(lying)!.reasons).toEqual([
      'Cannot read the device: getprop: the device answered with no properties',
    ]);
    expect(bySerial.get(truncated)!.reasons).toEqual([
      `Cannot read the device: ${truncated}: the reply to "getprop" was cut off mid-way`,
    ]);
    // Nothing was guessed from the garbage: no identity at all rather than a wrong one.
    expect(bySerial.get(lying)!.identity).toBeUndefined();
    expect(bySerial.get(healthy)!.identity?.serial).toBe(lab.find(healthy)!.serial);
  });

  it('fails only the jobs of the lying phones, each with its reason, and stages the healthy one', async () => {
    const profile = await call<{ row: number }>('profiles.import', {
      path: join(process.cwd(), 'resources/profiles/frontline-shared.yaml'),
    });
    const startedAt = Date.now();
    const { batchId } = await call<{ batchId: number }>('staging.start', {
      profileRow: profile.row,
      serials: [lying, truncated, healthy],
    });
    let jobs: JobView[] = [];
    await expect
      .poll(
        async () =>
          (jobs = await call<JobView[]>('staging.jobs', { batchId })).every(
            (job) => job.finishedAt !== undefined,
          ),
        { timeout: 60_000 },
      )
      .toBe(true);
    const settledInMs = Date.now() - startedAt;
    const bySerial = new Map(jobs.map((job) => [job.serial, job]));
    expect(bySerial.get(healthy)).toMatchObject({ state: 'done', stepIndex: 7 });
    expect(bySerial.get(lying)).toMatchObject({
      state: 'failed',
      stepIndex: 0,
      reasons: ['Cannot read the device: getprop: the device answered with no properties'],
    });
    expect(bySerial.get(truncated)).toMatchObject({
      state: 'failed',
      stepIndex: 0,
      reasons: [`Cannot read the device: ${truncated}: the reply to "getprop" was cut off mid-way`],
    });
    // Failed on what the phones said, long before the wait for a vanished phone would give up.
    expect(settledInMs).toBeLessThan(30_000);

    // Nothing was changed on the phones that could not be read.
    for (const serial of [lying, truncated]) {
      expect(
        lab
          .commands(serial)!
          .filter((entry) =>
            /^(pm install|cmd package '?install|pm grant|settings put|dpm|am start)/.test(entry.command),
          ),
      ).toEqual([]);
    }
    console.info(`lying-device: batch settled in ${settledInMs} ms`);
    const assets = await call<{ items: { serial: string }[] }>('assets.list', {});
    expect(assets.items.map((asset) => asset.serial)).toEqual([lab.find(healthy)!.serial]);
    const audit = await call<{ entries: { action: string; subject: string }[] }>('audit.list', {
      limit: 100,
    });
    expect(
      audit.entries
        .filter((entry) => entry.action === 'staging.job_failed')
        .map((entry) => entry.subject)
        .sort(),
    ).toEqual([`device:${lying}`, `device:${truncated}`].sort());
  }, 90_000);
});

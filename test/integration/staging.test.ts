// Staging end to end in the core: the real adb server, lab phones, the sample profiles.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core.ts';
import type { JobView } from '../../electron/common/models/staging.ts';
import type { LabController } from '../../native/lab/adb/lab/lab-controller.ts';
import { AdbFixture, ADB, startLab } from '../conformance/support/adb-fixture.ts';

let adb: AdbFixture;
let lab: LabController;
let serials: string[];
let core: Core;
let dataDir: string;

async function call<T>(name: string, input: unknown): Promise<T> {
  const result = await core.dispatch(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

async function waitForJobs(
  batchId: number,
  until: (jobs: JobView[]) => boolean,
  timeoutMs = 60_000,
): Promise<JobView[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const jobs = await call<JobView[]>('staging.jobs', { batchId });
    if (until(jobs)) return jobs;
    if (Date.now() > deadline) throw new Error(`jobs did not settle: ${JSON.stringify(jobs)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
const settled = (jobs: JobView[]) => jobs.every((job) => job.finishedAt !== undefined);

beforeAll(async () => {
  adb = await AdbFixture.start();
  ({ lab, serials } = await startLab(adb, { android: 4 }));
  await adb.waitForStates(serials, 'device');
  dataDir = mkdtempSync(join(tmpdir(), 'depotline-staging-'));
  core = createCore({
    dataDir,
    frontDoor: 'cli',
    log: () => {},
    bench: {
      adb: { adbPath: ADB, host: '127.0.0.1', port: adb.port },
      pollMs: 300,
      staging: {
        concurrency: 8,
        transfersPerHub: 2,
        waitForDeviceMs: 20_000,
        maxAttempts: 2,
        retryBaseMs: 50,
      },
    },
  });
  await core.dispatch('settings.set', { technicianName: 'Kari Nordmann', stationName: 'Bench 7' });
}, 120_000);

afterAll(async () => {
  core?.close();
  await lab?.stop();
  await adb?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('staging a batch on lab phones', () => {
  it('stages healthy phones, blocks one with an account, fails one install in the device’s words, then retries it', async () => {
    await expect
      .poll(
        async () =>
          (await call<{ state: string }[]>('devices.list', {})).filter((d) => d.state === 'ready').length,
        { timeout: 20_000 },
      )
      .toBe(4);
    lab.controls(serials[1]!)!.addAccount('com.google', 'kari.nordmann@gmail.com');
    lab.controls(serials[2]!)!.failNextInstall('INSTALL_FAILED_INSUFFICIENT_STORAGE');

    const profile = await call<{ row: number }>('profiles.import', {
      path: join(process.cwd(), 'resources/profiles/frontline-shared.yaml'),
    });
    const { batchId } = await call<{ batchId: number }>('staging.start', {
      profileRow: profile.row,
      serials,
    });
    const jobs = await waitForJobs(batchId, settled);
    const bySerial = Object.fromEntries(jobs.map((job) => [job.serial, job]));

    expect(bySerial[serials[0]!]).toMatchObject({ state: 'done', stepIndex: 7, stepCount: 7 });
    expect(bySerial[serials[3]!]).toMatchObject({ state: 'done' });
    expect(bySerial[serials[1]!]).toMatchObject({
      state: 'blocked',
      reasons: [expect.stringMatching(/kari\.nordmann@gmail\.com.*Factory Reset Protection/)],
    });
    expect(bySerial[serials[2]!]).toMatchObject({
      state: 'failed',
      reasons: [
        expect.stringMatching(/^Install org\.depotline\.sample\.dpc: .*INSTALL_FAILED_INSUFFICIENT_STORAGE/),
      ],
    });

    // The fault was for one install only: a retry goes through.
    const retried = await call<{ jobIds: number[] }>('staging.retry', {
      jobIds: [bySerial[serials[2]!]!.jobId],
    });
    expect(retried.jobIds).toHaveLength(1);
    await expect
      .poll(
        async () =>
          (await call<JobView[]>('staging.jobs', {})).find((job) => job.serial === serials[2])?.state,
        { timeout: 60_000 },
      )
      .toBe('done');

    // Done phones are assets, staged with this profile by this technician at this station.
    const assets = await call<{
      total: number;
      items: { serial: string; state: string; staging: unknown }[];
    }>('assets.list', {});
    expect(assets.total).toBe(3);
    expect(assets.items.every((asset) => asset.state === 'staged')).toBe(true);
    // Recorded under the phones' own serials, not adb's addresses for them.
    expect(assets.items.map((asset) => asset.serial).sort()).toEqual(
      [0, 2, 3].map((i) => lab.list()[i]!.serial).sort(),
    );
    expect(assets.items[0]!.staging).toMatchObject({
      profile: 'frontline-shared',
      profileVersion: 1,
      by: 'Kari Nordmann',
      station: 'Bench 7',
    });

    // And the phones really are as the profile wants them.
    type Listed = { serial: string; identity?: { android?: { deviceOwner?: string } } }[];
    await expect
      .poll(
        async () =>
          (await call<Listed>('devices.list', {})).find((d) => d.serial === serials[0])?.identity?.android
            ?.deviceOwner,
      )
      .toBe('org.depotline.sample.dpc/org.depotline.sample.dpc.AdminReceiver');

    const audit = await call<{ entries: { action: string }[] }>('audit.list', { limit: 200 });
    const actions = audit.entries.map((entry) => entry.action);
    expect(actions.filter((a) => a === 'staging.job_done')).toHaveLength(3);
    expect(actions).toContain('staging.job_blocked');
    expect(actions).toContain('staging.job_failed');
    expect(await call('audit.verify', {})).toMatchObject({ ok: true });
  });

  it('blocks a phone that is already managed before touching any step', async () => {
    const profile = await call<{ row: number }>('profiles.import', {
      path: join(process.cwd(), 'resources/profiles/frontline-shared.yaml'),
    });
    const { batchId, jobIds } = await call<{ batchId: number; jobIds: number[] }>('staging.start', {
      profileRow: profile.row,
      serials: [serials[0]],
    });
    const [job] = await waitForJobs(batchId, settled);
    expect(job).toMatchObject({ state: 'blocked', reasons: [expect.stringMatching(/already managed/i)] });
    const log = await call<{ status: string }[]>('staging.log', { jobId: jobIds[0] });
    expect(log.every((step) => step.status === 'pending')).toBe(true);
  });

  it('auto-stages a phone that comes back onto the bench when a default profile is set', async () => {
    const office = await call<{ row: number }>('profiles.import', {
      path: join(process.cwd(), 'resources/profiles/office-worker.yaml'),
    });
    expect(office.row).toBeGreaterThan(0);
    await call('settings.set', { autoStageProfile: 'office-worker' });
    // The phone that was blocked by its account is wiped (keeping adb) and comes back clean.
    lab.controls(serials[1]!)!.factoryReset({ keepAdb: true });
    await expect
      .poll(
        async () =>
          (await call<JobView[]>('staging.jobs', {})).find((job) => job.serial === serials[1])?.profile,
        { timeout: 60_000 },
      )
      .toBe('office-worker');
    await expect
      .poll(
        async () =>
          (await call<JobView[]>('staging.jobs', {})).find((job) => job.serial === serials[1])?.state,
        { timeout: 60_000 },
      )
      .toBe('done');
    // Phones already done were left alone.
    const jobs = await call<JobView[]>('staging.jobs', {});
    expect(jobs.filter((job) => job.profile === 'office-worker').map((job) => job.serial)).toEqual([
      serials[1],
    ]);
    await call('settings.set', { autoStageProfile: '' });
  }, 150_000);

  it('locates a phone: it wakes and shows the slot name the technician gave it', async () => {
    const device = (await call<{ serial: string; slotKey: string }[]>('devices.list', {})).find(
      (d) => d.serial === serials[3],
    )!;
    await call('slots.rename', { slotKey: device.slotKey, name: 'Hub A / 4' });
    expect(await call('devices.locate', { serial: serials[3] })).toEqual({ slotName: 'Hub A / 4' });
    const commands = lab.commands(serials[3]!)!.map((entry) => entry.command);
    expect(commands.at(-1)).toMatch(
      /input keyevent KEYCODE_WAKEUP; cmd notification post .*'This phone is in slot Hub A \/ 4 at Bench 7\.'/,
    );
    const listed = await call<{ serial: string; slotName: string }[]>('devices.list', {});
    expect(listed.find((d) => d.serial === serials[3])?.slotName).toBe('Hub A / 4');
  });
});

// iOS staging end to end in the core: the lab's usbmuxd and lockdownd, Depotline's own pairing
// and driver, the sample mixed-office profile, the registry.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core.ts';
import type { DeviceView } from '../../electron/common/models/device.ts';
import type { JobView } from '../../electron/common/models/staging.ts';
import type { Asset } from '../../electron/common/models/asset.ts';
import { IosLabController } from '../../native/lab/ios/lab/ios-lab-controller.ts';
import { labIosServices } from '../../native/lab/ios/services/index.ts';

const SAMPLES = resolve(import.meta.dirname, '../../resources/profiles');
let lab: IosLabController;
let core: Core;
let dataDir: string;

async function call<T>(name: string, input: unknown): Promise<T> {
  const result = await core.dispatch(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

async function until<T>(
  read: () => Promise<T> | T,
  done: (value: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`did not settle: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'depotline-ios-staging-'));
  // Trust prompts wait for the control API, so the test sees the untrusted state first.
  lab = await IosLabController.start({
    ios: 3,
    seed: 'ios-staging',
    latency: 'fast',
    services: labIosServices,
  });
  // Devices at Setup Assistant's Hello screen pair without a prompt (as Configurator relies on);
  // one that has been set up asks "Trust This Computer?" and needs an erase for supervision.
  for (const index of ['0', '1']) {
    lab.device(index)!.setUp(false);
    lab.device(index)!.setActivationLock(false);
  }
  lab.device('2')!.setUp(true);
  core = createCore({
    dataDir,
    frontDoor: 'cli',
    log: () => {},
    bench: { usbmux: { kind: 'unix', path: lab.usbmuxdAddress.replace(/^UNIX:/, '') }, pollMs: 200 },
  });
}, 60_000);

afterAll(async () => {
  core?.close();
  await lab?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const devices = () => call<DeviceView[]>('devices.list', {});

describe('iOS bench', () => {
  it('pairs iPhones in Setup Assistant at once; a set-up one is untrusted with guidance until Trust is tapped', async () => {
    const [fresh, , setUp] = lab.list();
    const list = await until(
      devices,
      (views) =>
        views.length === 3 &&
        views.find((d) => d.serial === setUp!.udid)?.state === 'untrusted' &&
        views.find((d) => d.serial === setUp!.udid)!.reasons.length > 0 &&
        views.filter((d) => d.state === 'ready').length === 2,
    );
    expect(list.find((d) => d.serial === setUp!.udid)!.reasons.join(' ')).toMatch(/tap “Trust”/);
    expect(list.find((d) => d.serial === fresh!.udid)!.identity).toMatchObject({
      manufacturer: 'Apple',
      model: fresh!.modelName,
      osVersion: fresh!.iosVersion,
      serial: fresh!.serial,
      setupComplete: false,
      ios: { udid: fresh!.udid, ecid: fresh!.ecid },
    });
    lab.device(setUp!.udid)!.acceptTrust();
    const trusted = await until(devices, (views) => views.every((d) => d.state === 'ready'));
    expect(trusted.find((d) => d.serial === setUp!.udid)!.identity).toMatchObject({ setupComplete: true });
  });

  it('stages the mixed sample on iPhones, blocks the one already set up, records assets', async () => {
    const profile = await call<{ row: number }>('profiles.import', {
      path: join(SAMPLES, 'mixed-office.yaml'),
    });
    const udids = lab.list().map((d) => d.udid);
    const { batchId } = await call<{ batchId: number }>('staging.start', {
      profileRow: profile.row,
      serials: udids,
    });
    const jobs = await until(
      () => call<JobView[]>('staging.jobs', { batchId }),
      (list) => list.every((job) => job.finishedAt !== undefined),
      120_000,
    );
    const byUdid = new Map(jobs.map((job) => [job.serial, job]));
    expect(byUdid.get(udids[0]!)).toEqual(expect.objectContaining({ state: 'done', reasons: [] }));
    expect(byUdid.get(udids[1]!)?.state).toBe('done');
    expect(byUdid.get(udids[2]!)).toMatchObject({ state: 'blocked' });
    expect(byUdid.get(udids[2]!)!.reasons.join(' ')).toMatch(/Already set up.*Erase/);

    const staged = lab.list()[0]!;
    expect(staged).toMatchObject({
      cloudConfiguration: true,
      inSetupAssistant: true,
      userApps: 1,
      profiles: 1,
    });
    // The cloud configuration takes effect when the user finishes Setup Assistant.
    lab.device(staged.udid)!.setUp(true);
    expect(lab.find(staged.udid)).toMatchObject({ supervised: true, organisation: 'Depotline Demo Depot' });
    expect(staged.deviceName).toBe(`Office ${staged.serial}`);
    const { matches } = await call<{ matches: Asset[] }>('assets.lookup', { code: staged.serial });
    expect(matches[0]).toMatchObject({
      platform: 'ios',
      manufacturer: 'Apple',
      udid: staged.udid,
      state: 'staged',
    });
    expect(lab.list()[2]).toMatchObject({ userApps: 0, profiles: 0, cloudConfiguration: false });
  }, 150_000);
});

describe('iOS auto-stage', () => {
  it('stages an iPhone that comes back erased, with no click, once a default profile is set', async () => {
    await call('settings.set', { autoStageProfile: 'mixed-office' });
    const blocked = lab.list()[2]!;
    lab.device(blocked.udid)!.setActivationLock(false);
    lab.erase(blocked.udid); // back at the Hello screen: pairs again without a prompt
    await until(
      () => call<JobView[]>('staging.jobs', {}),
      (jobs) => jobs.some((job) => job.serial === blocked.udid && job.state === 'done'),
      60_000,
    );
    expect(lab.find(blocked.udid)).toMatchObject({ cloudConfiguration: true, userApps: 1, profiles: 1 });
    // The iPhones already done were left alone.
    const jobs = await call<JobView[]>('staging.jobs', {});
    expect(jobs.filter((job) => job.serial !== blocked.udid).every((job) => job.batchId === 1)).toBe(true);
    await call('settings.set', { autoStageProfile: '' });
  }, 90_000);
});

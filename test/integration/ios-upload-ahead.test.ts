// The app's IPA uploaded ahead, end to end in the core against the simulated iOS lab with
// iPhone-like timings: the bench's profile (two configuration profiles, then the 20 MB app).
// Once preflight has passed, the AFC upload runs while MCInstall installs the profiles; the
// app step then only installs. Checked from what the iPhones themselves logged, in order.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core.ts';
import type { DeviceView } from '../../electron/common/models/device.ts';
import type { JobView } from '../../electron/common/models/staging.ts';
import type { LabIosCommand } from '../../native/lab/ios/device/lab-ios-device.ts';
import { IosLabController } from '../../native/lab/ios/lab/ios-lab-controller.ts';
import { labIosServices } from '../../native/lab/ios/services/index.ts';
import { prepareIosStagingWork, type IosStagingWork } from '../../scripts/bench/ios-fixtures.ts';

const MCINSTALL = 'com.apple.mobile.MCInstall';
const INSTALLATION_PROXY = 'com.apple.mobile.installation_proxy';
const AFC = 'com.apple.afc';

let lab: IosLabController;
let core: Core;
let dataDir: string;
let work: IosStagingWork;
let profileRow: number;

async function call<T>(name: string, input: unknown): Promise<T> {
  const result = await core.dispatch(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

async function until<T>(read: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`did not settle: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'depotline-ios-ahead-'));
  work = await prepareIosStagingWork();
  lab = await IosLabController.start({
    ios: 2,
    seed: 'ios-upload-ahead',
    latency: 'realistic',
    services: labIosServices,
  });
  // At Setup Assistant's Hello screen they pair without a prompt.
  for (const index of ['0', '1']) {
    lab.device(index)!.setUp(false);
    lab.device(index)!.setActivationLock(false);
  }
  core = createCore({
    dataDir,
    frontDoor: 'cli',
    log: () => {},
    bench: { usbmux: { kind: 'unix', path: lab.usbmuxdAddress.replace(/^UNIX:/, '') }, pollMs: 200 },
  });
  await until(
    () => call<DeviceView[]>('devices.list', {}),
    (views) => views.length === 2 && views.every((d) => d.state === 'ready'),
  );
  profileRow = (await call<{ row: number }>('profiles.import', { path: work.profilePath })).row;
}, 120_000);

afterAll(async () => {
  core?.close();
  await lab?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  if (work) rmSync(work.folder, { recursive: true, force: true });
});

async function stage(udid: string): Promise<JobView> {
  const { batchId } = await call<{ batchId: number }>('staging.start', { profileRow, serials: [udid] });
  const [job] = await until(
    () => call<JobView[]>('staging.jobs', { batchId }),
    (list) => list.length === 1 && list[0]!.finishedAt !== undefined,
    90_000,
  );
  return job!;
}

const timeline = (udid: string): LabIosCommand[] => [...lab.commands(udid)!];
const isUpload = (c: LabIosCommand) =>
  c.service === AFC && /^fileOpen \/PublicStaging\/org\.depotline\.timesheet-[^/]+\.ipa$/.test(c.request);
const isProfileAnswer = (c: LabIosCommand) =>
  c.service === MCINSTALL && /^Installed profile /.test(c.request);
const publicStaging = (udid: string) =>
  [...lab.device(udid)!.files.keys()].filter((path) => path.startsWith('/PublicStaging/'));

describe('the app uploaded ahead', () => {
  it('uploads while the configuration profiles install, then only installs, leaving PublicStaging empty', async () => {
    const udid = lab.list()[0]!.udid;
    const job = await stage(udid);
    expect(job).toMatchObject({ state: 'done', reasons: [] });

    const commands = timeline(udid);
    const uploads = commands.flatMap((c, i) => (isUpload(c) ? [i] : []));
    const profilesAnswered = commands.flatMap((c, i) => (isProfileAnswer(c) ? [i] : []));
    const installs = commands.flatMap((c, i) =>
      c.service === INSTALLATION_PROXY && c.request === 'Install' ? [i] : [],
    );
    expect(uploads).toHaveLength(1);
    expect(profilesAnswered).toHaveLength(2);
    expect(installs).toHaveLength(1);
    // The upload began before the last InstallProfile was answered (the log is in order; `at` agrees).
    expect(uploads[0]!).toBeLessThan(profilesAnswered[1]!);
    expect(Date.parse(commands[uploads[0]!]!.at)).toBeLessThanOrEqual(
      Date.parse(commands[profilesAnswered[1]!]!.at),
    );
    // …and the package was installed only after the profiles, as the profile orders the steps.
    expect(installs[0]!).toBeGreaterThan(profilesAnswered[1]!);
    expect(
      commands.some(
        (c) => c.service === INSTALLATION_PROXY && /^Installed org\.depotline\.timesheet /.test(c.request),
      ),
    ).toBe(true);
    expect(lab.find(udid)).toMatchObject({ userApps: 1, profiles: 2 });
    expect(publicStaging(udid)).toEqual([]);
  }, 120_000);

  it('a cable yanked mid-upload: the job waits, then uploads afresh and installs once the iPhone is back', async () => {
    const udid = lab.list()[1]!.udid;
    const staging = stage(udid);
    // The upload ahead begins (20 MB at ~35 MB/s takes ~0.6 s): pull the cable during it.
    await until(
      () => timeline(udid).some(isUpload),
      (begun) => begun,
      60_000,
    );
    lab.yank(udid);
    const cutAt = timeline(udid).length;
    // Mid-upload (not yet closed), and ahead: the profiles were not all installed yet.
    expect(
      timeline(udid).some((c) => c.service === AFC && c.request.startsWith('fileClose /PublicStaging/')),
    ).toBe(false);
    expect(timeline(udid).filter(isProfileAnswer).length).toBeLessThan(2);
    await new Promise((r) => setTimeout(r, 500));
    lab.plug(udid);
    const job = await staging;
    expect(job).toMatchObject({ state: 'done', reasons: [] });
    // After the yank: a fresh upload, then the install.
    const after = timeline(udid).slice(cutAt);
    expect(after.some(isUpload)).toBe(true);
    expect(after.some((c) => c.service === INSTALLATION_PROXY && c.request === 'Install')).toBe(true);
    expect(lab.find(udid)).toMatchObject({ userApps: 1, profiles: 2 });
    // What the cut-off upload left in PublicStaging is removed too, as the job lets go of it.
    await expect.poll(() => publicStaging(udid), { timeout: 10_000 }).toEqual([]);
  }, 120_000);
});

// Issue #6: the journal and resume after kill -9 work for iPhones exactly as for Android
// (crash-resume.test.ts). Four lab iPhones live in this test process behind its own usbmuxd;
// `depotline serve` runs as a child on it, is SIGKILLed mid-batch and started again on the
// same data folder. Checked from the journal the station wrote and from what the iPhones
// themselves received (their lockdownd and service logs).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabIosCommand } from '../../native/lab/ios/device/lab-ios-device.ts';
import { IosLabController } from '../../native/lab/ios/lab/ios-lab-controller.ts';
import { labIosServices } from '../../native/lab/ios/services/index.ts';
import {
  call,
  expectAuditIntact,
  expectDeviceLogAgrees,
  expectJournalResumed,
  expectMidBatch,
  journalOnDisk,
  journalSummary,
  kill9,
  killMidBatch,
  killStations,
  startStation,
  waitForJobsDone,
  waitForReadyDevices,
  type AppliesOf,
} from './support/station-process.ts';

const MCINSTALL = 'com.apple.mobile.MCInstall';
const INSTALLATION_PROXY = 'com.apple.mobile.installation_proxy';

/**
 * What applying each iOS step of mixed-office leaves in a device's log: the request that makes
 * the change and the device's record of having made it. Checks and verifications only read
 * (GetCloudConfiguration, GetProfileList, Browse, GetValue), so a repeat of these is a re-run.
 */
const APPLY_REQUESTS: { service: string; request: RegExp }[][] = [
  [
    { service: MCINSTALL, request: /^SetCloudConfiguration$/ },
    { service: MCINSTALL, request: /^Cloud configuration set \(supervised\)$/ },
  ],
  [
    { service: MCINSTALL, request: /^InstallProfile$/ },
    { service: MCINSTALL, request: /^Installed profile org\.depotline\.profile\.wifi$/ },
  ],
  [
    // The AFC upload is not counted: it goes ahead of the step into scratch space once
    // preflight passes, so a job resumed before its app step uploads again (under a new
    // name) by design. The Install is the change, and it must happen once.
    { service: INSTALLATION_PROXY, request: /^Install$/ },
    { service: INSTALLATION_PROXY, request: /^Installed org\.depotline\.field-notes 1\.4$/ },
  ],
  [{ service: 'lockdownd', request: /^SetValue DeviceName$/ }],
];

let lab: IosLabController;
let udids: string[];
let dataDir: string;

beforeAll(async () => {
  // iPhone-like timings (a profile ~0.6 s, an app install ~2 s), so a job takes seconds.
  lab = await IosLabController.start({
    ios: 4,
    seed: 'ios-crash',
    latency: 'realistic',
    services: labIosServices,
  });
  // At Setup Assistant's Hello screen a device pairs without a prompt and may be prepared
  // (supervised); with Activation Lock off nothing blocks the profile's preflight.
  for (let i = 0; i < 4; i++) {
    lab.device(String(i))!.setUp(false);
    lab.device(String(i))!.setActivationLock(false);
  }
  udids = lab.list().map((device) => device.udid);
  dataDir = mkdtempSync(join(tmpdir(), 'depotline-ios-crash-'));
}, 60_000);

afterAll(async () => {
  killStations();
  await lab?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * `depotline serve` watching this test's usbmuxd only: no simulated phones of its own, and an
 * adb that cannot run, so no Android phone joins the bench (it warns about adb; that is fine).
 */
const startIosStation = () =>
  startStation([
    '--lab',
    'off',
    '--lab-ios',
    'off',
    '--usbmuxd',
    lab.usbmuxdAddress,
    '--adb',
    '/nonexistent-adb',
    '--data-dir',
    dataDir,
  ]);

/** A copy: the device keeps appending to its log. */
const commandsOf = (udid: string): LabIosCommand[] => [...lab.commands(udid)!];

const appliesOf: AppliesOf<LabIosCommand> = (commands, stepIndex) => {
  const counts = new Map<string, number>();
  for (const { service, request } of commands) {
    const match = APPLY_REQUESTS[stepIndex]!.find((it) => it.service === service && it.request.test(request));
    if (!match) continue;
    // One key per kind of change, so that two uploads under two random names count as two.
    const key = `${service} ${match.request.source}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
};

describe('a station killed mid-batch of iPhones', () => {
  it('resumes every job after SIGKILL and repeats no verified step', async () => {
    let station = await startIosStation();
    await call(station, 'settings.set', { technicianName: 'Kari Nordmann', stationName: 'Bench 7' });
    await waitForReadyDevices(station, 4);
    const profile = await call<{ row: number }>(station, 'profiles.import', {
      path: join(process.cwd(), 'resources/profiles/mixed-office.yaml'),
    });
    const { batchId, jobIds } = await call<{ batchId: number; jobIds: number[] }>(station, 'staging.start', {
      profileRow: profile.row,
      serials: udids,
    });

    // Kill once the fastest iPhone is prepared and has its profile, while every job still runs.
    // The lab has no knob to slow single iPhones (the Android lab's slow= fault), so the moment
    // is caught by polling often: the app step that follows takes ~2 s.
    const killedAfterMs = await killMidBatch(station, jobIds, { verifiedSteps: 2, pollMs: 20 });
    const atKill = journalOnDisk(dataDir);
    const commandsAtKill = new Map(udids.map((udid) => [udid, commandsOf(udid).length]));
    expectMidBatch(atKill);

    station = await startIosStation();
    const resumeStartedAt = Date.now();
    const jobs = await waitForJobsDone(station, batchId, 4);
    const resumedInMs = Date.now() - resumeStartedAt;

    // (a) The journal: every step verified exactly once; those verified before the kill untouched.
    await expectJournalResumed(station, jobs, atKill, APPLY_REQUESTS.length);

    // (b) The iPhones' own logs: a verified step's change was sent once, and never after the kill.
    for (const job of jobs) {
      const log = { all: commandsOf(job.serial), lengthAtKill: commandsAtKill.get(job.serial)! };
      expectDeviceLogAgrees(job.serial, atKill.get(job.jobId)!, log, appliesOf);
    }
    // …and each ends as the profile wants it: prepared, one profile, one app, named.
    for (const device of lab.list())
      expect(device).toMatchObject({
        cloudConfiguration: true,
        profiles: 1,
        userApps: 1,
        deviceName: `Office ${device.serial}`,
      });

    // (c) Each iPhone is an iOS asset once (its serial and UDID), and the audit chain survived.
    const assets = await call<{
      total: number;
      items: { serial: string; platform: string; udid: string | null }[];
    }>(station, 'assets.list', {});
    expect(assets.total).toBe(4);
    const bySerial = (a: { serial: string }, b: { serial: string }) => a.serial.localeCompare(b.serial);
    expect(
      assets.items.map(({ serial, platform, udid }) => ({ serial, platform, udid })).sort(bySerial),
    ).toEqual(
      lab
        .list()
        .map(({ serial, udid }) => ({ serial, platform: 'ios', udid }))
        .sort(bySerial),
    );
    await expectAuditIntact(station, 4);

    console.info(
      `ios-crash-resume: killed after ${killedAfterMs} ms with ${journalSummary(atKill)}; resumed to done in ${resumedInMs} ms`,
    );
    await kill9(station.child);
  }, 180_000);
});

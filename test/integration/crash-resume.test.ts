// Issue #4, point 8: the station process is SIGKILLed mid-batch and started again on the same
// data folder; every job completes and no verified step is repeated. Checked twice: from the
// journal the station wrote, and from the commands the lab phones themselves received.
// ios-crash-resume.test.ts checks the same for iPhones (issue #6) with the same helpers.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFaults } from '../../native/lab/adb/lab/faults.ts';
import type { LabController } from '../../native/lab/adb/lab/lab-controller.ts';
import { AdbFixture, ADB, startLab } from '../conformance/support/adb-fixture.ts';
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

/**
 * What applying each step of frontline-shared sends to a phone (the driver's command lines).
 * A check or a verification only reads; these change the phone, so a repeat is a re-run.
 */
const APPLY_COMMANDS: RegExp[][] = [
  [installOf('dpc.apk')],
  [installOf('scanner.apk'), /^pm grant org\.depotline\.sample\.scanner /],
  [/^settings put global stay_on_while_plugged_in /],
  [/^settings put system screen_off_timeout /],
  [/^settings put global device_name /],
  [/^dpm set-device-owner /],
  [/^am start .*SetupActivity/],
];

/**
 * An install names no file on the phone, only the APK's size (`-S`). Staging streams it into a
 * session ahead and commits the session in the install's step (commandsOf names the session's
 * size on the commit's line); a step that streams afresh (after a failed upload) runs
 * `cmd package install` itself. Either is followed, in the same line, by the verifying read.
 */
function installOf(apk: string): RegExp {
  const size = statSync(join(process.cwd(), 'resources/profiles/apks', apk)).size;
  return new RegExp(
    `^cmd package ('?install'? -r -S ${size}(;|$)|install-commit \\d+ \\(a session of ${size} bytes\\))`,
  );
}

let adb: AdbFixture;
let lab: LabController;
let serials: string[];
let dataDir: string;

beforeAll(async () => {
  adb = await AdbFixture.start();
  // Phone-like timings so that a job takes seconds (installs ~1.5 s); two phones slower still,
  // so the kill finds the jobs at different steps.
  ({ lab, serials } = await startLab(adb, {
    android: 4,
    latency: 'realistic',
    faults: parseFaults('slow=1:3,slow=1:2', 4),
  }));
  await adb.waitForStates(serials, 'device');
  dataDir = mkdtempSync(join(tmpdir(), 'depotline-crash-'));
}, 120_000);

afterAll(async () => {
  killStations();
  await lab?.stop();
  await adb?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * `depotline serve` watching this test's adb server only: no simulated phones of its own, and
 * a usbmuxd address nobody listens on, so neither its lab iPhones nor a developer's real ones
 * join the bench.
 */
const startAndroidStation = () =>
  startStation(
    [
      '--lab',
      'off',
      '--lab-ios',
      'off',
      '--usbmuxd',
      `UNIX:${join(dataDir, 'no-usbmuxd.sock')}`,
      '--adb',
      ADB,
      '-P',
      String(adb.port),
      '--data-dir',
      dataDir,
    ],
    adb.env,
  );

/**
 * The command lines a phone ran, without the exit-code marker the driver appends; a session's
 * commit says how many bytes were written into the session (from its install-write line).
 */
function commandsOf(adbSerial: string): string[] {
  const commands = lab
    .commands(adbSerial)!
    .map((entry) => entry.command.replace(/; echo "__DEPOTLINE_RC=\$\?"$/, ''));
  const sessionBytes = new Map<string, string>();
  for (const command of commands) {
    const write = /^cmd package install-write -S (\d+) (\d+) /.exec(command);
    if (write) sessionBytes.set(write[2]!, write[1]!);
  }
  return commands.map((command) =>
    command.replace(
      /^cmd package install-commit (\d+)/,
      (commit, id: string) => `${commit} (a session of ${sessionBytes.get(id) ?? '?'} bytes)`,
    ),
  );
}

const appliesOf: AppliesOf<string> = (commands, stepIndex) => {
  const counts = new Map<string, number>();
  for (const command of commands) {
    if (APPLY_COMMANDS[stepIndex]!.some((pattern) => pattern.test(command)))
      counts.set(command, (counts.get(command) ?? 0) + 1);
  }
  return counts;
};

describe('a station killed mid-batch', () => {
  it('resumes every job after SIGKILL and repeats no verified step', async () => {
    let station = await startAndroidStation();
    await call(station, 'settings.set', { technicianName: 'Kari Nordmann', stationName: 'Bench 7' });
    await waitForReadyDevices(station, 4);
    const profile = await call<{ row: number; stepCount: number }>(station, 'profiles.import', {
      path: join(process.cwd(), 'resources/profiles/frontline-shared.yaml'),
    });
    expect(profile.stepCount).toBe(APPLY_COMMANDS.length);
    const { batchId, jobIds } = await call<{ batchId: number; jobIds: number[] }>(station, 'staging.start', {
      profileRow: profile.row,
      serials,
    });

    // Kill once the fastest phone is past both installs, while every job is still running.
    const killedAfterMs = await killMidBatch(station, jobIds, { verifiedSteps: 2, pollMs: 50 });
    const atKill = journalOnDisk(dataDir);
    const commandsAtKill = new Map(serials.map((serial) => [serial, commandsOf(serial).length]));
    expectMidBatch(atKill);

    station = await startAndroidStation();
    const resumeStartedAt = Date.now();
    const jobs = await waitForJobsDone(station, batchId, 4);
    const resumedInMs = Date.now() - resumeStartedAt;

    // (a) The journal: every step verified exactly once; those verified before the kill untouched.
    await expectJournalResumed(station, jobs, atKill, APPLY_COMMANDS.length);

    // (b) The phones' own logs: a verified step's change was sent once, and never after the kill.
    for (const job of jobs) {
      const log = { all: commandsOf(job.serial), lengthAtKill: commandsAtKill.get(job.serial)! };
      expectDeviceLogAgrees(job.serial, atKill.get(job.jobId)!, log, appliesOf);
    }

    // (c) Each phone is an asset once, and the audit chain survived the kill.
    const assets = await call<{ total: number; items: { serial: string; state: string }[] }>(
      station,
      'assets.list',
      {},
    );
    expect(assets.total).toBe(4);
    expect(assets.items.map((asset) => asset.serial).sort()).toEqual(
      lab
        .list()
        .map((device) => device.serial)
        .sort(),
    );
    await expectAuditIntact(station, 4);

    console.info(
      `crash-resume: killed after ${killedAfterMs} ms with ${journalSummary(atKill)}; resumed to done in ${resumedInMs} ms`,
    );
    await kill9(station.child);
  }, 180_000);
});

// Issue #4, point 8: the station process is SIGKILLed mid-batch and started again on the same
// data folder; every job completes and no verified step is repeated. Checked twice: from the
// journal the station wrote, and from the commands the lab phones themselves received.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobView } from '../../electron/common/models/staging.ts';
import { parseFaults } from '../../native/lab/adb/lab/faults.ts';
import type { LabController } from '../../native/lab/adb/lab/lab-controller.ts';
import { AdbFixture, ADB, startLab } from '../conformance/support/adb-fixture.ts';

interface Station {
  child: ChildProcess;
  url: string;
  token: string;
  output: () => string;
}
interface LogStep {
  index: number;
  status: string;
  attempts: number;
  finishedAt?: string;
}

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

/** A streamed install names no file on the phone, only the APK's size (`-S`). */
function installOf(apk: string): RegExp {
  const size = statSync(join(process.cwd(), 'resources/profiles/apks', apk)).size;
  return new RegExp(`^cmd package install -r -S ${size}$`);
}

let adb: AdbFixture;
let lab: LabController;
let serials: string[];
let dataDir: string;
const stations: ChildProcess[] = [];

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
  for (const child of stations)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await lab?.stop();
  await adb?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** `depotline serve` in its own process, on a free port, watching this test's adb server only. */
function startStation(): Promise<Station> {
  const child = spawn(
    process.execPath,
    [
      'scripts/depotline.mjs',
      'serve',
      '--port',
      '0',
      '--lab',
      'off',
      '--adb',
      ADB,
      '-P',
      String(adb.port),
      '--data-dir',
      dataDir,
    ],
    {
      env: adb.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  stations.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`station did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const ready = /Depotline station ready: (\S+)\?token=(\S+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve({ child, url: ready[1]!.replace(/\/$/, ''), token: ready[2]!, output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) =>
      reject(new Error(`station exited (${code ?? signal}) before it was ready:\n${output}`)),
    );
  });
}

async function call<T>(station: Station, name: string, input: unknown = {}): Promise<T> {
  const response = await fetch(`${station.url}/api/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${station.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as
    { ok: true; value: T } | { ok: false; error: { message: string } };
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}

function kill9(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** The journal as the killed station left it on disk, read straight from SQLite. */
function journalOnDisk(): Map<number, LogStep[]> {
  const db = new Database(join(dataDir, 'depotline.sqlite'));
  try {
    const rows = db
      .prepare(
        'SELECT job_id, step_index, status, attempts, finished_at FROM job_steps ORDER BY job_id, step_index',
      )
      .all() as {
      job_id: number;
      step_index: number;
      status: string;
      attempts: number;
      finished_at: string | null;
    }[];
    const jobs = new Map<number, LogStep[]>();
    for (const row of rows) {
      jobs.set(row.job_id, [
        ...(jobs.get(row.job_id) ?? []),
        {
          index: row.step_index,
          status: row.status,
          attempts: row.attempts,
          ...(row.finished_at ? { finishedAt: row.finished_at } : {}),
        },
      ]);
    }
    return jobs;
  } finally {
    db.close();
  }
}

/** The command lines a phone ran, without the exit-code marker the driver appends. */
function commandsOf(adbSerial: string): string[] {
  return lab.commands(adbSerial)!.map((entry) => entry.command.replace(/; echo "__DEPOTLINE_RC=\$\?"$/, ''));
}

function appliesOf(commands: string[], stepIndex: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const command of commands) {
    if (APPLY_COMMANDS[stepIndex]!.some((pattern) => pattern.test(command)))
      counts.set(command, (counts.get(command) ?? 0) + 1);
  }
  return counts;
}

describe('a station killed mid-batch', () => {
  it('resumes every job after SIGKILL and repeats no verified step', async () => {
    let station = await startStation();
    await call(station, 'settings.set', { technicianName: 'Kari Nordmann', stationName: 'Bench 7' });
    await expect
      .poll(
        async () =>
          (await call<{ state: string }[]>(station, 'devices.list')).filter((d) => d.state === 'ready')
            .length,
        { timeout: 30_000 },
      )
      .toBe(4);
    const profile = await call<{ row: number; stepCount: number }>(station, 'profiles.import', {
      path: join(process.cwd(), 'resources/profiles/frontline-shared.yaml'),
    });
    expect(profile.stepCount).toBe(APPLY_COMMANDS.length);
    const { batchId, jobIds } = await call<{ batchId: number; jobIds: number[] }>(station, 'staging.start', {
      profileRow: profile.row,
      serials,
    });
    const startedAt = Date.now();

    // Kill once the fastest phone is past both installs, while every job is still running.
    for (;;) {
      const logs = await Promise.all(
        jobIds.map((jobId) => call<LogStep[]>(station, 'staging.log', { jobId })),
      );
      const verified = logs.map((log) => log.filter((step) => step.status === 'verified').length);
      if (Math.max(...verified) >= 2) break;
      if (Date.now() - startedAt > 60_000)
        throw new Error(`no step verified in time: ${JSON.stringify(logs)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await kill9(station.child);
    const killedAfterMs = Date.now() - startedAt;

    const before = journalOnDisk();
    const commandsBefore = new Map(serials.map((serial) => [serial, commandsOf(serial)]));
    const verifiedBefore = [...before.values()].flat().filter((step) => step.status === 'verified');
    // The kill really was mid-batch: some steps done, no job finished.
    expect(verifiedBefore.length).toBeGreaterThan(0);
    expect([...before.values()].every((steps) => steps.some((step) => step.status !== 'verified'))).toBe(
      true,
    );

    station = await startStation();
    const resumeStartedAt = Date.now();
    let jobs: JobView[] = [];
    await expect
      .poll(
        async () =>
          (jobs = await call<JobView[]>(station, 'staging.jobs', { batchId })).map((job) => job.state),
        { timeout: 90_000, interval: 250 },
      )
      .toEqual(['done', 'done', 'done', 'done']);
    const resumedInMs = Date.now() - resumeStartedAt;
    expect(station.output()).toMatch(/resuming 4 staging job\(s\) left unfinished/);

    // (a) The journal: every step verified exactly once; those verified before the kill untouched.
    for (const job of jobs) {
      const log = await call<LogStep[]>(station, 'staging.log', { jobId: job.jobId });
      const atKill = before.get(job.jobId)!;
      expect(log.map((step) => step.status)).toEqual(Array(APPLY_COMMANDS.length).fill('verified'));
      for (const step of log) {
        const then = atKill[step.index]!;
        if (then.status === 'verified')
          expect(step, `job ${job.jobId} step ${step.index}`).toMatchObject({
            attempts: 1,
            finishedAt: then.finishedAt,
          });
        // A step in flight at the kill is started once more; one never started, once.
        else
          expect(step.attempts, `job ${job.jobId} step ${step.index}`).toBe(
            then.status === 'applying' ? 2 : 1,
          );
      }
    }

    // (b) The phones' own logs: a verified step's change was sent once, and never after the kill.
    const jobOf = new Map(jobs.map((job) => [job.serial, job.jobId]));
    for (const serial of serials) {
      const atKill = before.get(jobOf.get(serial)!)!;
      const all = commandsOf(serial);
      const after = all.slice(commandsBefore.get(serial)!.length);
      for (const step of atKill) {
        const applied = appliesOf(all, step.index);
        const where = `${serial} step ${step.index}: ${JSON.stringify([...applied])}`;
        expect(applied.size, where).toBeGreaterThan(0);
        if (step.status === 'verified') {
          expect(
            [...applied.values()].every((count) => count === 1),
            where,
          ).toBe(true);
          expect(appliesOf(after, step.index).size, where).toBe(0);
        } else if (step.status === 'pending') {
          expect(
            [...applied.values()].every((count) => count === 1),
            where,
          ).toBe(true);
        } else {
          expect(
            [...applied.values()].every((count) => count <= 2),
            where,
          ).toBe(true);
        }
      }
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
    const audit = await call<{ entries: { action: string }[] }>(station, 'audit.list', { limit: 500 });
    expect(audit.entries.filter((entry) => entry.action === 'staging.job_done')).toHaveLength(4);
    expect(await call(station, 'audit.verify', {})).toMatchObject({ ok: true });

    console.info(
      `crash-resume: killed after ${killedAfterMs} ms with ${verifiedBefore.length}/${4 * APPLY_COMMANDS.length} steps verified (${JSON.stringify([...before.values()].map((steps) => steps.map((step) => step.status[0]).join('')))}); resumed to done in ${resumedInMs} ms`,
    );
    await kill9(station.child);
  }, 180_000);
});

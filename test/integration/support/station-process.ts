// What the crash-resume tests (Android and iOS, issues #4 and #6) share: `depotline serve` as a
// child process that can be SIGKILLed and started again on the same data folder, its contract
// over HTTP, the journal as the killed process left it on disk, and the checks that must hold
// alike on both platforms. Children are only ever spawned asynchronously: the lab phones live
// in the test process, and a synchronous spawn would freeze their event loop.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import type { JobView } from '../../../electron/common/models/staging.ts';

export interface Station {
  child: ChildProcess;
  url: string;
  token: string;
  /** Everything the station printed so far (stdout and stderr). */
  output: () => string;
}

/** One journal step, as `staging.log` returns it and as the SQLite file holds it. */
export interface LogStep {
  index: number;
  status: string;
  attempts: number;
  finishedAt?: string;
}

/** The journal by job id, each job's steps in order. */
export type Journal = Map<number, LogStep[]>;

const READY_LINE = /Depotline station ready: (\S+)\?token=(\S+)/;
const spawned = new Set<ChildProcess>();

/** `depotline serve --port 0 <args>` in its own process; resolves once it prints its ready line. */
export function startStation(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<Station> {
  const child = spawn(process.execPath, ['scripts/depotline.mjs', 'serve', '--port', '0', ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  spawned.add(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`station did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const ready = READY_LINE.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve({ child, url: ready[1]!.replace(/\/$/, ''), token: ready[2]!, output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`station exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
}

/** For afterAll: no station outlives its test file, whatever the test got to. */
export function killStations(): void {
  for (const child of spawned) if (isRunning(child)) child.kill('SIGKILL');
}

export function kill9(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (!isRunning(child)) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** One contract request, as the browser console makes it (bearer token, JSON in and out). */
export async function call<T>(station: Station, name: string, input: unknown = {}): Promise<T> {
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

export async function waitForReadyDevices(station: Station, count: number): Promise<void> {
  await expect
    .poll(
      async () =>
        (await call<{ state: string }[]>(station, 'devices.list')).filter((d) => d.state === 'ready').length,
      { timeout: 30_000 },
    )
    .toBe(count);
}

/**
 * SIGKILLs the station as soon as the fastest job has `verifiedSteps` verified steps, then
 * resolves with how long after its own start it killed (call it right after `staging.start`).
 */
export async function killMidBatch(
  station: Station,
  jobIds: readonly number[],
  { verifiedSteps, pollMs }: { verifiedSteps: number; pollMs: number },
): Promise<number> {
  const startedAt = Date.now();
  for (;;) {
    const logs = await Promise.all(jobIds.map((jobId) => call<LogStep[]>(station, 'staging.log', { jobId })));
    const verified = logs.map((log) => log.filter((step) => step.status === 'verified').length);
    if (Math.max(...verified) >= verifiedSteps) break;
    if (Date.now() - startedAt > 60_000) throw new Error(`no step verified in time: ${JSON.stringify(logs)}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  await kill9(station.child);
  return Date.now() - startedAt;
}

/** The journal as the killed station left it on disk, read straight from SQLite. */
export function journalOnDisk(dataDir: string): Journal {
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
    const jobs: Journal = new Map();
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

/** The kill really was mid-batch: some steps verified, no job finished. */
export function expectMidBatch(atKill: Journal): void {
  const steps = [...atKill.values()];
  expect(steps.flat().some((step) => step.status === 'verified')).toBe(true);
  expect(steps.every((job) => job.some((step) => step.status !== 'verified'))).toBe(true);
}

/** The journal at a glance for a test's summary line: "5/28 steps verified (["vvap…", …])". */
export function journalSummary(journal: Journal): string {
  const steps = [...journal.values()];
  const verified = steps.flat().filter((step) => step.status === 'verified').length;
  const letters = steps.map((job) => job.map((step) => step.status[0]).join(''));
  return `${verified}/${steps.flat().length} steps verified (${JSON.stringify(letters)})`;
}

export async function waitForJobsDone(station: Station, batchId: number, count: number): Promise<JobView[]> {
  let jobs: JobView[] = [];
  await expect
    .poll(
      async () =>
        (jobs = await call<JobView[]>(station, 'staging.jobs', { batchId })).map((job) => job.state),
      { timeout: 90_000, interval: 250 },
    )
    .toEqual(Array<string>(count).fill('done'));
  expect(station.output()).toMatch(new RegExp(`resuming ${count} staging job\\(s\\) left unfinished`));
  return jobs;
}

/** (a) The journal: every step verified exactly once; those verified before the kill untouched. */
export async function expectJournalResumed(
  station: Station,
  jobs: readonly JobView[],
  atKill: Journal,
  stepCount: number,
): Promise<void> {
  for (const job of jobs) {
    const log = await call<LogStep[]>(station, 'staging.log', { jobId: job.jobId });
    const then = atKill.get(job.jobId)!;
    expect(log.map((step) => step.status)).toEqual(Array<string>(stepCount).fill('verified'));
    for (const step of log) {
      const before = then[step.index]!;
      const where = `job ${job.jobId} step ${step.index}`;
      if (before.status === 'verified')
        expect(step, where).toMatchObject({ attempts: 1, finishedAt: before.finishedAt });
      // A step in flight at the kill is started once more; one never started, once.
      else expect(step.attempts, where).toBe(before.status === 'applying' ? 2 : 1);
    }
  }
}

/** How often each distinct change of one step appears in (part of) a device's own log. */
export type AppliesOf<Entry> = (entries: readonly Entry[], stepIndex: number) => Map<string, number>;

/**
 * (b) A device's own log (`all`; its first `lengthAtKill` entries came before the kill) agrees
 * with the journal: every step's change reached the device; one verified before the kill
 * exactly once and never after; one not started at the kill exactly once; one in flight at the
 * kill at most twice (the kill may have come before or after the change landed).
 */
export function expectDeviceLogAgrees<Entry>(
  device: string,
  atKill: readonly LogStep[],
  log: { all: readonly Entry[]; lengthAtKill: number },
  appliesOf: AppliesOf<Entry>,
): void {
  const afterKill = log.all.slice(log.lengthAtKill);
  for (const step of atKill) {
    const applied = appliesOf(log.all, step.index);
    const where = `${device} step ${step.index} (${step.status} at the kill): ${JSON.stringify([...applied])}`;
    const counts = [...applied.values()];
    expect(applied.size, where).toBeGreaterThan(0);
    if (step.status === 'verified') {
      expect(
        counts.every((count) => count === 1),
        where,
      ).toBe(true);
      expect(appliesOf(afterKill, step.index).size, where).toBe(0);
    } else if (step.status === 'pending') {
      expect(
        counts.every((count) => count === 1),
        where,
      ).toBe(true);
    } else {
      expect(
        counts.every((count) => count <= 2),
        where,
      ).toBe(true);
    }
  }
}

/** (c) Each job's completion was audited once and the hash chain survived the kill. */
export async function expectAuditIntact(station: Station, doneJobs: number): Promise<void> {
  const audit = await call<{ entries: { action: string }[] }>(station, 'audit.list', { limit: 500 });
  expect(audit.entries.filter((entry) => entry.action === 'staging.job_done')).toHaveLength(doneJobs);
  expect(await call(station, 'audit.verify', {})).toMatchObject({ ok: true });
}

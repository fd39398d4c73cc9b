// One `depotline stage --json` run as a child process, timed from its JSON lines: when the
// first job event arrives (staging has started; device discovery is over), when the summary
// arrives, and each job's own time from its startedAt/finishedAt. Its peak RSS (VmHWM) and CPU
// time are read from /proc while it runs, since it is the console's core that is measured.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { ADB, type AdbFixture } from '../../test/conformance/support/adb-fixture.ts';
import { sampleProcess } from './proc.ts';

const DEPOTLINE = resolve(import.meta.dirname, '..', 'depotline.mjs');

export interface ConsoleRun {
  /** From spawning the CLI to its summary: start-up, profile import, device discovery and staging. */
  totalMs: number;
  /** From the batch's start (its first job event, or its jobs' startedAt if earlier) to the summary. */
  makespanMs: number;
  /** Per serial: finishedAt − startedAt (jobs never queue: concurrency is the device count). */
  ownMs: Map<string, number>;
  /**
   * Per serial: every change of its job's state or step, with when its line arrived (ms since
   * the epoch). The core batches progress events every 150 ms, so these are that coarse.
   */
  transitions: Map<string, JobTransition[]>;
  peakRssMb: number;
  cpuSeconds: number;
  done: number;
  total: number;
  /** From the run's journal: steps started more than once (a retry, a reconnect), across all jobs. */
  retriedSteps: number;
  /** From the run's journal: the slowest job's steps, each with its own time and attempts. */
  slowestSteps: { index: number; ms: number; attempts: number }[];
}

export interface JobTransition {
  at: number;
  state: string;
  stepIndex: number;
}

interface JobLine {
  event: 'job';
  serial: string;
  state: string;
  stepIndex: number;
  startedAt: string;
  finishedAt?: string;
}
interface SummaryLine {
  event: 'summary';
  done: number;
  total: number;
}

/** Android phones behind the benchmark's private adb server. */
export function runConsole(
  adb: AdbFixture,
  options: { profilePath: string; serials: string[]; timeoutMs: number },
): Promise<ConsoleRun> {
  return runStageCli({
    ...options,
    args: ['--adb', ADB, '-P', String(adb.port)],
    env: adb.env,
  });
}

/**
 * `depotline stage --profile P --devices SERIALS --concurrency N --json` in a fresh data folder,
 * plus `args` saying where the devices are (--adb/-P, --usbmuxd). `serials` are the job
 * serials the summary must report done (an iPhone's is its UDID).
 */
export async function runStageCli(options: {
  profilePath: string;
  serials: string[];
  timeoutMs: number;
  args: string[];
  env: NodeJS.ProcessEnv;
}): Promise<ConsoleRun> {
  const dataDir = await mkdtemp(join(tmpdir(), 'depotline-bench-data-'));
  const args = [
    DEPOTLINE,
    'stage',
    '--profile',
    options.profilePath,
    '--devices',
    options.serials.join(','),
    '--concurrency',
    String(options.serials.length),
    '--json',
    '--data-dir',
    dataDir,
    ...options.args,
  ];
  const started = Date.now();
  const child = spawn(process.execPath, args, { env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid ?? 0;
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-20_000)));

  let firstJobAt: number | undefined;
  let summaryAt: number | undefined;
  let summary: SummaryLine | undefined;
  let peak = { peakRssMb: 0, cpuSeconds: 0 };
  const jobs = new Map<string, JobLine>();
  const transitions = new Map<string, JobTransition[]>();
  const sample = async () => {
    const now = await sampleProcess(pid);
    if (now)
      peak = {
        peakRssMb: Math.max(peak.peakRssMb, now.peakRssMb),
        cpuSeconds: Math.max(peak.cpuSeconds, now.cpuSeconds),
      };
  };
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const at = Date.now();
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      const parsed = JSON.parse(line) as JobLine | SummaryLine;
      if (parsed.event === 'job') {
        firstJobAt ??= at;
        jobs.set(parsed.serial, parsed);
        const seen = transitions.get(parsed.serial) ?? [];
        const last = seen.at(-1);
        if (last?.state !== parsed.state || last.stepIndex !== parsed.stepIndex)
          seen.push({ at, state: parsed.state, stepIndex: parsed.stepIndex });
        transitions.set(parsed.serial, seen);
      } else if (parsed.event === 'summary') {
        summaryAt = at;
        summary = parsed;
        void sample(); // the process is still alive right after its summary: its high-water mark is final
      }
    }
  });
  const poll = setInterval(() => void sample(), 250);
  const timeout = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
  const exitCode = await new Promise<number | null>((resolvePromise) =>
    child.once('exit', (code) => resolvePromise(code)),
  );
  clearInterval(poll);
  clearTimeout(timeout);
  const journal = readJournal(dataDir);
  await rm(dataDir, { recursive: true, force: true });

  if (summary === undefined || summaryAt === undefined || firstJobAt === undefined) {
    throw new Error(`depotline stage ended (exit ${exitCode}) without a summary:\n${stderr}`);
  }
  if (summary.done !== summary.total || summary.total !== options.serials.length) {
    const unfinished = [...jobs.values()]
      .filter((job) => job.state !== 'done')
      .map((job) => `${job.serial}: ${job.state} ${JSON.stringify(job)}`);
    throw new Error(
      `depotline stage staged ${summary.done} of ${options.serials.length}:\n${unfinished.join('\n')}\n${stderr}`,
    );
  }
  const ownMs = new Map(
    [...jobs.values()].map((job) => [
      job.serial,
      Date.parse(job.finishedAt ?? '') - Date.parse(job.startedAt),
    ]),
  );
  // The journal stamps startedAt just before the first event is printed; whichever is earlier
  // starts the batch, so a device's own time never exceeds the makespan by clock granularity.
  const batchStart = Math.min(firstJobAt, ...[...jobs.values()].map((job) => Date.parse(job.startedAt)));
  return {
    totalMs: summaryAt - started,
    makespanMs: summaryAt - batchStart,
    ownMs,
    transitions,
    peakRssMb: peak.peakRssMb,
    cpuSeconds: peak.cpuSeconds,
    done: summary.done,
    total: summary.total,
    ...journal,
  };
}

/** Where a run's time went, from the journal it left: what was retried, and the slowest job's steps. */
function readJournal(dataDir: string): Pick<ConsoleRun, 'retriedSteps' | 'slowestSteps'> {
  const db = new Database(join(dataDir, 'depotline.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const retriedSteps = db
      .prepare('SELECT count(*) FROM job_steps WHERE attempts > 1')
      .pluck()
      .get() as number;
    const slowest = db
      .prepare(
        `SELECT id FROM jobs WHERE finished_at IS NOT NULL
         ORDER BY julianday(finished_at) - julianday(created_at) DESC LIMIT 1`,
      )
      .pluck()
      .get() as number | undefined;
    const rows = db
      .prepare<
        [number],
        { step_index: number; attempts: number; started_at: string | null; finished_at: string | null }
      >(
        'SELECT step_index, attempts, started_at, finished_at FROM job_steps WHERE job_id = ? ORDER BY step_index',
      )
      .all(slowest ?? -1);
    const slowestSteps = rows.map((row) => ({
      index: row.step_index,
      ms: Date.parse(row.finished_at ?? '') - Date.parse(row.started_at ?? ''),
      attempts: row.attempts,
    }));
    return { retriedSteps, slowestSteps };
  } finally {
    db.close();
  }
}

// Staging benchmark (issue #4, point 9): N virtual phones with the lab's realistic latency
// (28 s boots, installs at 25 MB/s plus 1.5 s, 40 ms per system-server call), staged with one
// profile (APKs of 5, 12 and 30 MiB, five settings, a CAMERA grant, a reboot) three ways, each
// on a fresh lab and a fresh private adb server so every run starts from factory phones:
//   - Depotline: `depotline stage --json --concurrency N`, a child process whose RSS is the core's;
//   - bash, xargs -P N: scripts/bench/stage-device.sh for every phone at once;
//   - bash, sequential: the same script phone after phone.
// A phone takes about 36 s, so a sequential run of 8 + 32 + 64 phones would take over an hour:
// by default it is measured on all phones at N ≤ 8 and on 4 phones at larger N, and the
// makespan for N phones extrapolated (labelled so in the figures). After every run each phone
// is read back (packages, settings, permission, boot). The CPU of each run is split between
// the runner, the adb server and the lab (the phones' side), which share the same cores.
//
// The default run (8, 32, 64) takes about 17 minutes on two cores.
//
//   npm run bench -- staging [--sizes 8,32,64] [--sequential-sample K|all] [--latency fast]
//   BENCH_STAGING_QUICK=1 npm run bench -- staging      (N = 8 only, 2 sequential phones: ~3 min)
//   BENCH_STAGING_SIZES, BENCH_STAGING_SEQUENTIAL_SAMPLE and BENCH_STAGING_LATENCY do as the flags;
//   BENCH_STAGING_COMMANDS=1 also prints the command lines phone 0 ran in each run.
import { rm } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { AdbFixture } from '../conformance/support/adb-fixture.ts';
import { runConsole, type ConsoleRun } from '../../scripts/bench/console-run.ts';
import { freePortRange, startLabProcess, type RunningLab } from '../../scripts/bench/lab-process.ts';
import { adbServerPid, sampleProcess } from '../../scripts/bench/proc.ts';
import { runShellBaseline, type ShellRun } from '../../scripts/bench/shell-run.ts';
import { prepareStagingWork } from '../../scripts/bench/staging-fixtures.ts';
import { verifyStaged } from '../../scripts/bench/verify-staged.ts';
import { printBenchResult, type BenchGoal } from './report.ts';

const RSS_AT = 64;
const RSS_LIMIT_MB = 300;
const OVERHEAD_LIMIT = 0.05;

interface Options {
  sizes: number[];
  /** Phones the sequential baseline really stages at size N (the rest is extrapolated). */
  sequentialSample: (devices: number) => number;
  latency: 'realistic' | 'fast';
}

/** One runner's run on its own lab: what it measured, plus the CPU the others spent meanwhile. */
interface Measured<T> {
  run: T;
  /** Shell command lines phone 0 ran (from the lab's log). */
  phoneCommands: number;
  adbServerCpuSeconds: number;
  labCpuSeconds: number;
  /** The machine's 1-minute load average as the run started: other work on these cores skews it. */
  loadBefore: number;
}

interface SizeResult {
  devices: number;
  depotline: Measured<ConsoleRun>;
  xargs: Measured<ShellRun>;
  sequential: Measured<ShellRun>;
  sequentialPhones: number;
}

const options = parseOptions();
const log = (message: string) =>
  process.stderr.write(`[staging bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
const benchStarted = performance.now();
const work = await prepareStagingWork();
log(
  `profile ${work.profilePath} (${(work.payloadBytes / 1e6).toFixed(1)} MB of APKs); sizes ${options.sizes.join(', ')}; ${options.latency} latency`,
);
const results: SizeResult[] = [];
try {
  for (const devices of options.sizes) {
    const result = await measureSize(devices);
    results.push(result);
    printTable(result);
  }
} finally {
  await rm(work.folder, { recursive: true, force: true });
}
log(`done in ${((performance.now() - benchStarted) / 60_000).toFixed(1)} min`);
report(results);

async function measureSize(devices: number): Promise<SizeResult> {
  const timeoutMs = 10 * 60_000 + devices * 60_000;
  log(`N=${devices}: Depotline`);
  const depotline = await withLab(devices, devices, (adb, serials) =>
    runConsole(adb, { profilePath: work.profilePath, serials, timeoutMs }),
  );
  log(`N=${devices}: bash, xargs -P ${devices}`);
  const xargs = await withLab(devices, devices, (adb, serials) =>
    runShellBaseline(adb, { mode: 'parallel', serials, env: work.bashEnv, timeoutMs }),
  );
  const sequentialPhones = Math.min(devices, options.sequentialSample(devices));
  log(
    `N=${devices}: bash, sequential on ${sequentialPhones} of ${devices} phones (~${Math.ceil(sequentialPhones * 0.6)} min)`,
  );
  const sequential = await withLab(devices, sequentialPhones, (adb, serials) =>
    runShellBaseline(adb, {
      mode: 'sequential',
      serials,
      env: work.bashEnv,
      timeoutMs: sequentialPhones * 5 * 60_000,
    }),
  );
  return { devices, depotline, xargs, sequential, sequentialPhones };
}

/** A fresh adb server and lab of `devices` phones for one run on the first `staged`; afterwards those are read back. */
async function withLab<T>(
  devices: number,
  staged: number,
  run: (adb: AdbFixture, serials: string[]) => Promise<T>,
): Promise<Measured<T>> {
  const adb = await AdbFixture.start();
  let lab: RunningLab | undefined;
  try {
    lab = await startLabProcess(adb, {
      android: devices,
      portBase: await freePortRange(devices),
      latency: options.latency,
    });
    const serials = lab.devices.slice(0, staged).map((device) => device.adbSerial);
    const serverPid = await adbServerPid(adb.port);
    const adbCpu = async () =>
      serverPid === undefined ? Number.NaN : ((await sampleProcess(serverPid))?.cpuSeconds ?? Number.NaN);
    const loadBefore = loadavg()[0]!;
    const before = { adb: await adbCpu(), lab: await lab.cpuSeconds() };
    const measured = await run(adb, serials);
    const after = { adb: await adbCpu(), lab: await lab.cpuSeconds() };
    const commands = await lab.commands(0);
    const phoneCommands = commands.length;
    // BENCH_STAGING_COMMANDS=1: what phone 0 was asked, to see where the commands go.
    if (process.env.BENCH_STAGING_COMMANDS === '1')
      log(`phone 0 ran ${phoneCommands} command lines:\n  ${commands.join('\n  ')}`);
    await verifyStaged(adb, serials, work);
    return {
      run: measured,
      phoneCommands,
      adbServerCpuSeconds: after.adb - before.adb,
      labCpuSeconds: after.lab - before.lab,
      loadBefore,
    };
  } finally {
    await lab?.stop();
    await adb.stop();
  }
}

// Declarations, not const arrows: the top-level awaits above run before a const would exist.
function slowest(own: Map<string, number>): number {
  return Math.max(...own.values());
}

function mean(own: Map<string, number>): number {
  return [...own.values()].reduce((sum, ms) => sum + ms, 0) / own.size;
}

/** Sequential makespan for all N phones: measured, or scaled from the phones measured. */
function sequentialMakespan(result: SizeResult): number {
  return (result.sequential.run.makespanMs * result.devices) / result.sequentialPhones;
}

function overheadMs(result: SizeResult): number {
  return result.depotline.run.makespanMs - slowest(result.depotline.run.ownMs);
}

function pct(cpuSeconds: number, makespanMs: number): string {
  return `${((100 * cpuSeconds * 1000) / makespanMs).toFixed(0)} %`;
}

function printTable(result: SizeResult): void {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`.padStart(8);
  const cpu = (runner: number, m: Measured<unknown>) =>
    `${runner.toFixed(1)} / ${m.adbServerCpuSeconds.toFixed(1)} / ${m.labCpuSeconds.toFixed(1)}`.padStart(19);
  const { devices, depotline: d, xargs: x, sequential: q, sequentialPhones } = result;
  const extrapolated = sequentialPhones < devices;
  const seqNote = extrapolated
    ? `EXTRAPOLATED ×${devices}/${sequentialPhones} from ${s(q.run.makespanMs).trim()} measured`
    : 'measured';
  const lines = [
    `\nN = ${devices}                      makespan  slowest  commands  CPU s: runner / adb server / lab`,
    `  Depotline                  ${s(d.run.makespanMs)} ${s(slowest(d.run.ownMs))} ${String(d.phoneCommands).padStart(9)} ${cpu(d.run.cpuSeconds, d)}`,
    `  bash, xargs -P ${String(devices).padEnd(11)} ${s(x.run.makespanMs)} ${s(slowest(x.run.ownMs))} ${String(x.phoneCommands).padStart(9)} ${cpu(x.run.cpuSeconds, x)}`,
    `  bash, sequential           ${s(sequentialMakespan(result))}   (${seqNote}; ${s(mean(q.run.ownMs)).trim()} a phone)`,
    `  Depotline: overhead ${s(overheadMs(result)).trim()} = ${((100 * overheadMs(result)) / d.run.makespanMs).toFixed(2)} % of its makespan; peak RSS ${d.run.peakRssMb.toFixed(0)} MB; with start-up and discovery ${s(d.run.totalMs).trim()}`,
    `  sequential / Depotline ${(sequentialMakespan(result) / d.run.makespanMs).toFixed(2)} (goal ≥ ${(0.8 * devices).toFixed(1)}); xargs / Depotline ${(x.run.makespanMs / d.run.makespanMs).toFixed(3)} (goal ≥ 1)`,
    // The lab is one Node process for all N phones: a runner cannot finish before the lab's
    // single thread has done its share, which bounds every runner's speed-up over sequential.
    `  lab process CPU (one JS thread for all phones) / makespan: Depotline ${pct(d.labCpuSeconds, d.run.makespanMs)}, xargs ${pct(x.labCpuSeconds, x.run.makespanMs)}`,
    // Where Depotline's slowest phone spent its time, step by step (×N: started N times).
    `  Depotline's slowest phone, s per step: ${d.run.slowestSteps.map((step) => `${(step.ms / 1000).toFixed(1)}${step.attempts > 1 ? `×${step.attempts}` : ''}`).join(' ')}; steps retried in the batch: ${d.run.retriedSteps}`,
    `  load average (1 min) as each run started, on ${cpus().length} cores: Depotline ${d.loadBefore.toFixed(1)}, xargs ${x.loadBefore.toFixed(1)}, sequential ${q.loadBefore.toFixed(1)}`,
    '  ("commands": shell command lines phone 0 ran; "slowest": the slowest phone\'s own time)',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function report(all: SizeResult[]): void {
  const figures: Record<string, number> = { apk_payload_MB: work.payloadBytes / 1e6 };
  const ratios: Record<string, number> = {};
  const goals: Record<string, BenchGoal> = {};
  for (const result of all) {
    const { devices: n, depotline: d, xargs: x, sequential: q, sequentialPhones } = result;
    const p = `N=${n} `;
    const extrapolated = sequentialPhones < n;
    Object.assign(figures, {
      [`${p}depotline_makespan_ms`]: d.run.makespanMs,
      [`${p}depotline_with_startup_and_discovery_ms`]: d.run.totalMs,
      [`${p}depotline_slowest_device_own_ms`]: slowest(d.run.ownMs),
      [`${p}depotline_overhead_ms`]: overheadMs(result),
      [`${p}depotline_overhead_percent`]: (100 * overheadMs(result)) / d.run.makespanMs,
      [`${p}depotline_peak_rss_MB`]: d.run.peakRssMb,
      [`${p}depotline_cpu_s`]: d.run.cpuSeconds,
      [`${p}depotline_run_adb_server_cpu_s`]: d.adbServerCpuSeconds,
      [`${p}depotline_run_lab_cpu_s`]: d.labCpuSeconds,
      [`${p}depotline_phone0_commands`]: d.phoneCommands,
      [`${p}xargs_makespan_ms`]: x.run.makespanMs,
      [`${p}xargs_slowest_device_own_ms`]: slowest(x.run.ownMs),
      [`${p}xargs_bash_and_adb_clients_cpu_s`]: x.run.cpuSeconds,
      [`${p}xargs_run_adb_server_cpu_s`]: x.adbServerCpuSeconds,
      [`${p}xargs_run_lab_cpu_s`]: x.labCpuSeconds,
      [`${p}xargs_phone0_commands`]: x.phoneCommands,
      [`${p}load_average_before_depotline`]: d.loadBefore,
      [`${p}load_average_before_xargs`]: x.loadBefore,
      [extrapolated ? `${p}sequential_makespan_ms_EXTRAPOLATED` : `${p}sequential_makespan_ms`]:
        sequentialMakespan(result),
      [`${p}sequential_phones_measured`]: sequentialPhones,
      [`${p}sequential_measured_ms`]: q.run.makespanMs,
      [`${p}sequential_mean_per_phone_ms`]: mean(q.run.ownMs),
    });
    const vsSequential = sequentialMakespan(result) / d.run.makespanMs;
    const vsXargs = x.run.makespanMs / d.run.makespanMs;
    const overhead = overheadMs(result) / d.run.makespanMs;
    ratios[`${p}sequential_over_depotline`] = vsSequential;
    ratios[`${p}xargs_over_depotline`] = vsXargs;
    const how = extrapolated
      ? `sequential EXTRAPOLATED from ${sequentialPhones} phones`
      : 'sequential measured';
    goals[`${p}vs_sequential`] = {
      description: `≥ ${(0.8 * n).toFixed(1)}× faster than the sequential bash script (${how}): ${vsSequential.toFixed(2)}×`,
      met: vsSequential >= 0.8 * n,
    };
    goals[`${p}vs_xargs`] = {
      description: `no slower than bash with xargs -P ${n}: xargs/Depotline ${vsXargs.toFixed(3)}`,
      met: vsXargs >= 1,
    };
    goals[`${p}overhead`] = {
      description: `overhead under 5 % of the makespan: ${(100 * overhead).toFixed(2)} %`,
      met: overhead < OVERHEAD_LIMIT,
    };
  }
  const atRss = all.find((result) => result.devices === RSS_AT) ?? all.at(-1);
  if (atRss) {
    const rss = atRss.depotline.run.peakRssMb;
    const where =
      atRss.devices === RSS_AT ? `at N = ${RSS_AT}` : `at N = ${atRss.devices}; N = ${RSS_AT} was not run`;
    goals.rss = {
      description: `core RSS under ${RSS_LIMIT_MB} MB at N = ${RSS_AT} (${where}): ${rss.toFixed(0)} MB`,
      met: atRss.devices === RSS_AT && rss < RSS_LIMIT_MB,
    };
  }
  figures.bench_minutes = (performance.now() - benchStarted) / 60_000;
  printBenchResult({ bench: `staging (${options.latency} latency)`, figures, ratios, goals });
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string' },
      'sequential-sample': { type: 'string' },
      latency: { type: 'string' },
    },
  });
  const quick = process.env.BENCH_STAGING_QUICK === '1';
  const sizesText = values.sizes ?? process.env.BENCH_STAGING_SIZES ?? (quick ? '8' : '8,32,64');
  const sizes = sizesText.split(',').map((text) => Number(text.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 500))
    throw new Error(`--sizes must be whole numbers 1–500, got "${sizesText}"`);
  const sampleText =
    values['sequential-sample'] ?? process.env.BENCH_STAGING_SEQUENTIAL_SAMPLE ?? (quick ? '2' : undefined);
  const sample = sampleText === undefined || sampleText === 'all' ? undefined : Number(sampleText);
  if (sample !== undefined && !(Number.isInteger(sample) && sample >= 1))
    throw new Error(`--sequential-sample must be a whole number ≥ 1 or "all", got "${sampleText}"`);
  const latency = values.latency ?? process.env.BENCH_STAGING_LATENCY ?? 'realistic';
  if (latency !== 'realistic' && latency !== 'fast')
    throw new Error(`--latency must be realistic or fast, got "${latency}"`);
  return {
    sizes,
    // Measured in full up to 8 phones (about 5 minutes); beyond, 4 phones and extrapolated.
    sequentialSample: (devices) =>
      sampleText === 'all' ? devices : (sample ?? (devices <= 8 ? devices : 4)),
    latency,
  };
}

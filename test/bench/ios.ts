// iOS staging benchmark (issue #6): N simulated iPhones (16 by default) with the lab's realistic
// latency (USB 2 at ~35 MB/s, installs at 20 MB/s plus 2 s, 0.6 s a configuration profile,
// 0.25 s a Pair), each measurement on a fresh lab so every runner starts from factory devices:
//   - pairing: first-time pairing of every device by Depotline's own code (one host identity,
//     pairDevice per device, all at once), against N parallel `idevicepair pair`;
//   - staging with one profile (the Wi-Fi and restrictions configuration profiles and the
//     20 MB Timesheet IPA):
//       Depotline: `depotline stage --json --concurrency N --usbmuxd LAB`, a child process;
//       bash, xargs -P N: scripts/bench/ios-fleet.sh stage for every device at once: the same
//         work in the same order, both profiles with scripts/bench/ios-install-profile.py
//         (libimobiledevice 1.3.0 has no tool for them; it does what `pymobiledevice3 profile
//         install` does), then `ideviceinstaller -i`;
//       bash, sequential: the same, device after device;
//     the goals are judged against these two. For information only (no goal), one more run:
//       app only, xargs -P N: `ideviceinstaller -i` alone, what libimobiledevice's own tools
//         can do, LESS work than Depotline's profile.
// Depotline pairs every device while it discovers them, before its first job (its makespan
// runs from the first job event to the summary); the bash runs' devices are therefore paired
// (untimed, idevicepair) before their script starts, so that all makespans are staging alone.
// After every run each device is read back through the lab's control API (the app, and both
// profiles for every run but the app-only one).
//
//   npm run bench -- ios [--devices N] [--latency fast]     (about 3 minutes at N = 16)
//   BENCH_IOS_DEVICES=4 npm run bench -- ios                (quick, for development)
//   BENCH_IOS_LATENCY does as --latency.
import { rm } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { IosLatency } from '../../native/lab/ios/device/latency.ts';
import { runStageCli, type ConsoleRun } from '../../scripts/bench/console-run.ts';
import { prepareIosStagingWork } from '../../scripts/bench/ios-fixtures.ts';
import { startIosLabProcess, type RunningIosLab } from '../../scripts/bench/ios-lab-process.ts';
import { labPhases, type LabPhase } from '../../scripts/bench/ios-lab-phases.ts';
import { pairWithDepotline, type PairingRun } from '../../scripts/bench/ios-pairing.ts';
import { runIosFleet, type IosFleetAction, type IosShellRun } from '../../scripts/bench/ios-fleet-run.ts';
import { verifyIosStaged } from '../../scripts/bench/ios-verify.ts';
import { freePort } from '../helpers/ports.ts';
import { printBenchResult, type BenchGoal } from './report.ts';

/** The profile's steps, in order (scripts/bench/ios-fixtures.ts). */
const STEP_NAMES = ['Wi-Fi profile', 'restrictions profile', 'app'];

interface Options {
  devices: number;
  latency: 'realistic' | 'fast';
}

/** One run on its own lab: what it measured, plus what the lab (the devices' side) spent. */
interface Measured<T> {
  run: T;
  labCpuSeconds: number;
  /** The machine's 1-minute load average as the run started: other work on these cores skews it. */
  loadBefore: number;
  /** lockdownd sessions (StartSession, each a TLS handshake) device 0 was asked for. */
  device0Sessions: number;
  /** Upload, install and profiles as the devices logged them, mean over devices (ms). */
  labPhases: Map<LabPhase, number>;
}

const options = parseOptions();
const n = options.devices;
const log = (message: string) =>
  process.stderr.write(`[ios bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
const benchStarted = performance.now();
const work = await prepareIosStagingWork();
log(
  `profile ${work.profilePath}: 2 configuration profiles, ${work.app.bundleId} (${(work.ipaBytes / 1e6).toFixed(1)} MB); ${n} iPhones, ${options.latency} latency`,
);
const timeoutMs = 5 * 60_000 + n * 30_000;
let pairing: { depotline: Measured<PairingRun>; idevicepair: Measured<IosShellRun> };
let staging: {
  depotline: Measured<ConsoleRun>;
  xargs: Measured<IosShellRun>;
  sequential: Measured<IosShellRun>;
  /** Informational: the app alone with xargs, less work than the profile (no goal). */
  appOnly: Measured<IosShellRun>;
};
try {
  log(`pairing: Depotline (host identity, then pairDevice × ${n} at once)`);
  const depotlinePairing = await withLab({ run: (lab) => pairWithDepotline(lab.usbmuxdAddress, lab.udids) });
  log(`pairing: ${n} × idevicepair pair at once`);
  const idevicepair = await withLab({ run: (lab) => fleet(lab, 'parallel', 'pair') });
  pairing = { depotline: depotlinePairing, idevicepair };

  log(`staging: Depotline, --concurrency ${n}`);
  const adbPort = String(await freePort()); // nothing listens there: no Android phone is seen
  const depotline = await withLab({
    run: (lab) =>
      runStageCli({
        profilePath: work.profilePath,
        serials: lab.udids,
        timeoutMs,
        // --wait: stage once every device is paired and read (it returns as soon as they are).
        args: ['--usbmuxd', lab.usbmuxdAddress, '--adb', '/nonexistent-adb', '-P', adbPort, '--wait', '120'],
        env: process.env,
      }),
    verify: (lab) => verifyIosStaged(lab, lab.udids, work, { profiles: true }),
  });
  log(`staging: bash, xargs -P ${n}, 2 profiles + ideviceinstaller (devices paired first, untimed)`);
  const xargs = await withLab({
    prepare: (lab) => fleet(lab, 'parallel', 'pair'),
    run: (lab) => fleet(lab, 'parallel', 'stage'),
    verify: (lab) => verifyIosStaged(lab, lab.udids, work, { profiles: true }),
  });
  log(`staging: bash, sequential, 2 profiles + ideviceinstaller (~${Math.ceil((n * 5.5) / 60)} min)`);
  const sequential = await withLab({
    prepare: (lab) => fleet(lab, 'parallel', 'pair'),
    run: (lab) => fleet(lab, 'sequential', 'stage'),
    verify: (lab) => verifyIosStaged(lab, lab.udids, work, { profiles: true }),
  });
  log(`staging, for information: bash, xargs -P ${n} ideviceinstaller, the app only`);
  const appOnly = await withLab({
    prepare: (lab) => fleet(lab, 'parallel', 'pair'),
    run: (lab) => fleet(lab, 'parallel', 'install'),
    verify: (lab) => verifyIosStaged(lab, lab.udids, work, { profiles: false }),
  });
  staging = { depotline, xargs, sequential, appOnly };
} finally {
  await rm(work.folder, { recursive: true, force: true });
}
log(`done in ${((performance.now() - benchStarted) / 60_000).toFixed(1)} min`);
printTable();
report();

function fleet(lab: RunningIosLab, mode: 'sequential' | 'parallel', action: IosFleetAction) {
  return runIosFleet({
    mode,
    action,
    udids: lab.udids,
    usbmuxdAddress: lab.usbmuxdAddress,
    ipaPath: work.ipaPath,
    profilePaths: work.configurationProfilePaths,
    timeoutMs,
  });
}

/** A fresh lab of N iPhones for one run; `prepare` is not measured, `verify` reads the devices back. */
async function withLab<T>(steps: {
  prepare?: (lab: RunningIosLab) => Promise<unknown>;
  run: (lab: RunningIosLab) => Promise<T>;
  verify?: (lab: RunningIosLab) => Promise<void>;
}): Promise<Measured<T>> {
  const lab = await startIosLabProcess({ ios: n, latency: options.latency });
  try {
    await steps.prepare?.(lab);
    const loadBefore = loadavg()[0]!;
    const labBefore = await lab.cpuSeconds();
    const run = await steps.run(lab);
    const labCpuSeconds = (await lab.cpuSeconds()) - labBefore;
    await steps.verify?.(lab);
    const commands = await lab.commands(lab.udids[0]!);
    const device0Sessions = commands.filter((command) => command === 'lockdownd: StartSession').length;
    return { run, labCpuSeconds, loadBefore, device0Sessions, labPhases: await labPhases(lab, lab.udids) };
  } finally {
    await lab.stop();
  }
}

// Declarations, not const arrows: the top-level awaits above run before a const would exist.
function sorted(own: Map<string, number>): number[] {
  return [...own.values()].sort((a, b) => a - b);
}
function p50(own: Map<string, number>): number {
  const values = sorted(own);
  return values[Math.ceil(values.length / 2) - 1]!;
}
function slowest(own: Map<string, number>): number {
  return Math.max(...own.values());
}
function mean(own: Map<string, number>): number {
  return [...own.values()].reduce((sum, ms) => sum + ms, 0) / own.size;
}

/**
 * What the lab itself makes a device wait for this profile (two profiles, upload, install),
 * with no host-side cost at all: no staging run can be faster than this per device, so
 * sequential ÷ Depotline (the same work on both sides) can be at most the sequential makespan
 * divided by it. The upload may overlap the profiles (Depotline uploads ahead once preflight
 * passes) but the install must follow both. Without the profiles: the app-only floor.
 */
function labFloorMs(withProfiles: boolean): number {
  const latency = new IosLatency(options.latency);
  const upload = latency.ms('transfer', work.ipaBytes);
  const install = latency.ms('install', work.ipaBytes);
  return (withProfiles ? Math.max(upload, 2 * latency.ms('profile')) : upload) + install;
}

/**
 * Depotline's time per phase, mean over devices, from its progress lines. The core batches them
 * every 150 ms: each phase is that coarse, and a shorter one may be folded into the one before.
 */
function phases(run: ConsoleRun): [string, number][] {
  const sums = new Map<string, number>();
  for (const seen of run.transitions.values())
    for (let i = 1; i < seen.length; i++) {
      const from = seen[i - 1]!;
      const label =
        from.state === 'running'
          ? (STEP_NAMES[from.stepIndex] ?? `step ${from.stepIndex}`)
          : from.state === 'queued'
            ? 'queued + preflight'
            : from.state;
      sums.set(label, (sums.get(label) ?? 0) + seen[i]!.at - from.at);
    }
  return [...sums].map(([label, sum]) => [label, sum / run.transitions.size]);
}

function printTable(): void {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`.padStart(8);
  const latency = new IosLatency(options.latency);
  const deviceSide = (m: Measured<unknown>) =>
    [...m.labPhases].map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(2)} s`).join(', ');
  const { depotline: d, xargs: x, sequential: q, appOnly: a } = staging;
  const { depotline: dp, idevicepair: ip } = pairing;
  const cpu = (runner: number, m: Measured<unknown>) =>
    `${runner.toFixed(1)} / ${m.labCpuSeconds.toFixed(1)}`.padStart(11);
  const overhead = d.run.makespanMs - slowest(d.run.ownMs);
  const lines = [
    `\nPairing, N = ${n}             total      p50      max   CPU s: runner / lab`,
    `  Depotline (pairDevice)  ${s(dp.run.totalMs)} ${s(p50(dp.run.ownMs))} ${s(slowest(dp.run.ownMs))} ${cpu(dp.run.cpuSeconds, dp)}   (host identity ${s(dp.run.hostIdentityMs).trim()}, in the total)`,
    `  idevicepair pair × ${String(n).padEnd(4)} ${s(ip.run.makespanMs)} ${s(p50(ip.run.ownMs))} ${s(slowest(ip.run.ownMs))} ${cpu(ip.run.cpuSeconds, ip)}   (each makes its own host keys)`,
    `  idevicepair / Depotline ${(ip.run.makespanMs / dp.run.totalMs).toFixed(2)}`,
    `\nStaging, N = ${n}            makespan  slowest     mean  CPU s: runner / lab  sessions`,
    `  Depotline               ${s(d.run.makespanMs)} ${s(slowest(d.run.ownMs))} ${s(mean(d.run.ownMs))} ${cpu(d.run.cpuSeconds, d)} ${String(d.device0Sessions).padStart(9)}`,
    `  bash, xargs -P ${String(n).padEnd(8)} ${s(x.run.makespanMs)} ${s(slowest(x.run.ownMs))} ${s(mean(x.run.ownMs))} ${cpu(x.run.cpuSeconds, x)} ${String(x.device0Sessions).padStart(9)}`,
    `  bash, sequential        ${s(q.run.makespanMs)} ${s(slowest(q.run.ownMs))} ${s(mean(q.run.ownMs))} ${cpu(q.run.cpuSeconds, q)} ${String(q.device0Sessions).padStart(9)}`,
    `  app only, xargs -P ${String(n).padEnd(4)} ${s(a.run.makespanMs)} ${s(slowest(a.run.ownMs))} ${s(mean(a.run.ownMs))} ${cpu(a.run.cpuSeconds, a)} ${String(a.device0Sessions).padStart(9)}   (information, no goal)`,
    `  Both bash runs do Depotline's work per device, in its order: the 2 configuration profiles`,
    `  (scripts/bench/ios-install-profile.py; libimobiledevice 1.3.0 has no tool for them), then`,
    `  ideviceinstaller -i. "app only" is ideviceinstaller -i alone: less work, shown for comparison.`,
    `  Lab floor per device (its own waits, no host cost; the upload may overlap the profiles): the profile's work ${s(labFloorMs(true)).trim()}, the app alone ${s(labFloorMs(false)).trim()}`,
    labFloorMs(true) > 0
      ? `  → sequential / Depotline can be at most ${(q.run.makespanMs / labFloorMs(true)).toFixed(2)} on this run (goal ≥ ${(0.8 * n).toFixed(1)})`
      : '  (no lab waits at this latency: no bound on sequential / Depotline)',
    `  Depotline per phase (mean of devices): ${phases(d.run)
      .map(([label, ms]) => `${label} ${s(ms).trim()}`)
      .join(
        ', ',
      )}; the lab's own waits: ${s(2 * latency.ms('profile')).trim()} for both profiles, ${s(labFloorMs(false)).trim()} for the app`,
    `  As the devices logged it (mean): Depotline ${deviceSide(d)}; xargs ${deviceSide(x)}; sequential ${deviceSide(q)}; app only ${deviceSide(a)}`,
    `    (the lab's own waits: upload ${s(latency.ms('transfer', work.ipaBytes)).trim()}, install ${s(latency.ms('install', work.ipaBytes)).trim()}, profiles ${s(2 * latency.ms('profile')).trim()})`,
    `  Depotline: overhead ${s(overhead).trim()} (makespan − slowest device); peak RSS ${d.run.peakRssMb.toFixed(0)} MB; with start-up, discovery and pairing ${s(d.run.totalMs).trim()}`,
    `  sequential / Depotline ${(q.run.makespanMs / d.run.makespanMs).toFixed(2)} (goal ≥ ${(0.8 * n).toFixed(1)}); xargs / Depotline ${(x.run.makespanMs / d.run.makespanMs).toFixed(3)} (goal ≥ 1); app only / Depotline ${(a.run.makespanMs / d.run.makespanMs).toFixed(3)} (no goal)`,
    `  load average (1 min) as each run started, on ${cpus().length} cores: pairing Depotline ${dp.loadBefore.toFixed(1)}, idevicepair ${ip.loadBefore.toFixed(1)}; staging Depotline ${d.loadBefore.toFixed(1)}, xargs ${x.loadBefore.toFixed(1)}, sequential ${q.loadBefore.toFixed(1)}, app only ${a.loadBefore.toFixed(1)}`,
    '  ("slowest"/"mean": devices\' own times; "sessions": lockdownd sessions device 0 was asked for)',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function report(): void {
  const { depotline: d, xargs: x, sequential: q, appOnly: a } = staging;
  const { depotline: dp, idevicepair: ip } = pairing;
  const figures: Record<string, number> = {
    devices: n,
    ipa_MB: work.ipaBytes / 1e6,
    depotline_pairing_total_ms: dp.run.totalMs,
    depotline_pairing_host_identity_ms: dp.run.hostIdentityMs,
    depotline_pairing_p50_device_ms: p50(dp.run.ownMs),
    depotline_pairing_max_device_ms: slowest(dp.run.ownMs),
    depotline_pairing_cpu_s: dp.run.cpuSeconds,
    depotline_pairing_lab_cpu_s: dp.labCpuSeconds,
    idevicepair_total_ms: ip.run.makespanMs,
    idevicepair_p50_device_ms: p50(ip.run.ownMs),
    idevicepair_max_device_ms: slowest(ip.run.ownMs),
    idevicepair_cpu_s: ip.run.cpuSeconds,
    idevicepair_lab_cpu_s: ip.labCpuSeconds,
    depotline_makespan_ms: d.run.makespanMs,
    depotline_with_startup_discovery_pairing_ms: d.run.totalMs,
    depotline_slowest_device_own_ms: slowest(d.run.ownMs),
    depotline_mean_device_own_ms: mean(d.run.ownMs),
    depotline_overhead_ms: d.run.makespanMs - slowest(d.run.ownMs),
    depotline_peak_rss_MB: d.run.peakRssMb,
    depotline_cpu_s: d.run.cpuSeconds,
    depotline_run_lab_cpu_s: d.labCpuSeconds,
    depotline_device0_sessions: d.device0Sessions,
    ...Object.fromEntries(
      phases(d.run).map(([label, ms]) => [
        `depotline_mean_${label.replace(/\W+/g, '_').toLowerCase()}_ms`,
        ms,
      ]),
    ),
    ...Object.fromEntries(
      (
        [
          ['depotline', d],
          ['xargs', x],
          ['sequential', q],
          ['app_only_xargs', a],
        ] as const
      ).flatMap(([name, m]) =>
        [...m.labPhases].map(([phase, ms]) => [`${name}_device_logged_${phase}_ms`, ms]),
      ),
    ),
    xargs_makespan_ms: x.run.makespanMs,
    xargs_slowest_device_own_ms: slowest(x.run.ownMs),
    xargs_bash_and_tools_cpu_s: x.run.cpuSeconds,
    xargs_run_lab_cpu_s: x.labCpuSeconds,
    xargs_device0_sessions: x.device0Sessions,
    sequential_makespan_ms: q.run.makespanMs,
    sequential_mean_per_device_ms: mean(q.run.ownMs),
    sequential_bash_and_tools_cpu_s: q.run.cpuSeconds,
    sequential_run_lab_cpu_s: q.labCpuSeconds,
    sequential_device0_sessions: q.device0Sessions,
    // Informational, no goal: ideviceinstaller -i alone with xargs (less work than the profile).
    app_only_xargs_makespan_ms: a.run.makespanMs,
    app_only_xargs_slowest_device_own_ms: slowest(a.run.ownMs),
    app_only_xargs_mean_device_own_ms: mean(a.run.ownMs),
    app_only_xargs_bash_and_tools_cpu_s: a.run.cpuSeconds,
    app_only_xargs_run_lab_cpu_s: a.labCpuSeconds,
    app_only_xargs_device0_sessions: a.device0Sessions,
    app_only_xargs_over_depotline: a.run.makespanMs / d.run.makespanMs,
    lab_floor_per_device_profile_work_ms: labFloorMs(true),
    lab_floor_per_device_app_only_ms: labFloorMs(false),
    load_average_before_depotline_pairing: dp.loadBefore,
    load_average_before_idevicepair: ip.loadBefore,
    load_average_before_depotline: d.loadBefore,
    load_average_before_xargs: x.loadBefore,
    load_average_before_sequential: q.loadBefore,
    load_average_before_app_only_xargs: a.loadBefore,
    cores: cpus().length,
  };
  const vsSequential = q.run.makespanMs / d.run.makespanMs;
  const vsXargs = x.run.makespanMs / d.run.makespanMs;
  const ratios: Record<string, number> = {
    sequential_over_depotline: vsSequential,
    xargs_over_depotline: vsXargs,
    idevicepair_over_depotline_pairing: ip.run.makespanMs / dp.run.totalMs,
  };
  if (labFloorMs(true) > 0)
    ratios.sequential_over_depotline_upper_bound = q.run.makespanMs / labFloorMs(true);
  const goals: Record<string, BenchGoal> = {
    vs_sequential: {
      description: `≥ ${(0.8 * n).toFixed(1)}× faster than the sequential bash script doing the same work (2 profiles, then the app): ${vsSequential.toFixed(2)}×`,
      met: vsSequential >= 0.8 * n,
    },
    vs_xargs: {
      description: `no slower than bash with xargs -P ${n} doing the same work (2 profiles, then the app): xargs/Depotline ${vsXargs.toFixed(3)}`,
      met: vsXargs >= 1,
    },
  };
  figures.bench_minutes = (performance.now() - benchStarted) / 60_000;
  printBenchResult({ bench: `ios staging, N = ${n} (${options.latency} latency)`, figures, ratios, goals });
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: { devices: { type: 'string' }, latency: { type: 'string' } },
  });
  const devicesText = values.devices ?? process.env.BENCH_IOS_DEVICES ?? '16';
  const devices = Number(devicesText);
  if (!Number.isInteger(devices) || devices < 1 || devices > 200)
    throw new Error(`--devices must be a whole number 1–200, got "${devicesText}"`);
  const latency = values.latency ?? process.env.BENCH_IOS_LATENCY ?? 'realistic';
  if (latency !== 'realistic' && latency !== 'fast')
    throw new Error(`--latency must be realistic or fast, got "${latency}"`);
  return { devices, latency };
}

// Lab CPU benchmark: what the simulated phones cost the lab process per phone staged. The
// lab plays every phone in one Node process; real phones do their own work on their own CPUs,
// so the lab's CPU per phone is an artefact of the simulation that bounds how fast any runner
// can stage N phones (issue #4). CPU seconds, unlike wall times, hardly move with the load
// other work puts on the machine, so this figure is comparable between runs on shared cores.
//
// For each runner it starts a fresh `depotline lab` of N phones (a child process, as in the
// staging benchmark) on a private adb server, stages every phone with the staging benchmark's
// work (3 APKs of 5, 12 and 30 MiB, 5 settings, a grant, a reboot), reads the phones back, and
// prints the lab's CPU (user + system, from /proc) used during staging, per phone.
//   - bash: scripts/bench/stage-device.sh for every phone at once (adb install, adb shell …)
//   - depotline: `depotline stage --concurrency N` (cmd package install -S, dumpsys, getprop …)
//
//   npm run bench -- lab-cpu [--devices 8] [--runners bash,depotline] [--latency realistic|fast]
//                            [--cpu-prof DIR]     (the lab writes a .cpuprofile there when it stops)
import { readdir, readFile, rm } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runConsole } from '../../scripts/bench/console-run.ts';
import { freePortRange, startLabProcess, type RunningLab } from '../../scripts/bench/lab-process.ts';
import { adbServerPid, sampleProcess } from '../../scripts/bench/proc.ts';
import { runShellBaseline } from '../../scripts/bench/shell-run.ts';
import { prepareStagingWork } from '../../scripts/bench/staging-fixtures.ts';
import { verifyStaged } from '../../scripts/bench/verify-staged.ts';
import { AdbFixture } from '../conformance/support/adb-fixture.ts';
import { printBenchResult, type BenchGoal } from './report.ts';

type Runner = 'bash' | 'depotline';
/** The lab CPU per phone that leaves room for the 0.8·N speed-up at N = 64 on two cores. */
const GOAL_CPU_SECONDS_PER_PHONE = 0.2;

const { values } = parseArgs({
  options: {
    devices: { type: 'string', default: process.env.BENCH_LAB_CPU_DEVICES ?? '8' },
    runners: { type: 'string', default: 'bash,depotline' },
    latency: { type: 'string', default: 'realistic' },
    'cpu-prof': { type: 'string' },
  },
});
const devices = Number(values.devices);
const runners = values.runners
  .split(',')
  .filter((name): name is Runner => name === 'bash' || name === 'depotline');
const latency = values.latency === 'fast' ? 'fast' : 'realistic';
const profileDir = values['cpu-prof'] === undefined ? undefined : resolve(values['cpu-prof']);
if (!Number.isInteger(devices) || devices < 1 || runners.length === 0)
  throw new Error('usage: lab-cpu [--devices N] [--runners bash,depotline] [--latency realistic|fast]');

interface RunCpu {
  runner: Runner;
  labCpuSeconds: number;
  /** The lab's CPU by thread name (main thread, V8 GC helpers, libuv pool), user and system. */
  labThreads: Map<string, { user: number; system: number }>;
  adbServerCpuSeconds: number;
  wallMs: number;
  /** Shell command lines phone 0 ran: the same work should cost the same. */
  phoneCommands: number;
}

const log = (message: string) => process.stderr.write(`[lab-cpu] ${message}\n`);
const work = await prepareStagingWork();
const results: RunCpu[] = [];
try {
  for (const runner of runners) {
    log(
      `${runner}: ${devices} phones, ${latency} latency, load ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`,
    );
    const result = await measure(runner);
    results.push(result);
    log(
      `${runner}: lab ${result.labCpuSeconds.toFixed(2)} s CPU = ${(result.labCpuSeconds / devices).toFixed(3)} s a phone; adb server ${result.adbServerCpuSeconds.toFixed(2)} s; ${(result.wallMs / 1000).toFixed(1)} s wall`,
    );
    for (const [name, cpu] of result.labThreads)
      log(`  lab thread ${name.padEnd(16)} user ${cpu.user.toFixed(2)} s, system ${cpu.system.toFixed(2)} s`);
  }
} finally {
  await rm(work.folder, { recursive: true, force: true });
}

const figures: Record<string, number> = { devices, apk_payload_MB: work.payloadBytes / 1e6 };
const goals: Record<string, BenchGoal> = {};
for (const result of results) {
  const perPhone = result.labCpuSeconds / devices;
  figures[`${result.runner}_lab_cpu_s_per_phone`] = perPhone;
  figures[`${result.runner}_lab_cpu_s`] = result.labCpuSeconds;
  figures[`${result.runner}_adb_server_cpu_s`] = result.adbServerCpuSeconds;
  figures[`${result.runner}_wall_s`] = result.wallMs / 1000;
  figures[`${result.runner}_phone0_commands`] = result.phoneCommands;
  goals[`${result.runner}_lab_cpu`] = {
    description: `lab CPU ≤ ${GOAL_CPU_SECONDS_PER_PHONE} s per phone staged (${result.runner})`,
    met: perPhone <= GOAL_CPU_SECONDS_PER_PHONE,
  };
}
printBenchResult({ bench: 'lab-cpu', figures, ratios: {}, goals });

async function measure(runner: Runner): Promise<RunCpu> {
  const adb = await AdbFixture.start();
  let lab: RunningLab | undefined;
  try {
    // Only the lab is profiled: its env is the fixture's plus NODE_OPTIONS (adb ignores it).
    const labAdb: AdbFixture =
      profileDir === undefined
        ? adb
        : Object.assign(Object.create(adb) as AdbFixture, {
            env: { ...adb.env, NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}` },
          });
    const portBase = await freePortRange(devices);
    lab = await startLabProcess(labAdb, { android: devices, portBase, latency });
    const serials = lab.devices.map((device) => device.adbSerial);
    const serverPid = await adbServerPid(adb.port);
    const adbCpu = async () =>
      serverPid === undefined ? Number.NaN : ((await sampleProcess(serverPid))?.cpuSeconds ?? Number.NaN);
    const pid = await labPid(portBase);
    const before = {
      lab: await lab.cpuSeconds(),
      adb: await adbCpu(),
      at: performance.now(),
      threads: await threadCpu(pid),
    };
    const timeoutMs = 10 * 60_000;
    if (runner === 'bash')
      await runShellBaseline(adb, { mode: 'parallel', serials, env: work.bashEnv, timeoutMs });
    else await runConsole(adb, { profilePath: work.profilePath, serials, timeoutMs });
    const after = {
      lab: await lab.cpuSeconds(),
      adb: await adbCpu(),
      at: performance.now(),
      threads: await threadCpu(pid),
    };
    const phoneCommands = (await lab.commands(0)).length;
    await verifyStaged(adb, serials, work);
    return {
      runner,
      labCpuSeconds: after.lab - before.lab,
      labThreads: new Map(
        [...after.threads].map(([name, cpu]) => {
          const was = before.threads.get(name) ?? { user: 0, system: 0 };
          return [name, { user: cpu.user - was.user, system: cpu.system - was.system }];
        }),
      ),
      adbServerCpuSeconds: after.adb - before.adb,
      wallMs: after.at - before.at,
      phoneCommands,
    };
  } finally {
    await lab?.stop();
    await adb.stop();
  }
}

/** The `depotline lab` started with --port-base `port` (RunningLab does not say its pid). */
async function labPid(port: number): Promise<number> {
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const args = (await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')).split('\0');
    const at = args.indexOf('--port-base');
    if (args.includes('lab') && at >= 0 && args[at + 1] === String(port)) return Number(entry);
  }
  throw new Error(`no lab process listening from port ${port}`);
}

/** CPU seconds (user, system) per thread name, summed over threads of the same name. */
async function threadCpu(pid: number): Promise<Map<string, { user: number; system: number }>> {
  const byName = new Map<string, { user: number; system: number }>();
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => []);
  for (const tid of tasks) {
    const stat = await readFile(`/proc/${pid}/task/${tid}/stat`, 'utf8').catch(() => '');
    if (stat === '') continue;
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/\d+$/, '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const sum = byName.get(name) ?? { user: 0, system: 0 };
    sum.user += Number(fields[11]) / 100; // utime, in USER_HZ ticks
    sum.system += Number(fields[12]) / 100;
    byName.set(name, sum);
  }
  return byName;
}

// Lab CPU benchmark: what the simulated phones cost the lab process per phone staged. The
// lab plays every phone in one Node process; real phones do their own work on their own CPUs,
// so the lab's CPU per phone is an artefact of the simulation that bounds how fast any runner
// can stage N phones (issue #4). CPU seconds, unlike wall times, hardly move with the load
// other work puts on the machine, so this figure is comparable between runs on shared cores.
//
// For each runner it starts a fresh lab of N phones in a child process (this file with
// --lab-process: the LabController that `depotline lab` runs, without the CLI around it) on a
// private adb server, stages every phone with the staging benchmark's work (3 APKs of 5, 12
// and 30 MiB, 5 settings, a grant, a reboot), reads the phones back, and prints the lab's CPU
// (user + system of all its threads, from /proc) used during staging, per phone.
//   - bash: scripts/bench/stage-device.sh for every phone at once (adb install, adb shell …)
//   - depotline: `depotline stage --concurrency N` (cmd package install -S, dumpsys, getprop …)
// The lab inspects each distinct APK once (see native/lab/adb/device/packages/apk-inspections.ts),
// a fixed cost that N phones share: per phone it shrinks as N grows.
//
//   npm run bench -- lab-cpu [--devices 8] [--runners bash,depotline] [--latency realistic|fast]
//                            [--cpu-prof DIR]     (the lab writes a .cpuprofile there when it stops)
import { fork, type ChildProcess } from 'node:child_process';
import { readdir, readFile, rm } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LabController } from '../../native/lab/adb/lab/lab-controller.ts';
import { runConsole } from '../../scripts/bench/console-run.ts';
import { freePortRange } from '../../scripts/bench/lab-process.ts';
import { adbServerPid, sampleProcess } from '../../scripts/bench/proc.ts';
import { runShellBaseline } from '../../scripts/bench/shell-run.ts';
import { prepareStagingWork, type StagingWork } from '../../scripts/bench/staging-fixtures.ts';
import { verifyStaged } from '../../scripts/bench/verify-staged.ts';
import { AdbFixture } from '../conformance/support/adb-fixture.ts';
import { printBenchResult, type BenchGoal } from './report.ts';

type Runner = 'bash' | 'depotline';
type Latency = 'realistic' | 'fast';
type LabMessage = { type: 'ready'; serials: string[] } | { type: 'commands'; count: number };
type ThreadCpu = Map<string, { user: number; system: number }>;

/** The lab CPU per phone that leaves room for the 0.8·N speed-up at N = 64 on two cores. */
const GOAL_CPU_SECONDS_PER_PHONE = 0.2;

interface Options {
  devices: number;
  runners: Runner[];
  latency: Latency;
  profileDir: string | undefined;
}

interface RunCpu {
  runner: Runner;
  labCpuSeconds: number;
  /** VmHWM of the lab process at the end of the run (start-up included). */
  labPeakRssMb: number;
  /** The lab's CPU by thread name (main thread, V8 GC helpers, libuv pool), user and system. */
  labThreads: ThreadCpu;
  adbServerCpuSeconds: number;
  wallMs: number;
  /** Shell command lines phone 0 ran: the same work should cost the same. */
  phoneCommands: number;
}

if (process.argv[2] === '--lab-process') await labProcess(process.argv.slice(3));
else await driver(parseOptions());

/** The child: a lab of N phones announced to the driver's adb server, until told to stop. */
async function labProcess([android, adbPort, portBase, latency]: string[]): Promise<void> {
  const lab = await LabController.start({
    android: Number(android),
    seed: 'depotline', // `depotline lab`'s default: the staging benchmark's phones
    portBase: Number(portBase),
    latency: latency === 'fast' ? 'fast' : 'realistic',
    adb: AdbFixture.attach(Number(adbPort)).client(),
    rediscoverMs: 0,
  });
  const send = (message: LabMessage) => process.send?.(message);
  send({ type: 'ready', serials: lab.list().map((device) => device.adbSerial) });
  process.on('message', (message) => {
    if (message === 'commands') send({ type: 'commands', count: lab.commands('0')?.length ?? 0 });
    // Exiting (not just disconnecting) is what makes --cpu-prof write its profile.
    else void lab.stop().then(() => process.exit(0));
  });
}

async function driver(options: Options): Promise<void> {
  const log = (message: string) => process.stderr.write(`[lab-cpu] ${message}\n`);
  const work = await prepareStagingWork();
  const results: RunCpu[] = [];
  try {
    for (const runner of options.runners) {
      log(
        `${runner}: ${options.devices} phones, ${options.latency} latency, load ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`,
      );
      const result = await measure(runner, options, work);
      results.push(result);
      const perPhone = result.labCpuSeconds / options.devices;
      log(
        `${runner}: lab ${result.labCpuSeconds.toFixed(2)} s CPU = ${perPhone.toFixed(3)} s a phone; peak RSS ${result.labPeakRssMb.toFixed(0)} MB; adb server ${result.adbServerCpuSeconds.toFixed(2)} s; ${(result.wallMs / 1000).toFixed(1)} s wall`,
      );
      for (const [name, cpu] of result.labThreads)
        if (cpu.user + cpu.system > 0)
          log(
            `  lab thread ${name.padEnd(16)} user ${cpu.user.toFixed(2)} s, system ${cpu.system.toFixed(2)} s`,
          );
    }
  } finally {
    await rm(work.folder, { recursive: true, force: true });
  }
  const figures: Record<string, number> = {
    devices: options.devices,
    apk_payload_MB: work.payloadBytes / 1e6,
  };
  const goals: Record<string, BenchGoal> = {};
  for (const result of results) {
    const perPhone = result.labCpuSeconds / options.devices;
    figures[`${result.runner}_lab_cpu_s_per_phone`] = perPhone;
    figures[`${result.runner}_lab_cpu_s`] = result.labCpuSeconds;
    figures[`${result.runner}_lab_peak_rss_MB`] = result.labPeakRssMb;
    figures[`${result.runner}_adb_server_cpu_s`] = result.adbServerCpuSeconds;
    figures[`${result.runner}_wall_s`] = result.wallMs / 1000;
    figures[`${result.runner}_phone0_commands`] = result.phoneCommands;
    goals[`${result.runner}_lab_cpu`] = {
      description: `lab CPU ≤ ${GOAL_CPU_SECONDS_PER_PHONE} s per phone staged (${result.runner})`,
      met: perPhone <= GOAL_CPU_SECONDS_PER_PHONE,
    };
  }
  printBenchResult({ bench: 'lab-cpu', figures, ratios: {}, goals });
}

async function measure(runner: Runner, options: Options, work: StagingWork): Promise<RunCpu> {
  const adb = await AdbFixture.start();
  let child: ChildProcess | undefined;
  try {
    const portBase = await freePortRange(options.devices);
    const args = [String(options.devices), String(adb.port), String(portBase), options.latency];
    child = fork(import.meta.filename, ['--lab-process', ...args], {
      env: adb.env,
      execArgv: [
        ...process.execArgv,
        ...(options.profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`]),
      ],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const lab = child;
    const next = <T extends LabMessage['type']>(type: T) =>
      new Promise<Extract<LabMessage, { type: T }>>((resolvePromise, reject) => {
        const onMessage = (message: LabMessage) => {
          if (message.type !== type) return;
          lab.off('message', onMessage);
          resolvePromise(message as Extract<LabMessage, { type: T }>);
        };
        lab.on('message', onMessage);
        lab.once('exit', (code) => reject(new Error(`the lab process exited with ${code}`)));
      });
    const { serials } = await next('ready');
    await adb.waitForStates(serials, 'device', 60_000);
    const serverPid = await adbServerPid(adb.port);
    const sample = async () => ({
      lab: (await sampleProcess(lab.pid ?? 0))?.cpuSeconds ?? Number.NaN,
      rss: (await sampleProcess(lab.pid ?? 0))?.peakRssMb ?? Number.NaN,
      adb:
        serverPid === undefined ? Number.NaN : ((await sampleProcess(serverPid))?.cpuSeconds ?? Number.NaN),
      threads: await threadCpu(lab.pid ?? 0),
      at: performance.now(),
    });
    const before = await sample();
    const timeoutMs = 10 * 60_000;
    if (runner === 'bash')
      await runShellBaseline(adb, { mode: 'parallel', serials, env: work.bashEnv, timeoutMs });
    else await runConsole(adb, { profilePath: work.profilePath, serials, timeoutMs });
    const after = await sample();
    lab.send('commands');
    const { count: phoneCommands } = await next('commands');
    await verifyStaged(adb, serials, work);
    return {
      runner,
      labCpuSeconds: after.lab - before.lab,
      labPeakRssMb: after.rss,
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
    if (child !== undefined && child.exitCode === null) {
      const exited = new Promise((resolvePromise) => child?.once('exit', resolvePromise));
      child.send('stop');
      const kill = setTimeout(() => child?.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(kill);
    }
    await adb.stop();
  }
}

/** CPU seconds (user, system) per thread name, summed over threads of the same name. */
async function threadCpu(pid: number): Promise<ThreadCpu> {
  const byName: ThreadCpu = new Map();
  for (const tid of await readdir(`/proc/${pid}/task`).catch(() => [])) {
    const stat = await readFile(`/proc/${pid}/task/${tid}/stat`, 'utf8').catch(() => '');
    if (stat === '') continue;
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/\d+$/, '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const sum = byName.get(name) ?? { user: 0, system: 0 };
    sum.user += Number(fields[11]) / 100; // utime and stime, in USER_HZ ticks
    sum.system += Number(fields[12]) / 100;
    byName.set(name, sum);
  }
  return byName;
}

function parseOptions(): Options {
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
  if (!Number.isInteger(devices) || devices < 1 || runners.length === 0)
    throw new Error('usage: lab-cpu [--devices N] [--runners bash,depotline] [--latency realistic|fast]');
  return {
    devices,
    runners,
    latency: values.latency === 'fast' ? 'fast' : 'realistic',
    profileDir: values['cpu-prof'] === undefined ? undefined : resolve(values['cpu-prof']),
  };
}

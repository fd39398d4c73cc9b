// Lab benchmark: 50 virtual phones in one lab process, driven through a real adb server of
// this benchmark's own. Measures, in this order: launch to all 50 listed as `device` by
// adb; 50 parallel `adb shell getprop` (and adbkit getProperties); one 50 MB push with the
// adb binary (the ratios' baseline, measured in this run) and the same with adbkit; the
// aggregate throughput of 50 parallel 5 MB `adb push`es (whose 250 MB the lab keeps, as a
// phone keeps a pushed file); and the lab process's peak RSS after each stage.
//
// The lab runs in a child process (this file with --lab-process) so its RSS is its own,
// not the driver's test data and adbkit.
//
//   node test/bench/lab.ts            (BENCH_LAB_DEVICES=N to change the device count)
import type * as AdbkitModule from '@devicefarmer/adbkit';
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdbFixture, startLab } from '../conformance/support/adb-fixture.ts';
import { printBenchResult } from './report.ts';

const MB = 1024 * 1024;
const PUSH_MB = 5;
const BIG_MB = 50;

type LabMessage =
  | { type: 'ready'; serials: string[]; phoneSerials: string[] }
  | { type: 'rss'; maxRssMb: number }
  | { type: 'stopped'; maxRssMb: number };

if (process.argv[2] === '--lab-process') await labProcess(Number(process.argv[3]), Number(process.argv[4]));
else await driver(Number(process.env.BENCH_LAB_DEVICES ?? 50));

/** The child: starts the lab, reports its devices, stops on 'stop' and reports its peak RSS. */
async function labProcess(devices: number, adbPort: number): Promise<void> {
  const adb = AdbFixture.attach(adbPort);
  const { lab, serials } = await startLab(adb, { android: devices, log: () => undefined });
  process.send?.({
    type: 'ready',
    serials,
    phoneSerials: lab.list().map((device) => device.serial),
  } satisfies LabMessage);
  const peakRssMb = () => process.resourceUsage().maxRSS / 1024;
  await new Promise<void>((resolve) => {
    process.on('message', (message) => {
      if (message === 'rss') process.send?.({ type: 'rss', maxRssMb: peakRssMb() } satisfies LabMessage);
      else resolve();
    });
  });
  await lab.stop();
  process.send?.({ type: 'stopped', maxRssMb: process.resourceUsage().maxRSS / 1024 } satisfies LabMessage);
  process.disconnect();
}

async function driver(devices: number): Promise<void> {
  const adb = await AdbFixture.start();
  const dir = await mkdtemp(join(tmpdir(), 'depotline-bench-lab-'));
  const launched = performance.now();
  const child = fork(import.meta.filename, ['--lab-process', String(devices), String(adb.port)], {
    env: adb.env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const messages: LabMessage[] = [];
  const waiters: (() => void)[] = [];
  child.on('message', (message: LabMessage) => {
    messages.push(message);
    for (const wake of waiters.splice(0)) wake();
  });
  const peakRss = async () => {
    child.send('rss');
    return (await nextMessage('rss')).maxRssMb;
  };
  const nextMessage = async <T extends LabMessage['type']>(
    type: T,
  ): Promise<Extract<LabMessage, { type: T }>> => {
    for (;;) {
      const index = messages.findIndex((message) => message.type === type);
      if (index >= 0) return messages.splice(index, 1)[0] as Extract<LabMessage, { type: T }>;
      if (child.exitCode !== null) throw new Error(`lab process exited with ${child.exitCode}`);
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  try {
    const { serials, phoneSerials } = await nextMessage('ready');
    const readyMs = performance.now() - launched;
    await adb.waitForStates(serials, 'device', 30_000);
    const allDeviceMs = performance.now() - launched;
    const rssIdleMb = await peakRss();

    const [getprops, getpropMs] = await timed(() =>
      Promise.all(serials.map((serial) => adb.run(['-s', serial, 'shell', 'getprop', 'ro.serialno']))),
    );
    if (getprops.some((result, i) => result.stdout.trim() !== phoneSerials[i]))
      throw new Error('a getprop answered wrongly');
    const { Adb } = createRequire(import.meta.url)('@devicefarmer/adbkit') as typeof AdbkitModule;
    const client = Adb.createClient({ port: adb.port });
    const [, adbkitPropsMs] = await timed(() =>
      Promise.all(serials.map((serial) => client.getDevice(serial).getProperties())),
    );

    const big = join(dir, 'fifty.bin');
    await writeFile(big, randomBytes(BIG_MB * MB));
    const target = serials[0] ?? '';
    const [adbBig, adbBigMs] = await timed(() =>
      adb.run(['-s', target, 'push', big, '/sdcard/Download/fifty.bin'], { timeoutMs: 120_000 }),
    );
    if (adbBig.code !== 0) throw new Error(`adb push failed: ${adbBig.stderr}`);
    await adb.run(['-s', target, 'shell', 'rm', '/sdcard/Download/fifty.bin']);
    const [, adbkitBigMs] = await timed(async () => {
      const transfer = await client.getDevice(target).push(big, '/sdcard/Download/fifty-kit.bin');
      await new Promise<void>((resolve, reject) => {
        transfer.on('end', resolve);
        transfer.on('error', reject);
      });
    });
    await adb.run(['-s', target, 'shell', 'rm', '/sdcard/Download/fifty-kit.bin']);
    const rssAfterBigMb = await peakRss();

    const small = join(dir, 'five.bin');
    await writeFile(small, randomBytes(PUSH_MB * MB));
    const [pushes, pushAllMs] = await timed(() =>
      Promise.all(
        serials.map((serial) =>
          adb.run(['-s', serial, 'push', small, '/sdcard/Download/five.bin'], { timeoutMs: 120_000 }),
        ),
      ),
    );
    const failed = pushes.find((result) => result.code !== 0);
    if (failed) throw new Error(`a push failed: ${failed.stdout}${failed.stderr}`);
    const aggregateMBps = (devices * PUSH_MB) / (pushAllMs / 1000);

    child.send('stop');
    const { maxRssMb } = await nextMessage('stopped');
    const adbBigMBps = BIG_MB / (adbBigMs / 1000);
    const adbkitBigMBps = BIG_MB / (adbkitBigMs / 1000);
    printBenchResult({
      bench: 'lab',
      figures: {
        devices,
        launch_to_lab_ready_ms: readyMs,
        launch_to_all_device_ms: allDeviceMs,
        parallel_getprop_adb_ms: getpropMs,
        parallel_getproperties_adbkit_ms: adbkitPropsMs,
        parallel_push_total_MB: devices * PUSH_MB,
        parallel_push_ms: pushAllMs,
        parallel_push_aggregate_MBps: aggregateMBps,
        push_50MB_adb_MBps: adbBigMBps,
        push_50MB_adbkit_MBps: adbkitBigMBps,
        lab_peak_rss_idle_MB: rssIdleMb,
        lab_peak_rss_after_50MB_pushes_MB: rssAfterBigMb,
        lab_peak_rss_MB: maxRssMb,
      },
      ratios: {
        adbkit_vs_adb_push_throughput: adbkitBigMBps / adbBigMBps,
        parallel_vs_single_push_throughput: aggregateMBps / adbBigMBps,
        getprop_adb_vs_adbkit_time: getpropMs / adbkitPropsMs,
      },
      goals: {
        online: {
          description: `all ${devices} devices listed as device within 5 s of launching the lab`,
          met: allDeviceMs < 5000,
        },
        push: { description: '≥ 90 MB/s aggregate over parallel adb pushes', met: aggregateMBps >= 90 },
        rss: {
          description: 'lab process peak RSS under 400 MB (it holds the 250 MB pushed in parallel)',
          met: maxRssMb < 400,
        },
      },
    });
  } finally {
    if (child.exitCode === null) child.kill();
    await adb.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await work();
  return [value, performance.now() - start];
}

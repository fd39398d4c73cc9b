// One run of the bash baseline (scripts/bench/stage-fleet.sh): sequential or with xargs -P.
// The makespan is the wall time of the whole script; each phone's own time comes from the
// START/END milliseconds stage-device.sh prints for it, its CPU from bash's `times`.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { ADB, type AdbFixture } from '../../test/conformance/support/adb-fixture.ts';

const FLEET = resolve(import.meta.dirname, 'stage-fleet.sh');

export interface ShellRun {
  makespanMs: number;
  /** Per serial: the script's own END − START. */
  ownMs: Map<string, number>;
  /** CPU of bash, xargs and every adb client it ran (user + system). */
  cpuSeconds: number;
}

export async function runShellBaseline(
  adb: AdbFixture,
  options: {
    mode: 'sequential' | 'parallel';
    serials: string[];
    env: Record<string, string>;
    timeoutMs: number;
  },
): Promise<ShellRun> {
  const started = performance.now();
  const child = spawn(FLEET, [options.mode, ...options.serials], {
    env: { ...adb.env, ...options.env, ADB },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-20_000)));
  const timeout = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
  const exitCode = await new Promise<number | null>((resolvePromise) =>
    child.once('exit', (code) => resolvePromise(code)),
  );
  const makespanMs = performance.now() - started;
  clearTimeout(timeout);

  const ownMs = new Map<string, number>();
  const failures: string[] = [];
  for (const line of stdout.split('\n')) {
    const [tag, serial, outcome, start, end, ...what] = line.trim().split(' ');
    if (tag !== 'stage-device' || serial === undefined) continue;
    if (outcome === 'ok') ownMs.set(serial, Number(end) - Number(start));
    else failures.push(`${serial}: ${what.join(' ')}`);
  }
  if (exitCode !== 0 || ownMs.size !== options.serials.length) {
    throw new Error(
      `stage-fleet.sh ${options.mode} (exit ${exitCode}) staged ${ownMs.size} of ${options.serials.length}: ${failures.join('; ')}\n${stderr}`,
    );
  }
  return { makespanMs, ownMs, cpuSeconds: childrenCpuSeconds(stdout) };
}

/** The second line after "stage-fleet-times" is `times` for the shell's children: "0m1.234s 0m0.567s". */
function childrenCpuSeconds(stdout: string): number {
  const lines = stdout.split('\n');
  const at = lines.indexOf('stage-fleet-times');
  if (at < 0) return Number.NaN;
  const children = lines[at + 2] ?? '';
  const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  return seconds.reduce((sum, s) => sum + s, 0);
}

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
  return runFleetScript({
    script: FLEET,
    args: [options.mode, ...options.serials],
    env: { ...adb.env, ...options.env, ADB },
    ids: options.serials,
    timeoutMs: options.timeoutMs,
  });
}

/**
 * Runs a fleet script that prints "stage-device ID ok|failed START END …" per device and
 * "stage-fleet-times" followed by bash's `times`; shared by the Android and iOS baselines.
 */
export async function runFleetScript(options: {
  script: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Every device the script must report as ok. */
  ids: string[];
  timeoutMs: number;
}): Promise<ShellRun> {
  const started = performance.now();
  const child = spawn(options.script, options.args, { env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
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
    const [tag, id, outcome, start, end, ...what] = line.trim().split(' ');
    if (tag !== 'stage-device' || id === undefined) continue;
    if (outcome === 'ok') ownMs.set(id, Number(end) - Number(start));
    else failures.push(`${id}: ${what.join(' ').slice(-300)}`);
  }
  if (exitCode !== 0 || ownMs.size !== options.ids.length) {
    throw new Error(
      `${options.script} ${options.args.slice(0, 2).join(' ')} (exit ${exitCode}) succeeded on ${ownMs.size} of ${options.ids.length}: ${failures.join('; ')}\n${stderr}`,
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

// One run of the iOS bash baseline (scripts/bench/ios-fleet.sh): ideviceinstaller or
// idevicepair for every device, sequential or with xargs -P. The makespan is the wall time of
// the whole script; each device's own time comes from the START/END milliseconds the script
// prints for it, the CPU of bash, xargs and the tools from bash's `times`.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const FLEET = resolve(import.meta.dirname, 'ios-fleet.sh');

export interface IosShellRun {
  makespanMs: number;
  /** Per UDID: the script's own END − START. */
  ownMs: Map<string, number>;
  /** CPU of bash, xargs and every tool it ran (user + system). */
  cpuSeconds: number;
}

export async function runIosFleet(options: {
  mode: 'sequential' | 'parallel';
  action: 'install' | 'pair';
  udids: string[];
  usbmuxdAddress: string;
  ipaPath?: string;
  timeoutMs: number;
}): Promise<IosShellRun> {
  const started = performance.now();
  const child = spawn(FLEET, [options.mode, options.action, ...options.udids], {
    env: {
      ...process.env,
      USBMUXD_SOCKET_ADDRESS: options.usbmuxdAddress,
      ...(options.ipaPath ? { STAGE_IPA: options.ipaPath } : {}),
    },
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
    const [tag, udid, outcome, start, end, ...what] = line.trim().split(' ');
    if (tag !== 'stage-device' || udid === undefined) continue;
    if (outcome === 'ok') ownMs.set(udid, Number(end) - Number(start));
    else failures.push(`${udid}: ${what.join(' ').slice(-300)}`);
  }
  if (exitCode !== 0 || ownMs.size !== options.udids.length) {
    throw new Error(
      `ios-fleet.sh ${options.mode} ${options.action} (exit ${exitCode}) succeeded on ${ownMs.size} of ${options.udids.length}: ${failures.join('; ')}\n${stderr}`,
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

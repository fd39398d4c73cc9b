// What Linux's /proc says about a process the benchmark watches: its peak resident set and
// the CPU time it has used, so a run's cost can be split between the process being measured,
// the adb server and the lab that plays the phones (all share the same cores).
import { readdir, readFile } from 'node:fs/promises';

const CLOCK_TICKS_PER_SECOND = 100; // Linux USER_HZ

export interface ProcSample {
  /** VmHWM: the peak resident set so far, in MB. */
  peakRssMb: number;
  /** User + system CPU time so far, in seconds (threads included, waited-for children not). */
  cpuSeconds: number;
}

/** undefined once the process is gone. */
export async function sampleProcess(pid: number): Promise<ProcSample | undefined> {
  try {
    const [status, stat] = await Promise.all([
      readFile(`/proc/${pid}/status`, 'utf8'),
      readFile(`/proc/${pid}/stat`, 'utf8'),
    ]);
    const hwmKb = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
    // Fields after the parenthesised command name start at field 3 (state); utime is 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      peakRssMb: hwmKb / 1024,
      cpuSeconds: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND,
    };
  } catch {
    return undefined;
  }
}

/** The adb server listening on `port` (`adb -L tcp:PORT fork-server server`), found by its command line. */
export async function adbServerPid(port: number): Promise<number | undefined> {
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    const args = cmdline.split('\0');
    if (args.includes('fork-server') && args.includes(`tcp:${port}`)) return Number(entry);
  }
  return undefined;
}

// One run of the iOS bash baseline (scripts/bench/ios-fleet.sh): for every device, sequential
// or with xargs -P, the whole staging profile (stage: configuration profiles, then the app),
// the app alone (install) or a first pairing (pair). The makespan is the wall time of
// the whole script; each device's own time comes from the START/END milliseconds the script
// prints for it, the CPU of bash, xargs and the tools from bash's `times`.
import { resolve } from 'node:path';
import { runFleetScript, type ShellRun } from './shell-run.ts';

const FLEET = resolve(import.meta.dirname, 'ios-fleet.sh');

export type IosShellRun = ShellRun;
export type IosFleetAction = 'stage' | 'install' | 'pair';

export function runIosFleet(options: {
  mode: 'sequential' | 'parallel';
  action: IosFleetAction;
  udids: string[];
  usbmuxdAddress: string;
  ipaPath?: string;
  /** The .mobileconfig files `stage` installs, in order (STAGE_PROFILES). */
  profilePaths?: string[];
  timeoutMs: number;
}): Promise<IosShellRun> {
  if (options.profilePaths?.some((path) => path.includes(':')))
    throw new Error(
      `STAGE_PROFILES is colon-separated: no path may hold a colon (${options.profilePaths.join(', ')})`,
    );
  return runFleetScript({
    script: FLEET,
    args: [options.mode, options.action, ...options.udids],
    env: {
      ...process.env,
      USBMUXD_SOCKET_ADDRESS: options.usbmuxdAddress,
      ...(options.ipaPath ? { STAGE_IPA: options.ipaPath } : {}),
      // Colon-separated, as ios-fleet.sh splits it.
      ...(options.profilePaths ? { STAGE_PROFILES: options.profilePaths.join(':') } : {}),
    },
    ids: options.udids,
    timeoutMs: options.timeoutMs,
  });
}

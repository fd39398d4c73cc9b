// One run of the iOS bash baseline (scripts/bench/ios-fleet.sh): ideviceinstaller or
// idevicepair for every device, sequential or with xargs -P. The makespan is the wall time of
// the whole script; each device's own time comes from the START/END milliseconds the script
// prints for it, the CPU of bash, xargs and the tools from bash's `times`.
import { resolve } from 'node:path';
import { runFleetScript, type ShellRun } from './shell-run.ts';

const FLEET = resolve(import.meta.dirname, 'ios-fleet.sh');

export type IosShellRun = ShellRun;

export function runIosFleet(options: {
  mode: 'sequential' | 'parallel';
  action: 'install' | 'pair';
  udids: string[];
  usbmuxdAddress: string;
  ipaPath?: string;
  timeoutMs: number;
}): Promise<IosShellRun> {
  return runFleetScript({
    script: FLEET,
    args: [options.mode, options.action, ...options.udids],
    env: {
      ...process.env,
      USBMUXD_SOCKET_ADDRESS: options.usbmuxdAddress,
      ...(options.ipaPath ? { STAGE_IPA: options.ipaPath } : {}),
    },
    ids: options.udids,
    timeoutMs: options.timeoutMs,
  });
}

// A staging run's phases as the devices themselves logged them (the lab's command log), so
// Depotline and the ideviceinstaller baseline are compared on the same clock and the same
// boundaries, to the millisecond rather than the console's 150 ms progress batches:
//   upload    AFC FileRefOpen of the package in /PublicStaging → its FileRefClose
//   install   installation_proxy Install → the device's "Installed <bundle id>"
//   profiles  the first MCInstall InstallProfile → the last "Installed profile" (the checks between included)
// A phase a device did not go through (the baseline installs no profiles) is left out.
import type { LabCommand, RunningIosLab } from './ios-lab-process.ts';

export type LabPhase = 'upload' | 'install' | 'profiles';

/** Per phase, the mean over the devices that went through it (ms). */
export async function labPhases(
  lab: RunningIosLab,
  udids: readonly string[],
): Promise<Map<LabPhase, number>> {
  const sums = new Map<LabPhase, { total: number; devices: number }>();
  for (const udid of udids) {
    for (const [phase, ms] of phasesOf(await lab.timeline(udid))) {
      const sum = sums.get(phase) ?? { total: 0, devices: 0 };
      sum.total += ms;
      sum.devices += 1;
      sums.set(phase, sum);
    }
  }
  return new Map([...sums].map(([phase, sum]) => [phase, sum.total / sum.devices]));
}

export function phasesOf(log: readonly LabCommand[]): Map<LabPhase, number> {
  const phases = new Map<LabPhase, number>();
  const first = (from: number, test: (entry: LabCommand) => boolean) => {
    for (let index = from; index < log.length; index++) if (test(log[index]!)) return index;
    return -1;
  };
  const last = (test: (entry: LabCommand) => boolean) => log.findLastIndex(test);
  const span = (phase: LabPhase, start: number, end: number) => {
    if (start >= 0 && end > start) phases.set(phase, log[end]!.at - log[start]!.at);
  };
  const opened = first(
    0,
    (e) => e.service === 'com.apple.afc' && /^fileOpen \/PublicStaging\//.test(e.request),
  );
  span(
    'upload',
    opened,
    first(opened + 1, (e) => e.service === 'com.apple.afc' && e.request.startsWith('fileClose')),
  );
  const proxy = 'com.apple.mobile.installation_proxy';
  const install = first(0, (e) => e.service === proxy && e.request === 'Install');
  span(
    'install',
    install,
    first(install + 1, (e) => e.service === proxy && e.request.startsWith('Installed ')),
  );
  const mc = 'com.apple.mobile.MCInstall';
  span(
    'profiles',
    first(0, (e) => e.service === mc && e.request === 'InstallProfile'),
    last((e) => e.service === mc && e.request.startsWith('Installed profile ')),
  );
  return phases;
}

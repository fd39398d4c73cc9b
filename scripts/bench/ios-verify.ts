// After each run every device is read back through the lab's control API: online, paired,
// exactly one user app and the expected number of configuration profiles, and its own record
// of installing the Timesheet app (and each configuration profile, for runners that install
// them: Depotline and the bash `stage` runs). Figures of a runner that did less work than it
// claims would mean nothing.
import type { RunningIosLab } from './ios-lab-process.ts';
import type { IosStagingWork } from './ios-fixtures.ts';

export async function verifyIosStaged(
  lab: RunningIosLab,
  udids: readonly string[],
  work: IosStagingWork,
  expect: { profiles: boolean },
): Promise<void> {
  const devices = new Map((await lab.devices()).map((device) => [device.udid, device]));
  const app = `com.apple.mobile.installation_proxy: Installed ${work.app.bundleId} ${work.app.shortVersion}`;
  const profiles = expect.profiles ? work.profileIdentifiers : [];
  const problems: string[] = [];
  for (const udid of udids) {
    const device = devices.get(udid);
    if (!device) {
      problems.push(`${udid}: not in the lab`);
      continue;
    }
    const wrong: string[] = [];
    if (device.status !== 'online') wrong.push(`status ${device.status}`);
    if (device.pairedHosts < 1) wrong.push('not paired');
    if (device.userApps !== 1) wrong.push(`${device.userApps} user apps, not 1`);
    if (device.profiles !== profiles.length)
      wrong.push(`${device.profiles} profiles, not ${profiles.length}`);
    const commands = await lab.commands(udid);
    if (!commands.includes(app)) wrong.push(`no "${app}"`);
    for (const identifier of profiles)
      if (!commands.includes(`com.apple.mobile.MCInstall: Installed profile ${identifier}`))
        wrong.push(`profile ${identifier} not installed`);
    if (wrong.length > 0) problems.push(`${udid}: ${wrong.join(', ')}`);
  }
  if (problems.length > 0) throw new Error(`devices not staged as expected:\n${problems.join('\n')}`);
}

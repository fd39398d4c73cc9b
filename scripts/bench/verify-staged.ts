// After each run, every phone is read back through adb: the three packages, the five settings,
// the granted permission and a completed boot. Figures of a runner that did less work than
// the others would mean nothing.
import type { AdbFixture } from '../../test/conformance/support/adb-fixture.ts';
import type { StagingWork } from './staging-fixtures.ts';
import { GRANT, SETTINGS } from './staging-fixtures.ts';

const AT_ONCE = 8; // adb clients at once: the two cores are shared

export async function verifyStaged(
  adb: AdbFixture,
  serials: readonly string[],
  work: StagingWork,
): Promise<void> {
  const packages = Object.values(work.apks.apks).map((apk) => apk.packageName);
  const grantPackage = work.apks.apks[GRANT.apk].packageName;
  const command = [
    'getprop sys.boot_completed',
    ...SETTINGS.map((s) => `settings get ${s.namespace} ${s.key}`),
    'pm list packages org.depotline.bench',
    `dumpsys package ${grantPackage}`,
  ].join('; ');
  const problems: string[] = [];
  const queue = [...serials];
  const worker = async () => {
    for (let serial = queue.shift(); serial !== undefined; serial = queue.shift()) {
      const { code, stdout, stderr } = await adb.run(['-s', serial, 'shell', command]);
      const lines = stdout.split('\n').map((line) => line.trim());
      const wrong: string[] = [];
      if (code !== 0) wrong.push(`adb shell exited ${code}: ${stderr.trim()}`);
      if (lines[0] !== '1') wrong.push('not booted');
      SETTINGS.forEach((s, i) => {
        if (lines[i + 1] !== s.value) wrong.push(`${s.namespace} ${s.key} = ${lines[i + 1]}, not ${s.value}`);
      });
      for (const name of packages)
        if (!lines.includes(`package:${name}`)) wrong.push(`${name} not installed`);
      if (!lines.some((line) => line.startsWith(`${GRANT.permission}: granted=true`)))
        wrong.push(`${GRANT.permission} not granted`);
      if (wrong.length > 0) problems.push(`${serial}: ${wrong.join(', ')}`);
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, worker));
  if (problems.length > 0) throw new Error(`phones not staged as the profile says:\n${problems.join('\n')}`);
}

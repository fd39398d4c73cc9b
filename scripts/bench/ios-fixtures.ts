// What the iOS staging benchmark stages: the Wi-Fi and restrictions configuration profiles and
// the 20 MB Timesheet IPA (scripts/make-test-ipas.ts, built once and cached in
// dist/fixtures/ipas), written as a v2 Depotline profile with only an iOS part. The bash
// baseline gets the same IPA and .mobileconfig files, in the same order (it installs the
// profiles with scripts/bench/ios-install-profile.py: libimobiledevice has no tool for them).
import { copyFile, mkdir, mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { stringify } from 'yaml';
import { DEFAULT_IPA_FIXTURE_DIR, makeTestIpas, type TestIpa } from '../make-test-ipas.ts';

export interface IosStagingWork {
  /** The profile file, in a temporary folder next to copies of the IPA and .mobileconfig files. */
  profilePath: string;
  folder: string;
  app: TestIpa;
  /** The IPA the bash baseline installs (the cached fixture itself). */
  ipaPath: string;
  ipaBytes: number;
  /** The .mobileconfig files the bash baseline installs, in the profile's order (the cached fixtures). */
  configurationProfilePaths: string[];
  /** PayloadIdentifiers of the profiles Depotline installs, in order. */
  profileIdentifiers: string[];
}

export async function prepareIosStagingWork(): Promise<IosStagingWork> {
  const set = await makeTestIpas(DEFAULT_IPA_FIXTURE_DIR);
  const app = set.ipas.timesheet;
  const configurationProfiles = [set.profiles.wifi, set.profiles.restrictions];
  const folder = await mkdtemp(join(tmpdir(), 'depotline-bench-ios-'));
  await mkdir(join(folder, 'ios'));
  // Copies, not links: a profile's files must really live inside its folder.
  for (const path of [app.path, ...configurationProfiles.map((p) => p.path)])
    await copyFile(path, join(folder, 'ios', basename(path)));
  const profile = {
    schema: 'depotline.profile/v2',
    id: 'bench-ios',
    name: 'iOS staging benchmark',
    version: 1,
    description: 'Two configuration profiles and a 20 MB app (test/bench/ios.ts).',
    ios: {
      // Every lab iPhone must pass: some have Activation Lock on, some are in Setup Assistant,
      // batteries are random. The bash baseline checks nothing either.
      preflight: { minBatteryPercent: 0, requireActivationLockOff: false, setupState: 'any' },
      steps: [
        ...configurationProfiles.map((p) => ({
          type: 'configurationProfile',
          file: `ios/${basename(p.path)}`,
        })),
        { type: 'app', ipa: `ios/${basename(app.path)}`, bundleId: app.bundleId },
      ],
    },
  };
  const profilePath = join(folder, 'profile.yaml');
  await writeFile(profilePath, stringify(profile));
  return {
    profilePath,
    folder,
    app,
    ipaPath: app.path,
    ipaBytes: (await stat(app.path)).size,
    configurationProfilePaths: configurationProfiles.map((p) => p.path),
    profileIdentifiers: configurationProfiles.map((p) => p.identifier),
  };
}

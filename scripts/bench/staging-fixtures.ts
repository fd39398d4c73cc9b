// What the staging benchmark stages: three signed APKs of about 5, 12 and 30 MiB (built once,
// cached in dist/fixtures/bench-apks), five settings, a runtime-permission grant and a reboot,
// written both as a Depotline profile and as the environment the bash baseline reads, so both
// sides are handed exactly the same work.
import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { makeApkSet, type ApkSet, type Recipe } from '../make-test-apks.ts';

const MiB = 1024 * 1024;
const launcher = {
  kind: 'activity',
  name: '.MainActivity',
  actions: ['android.intent.action.MAIN'],
  categories: ['android.intent.category.LAUNCHER'],
} as const;
const app = (name: string, mib: number, permissions: string[]): Recipe => ({
  packageName: `org.depotline.bench.${name}`,
  versionCode: 1,
  versionName: '1.0',
  minSdk: 24,
  targetSdk: 34,
  signer: 'keyA',
  permissions,
  components: [{ ...launcher, actions: [...launcher.actions], categories: [...launcher.categories] }],
  assetBytes: mib * MiB,
});

export const BENCH_RECIPES = {
  scanner: app('scanner', 5, ['android.permission.CAMERA', 'android.permission.INTERNET']),
  maps: app('maps', 12, ['android.permission.INTERNET']),
  suite: app('suite', 30, ['android.permission.INTERNET']),
};
type BenchApkId = keyof typeof BENCH_RECIPES;

/** The permission the profile grants: CAMERA is a runtime permission on every lab phone (SDK ≥ 30), so it starts denied. */
export const GRANT = { apk: 'scanner' as BenchApkId, permission: 'android.permission.CAMERA' };

/** Values that differ from the lab's factory settings, so neither side can skip one as already set. */
export const SETTINGS = [
  { namespace: 'global', key: 'stay_on_while_plugged_in', value: '7' },
  { namespace: 'global', key: 'window_animation_scale', value: '0.5' },
  { namespace: 'secure', key: 'skip_first_use_hints', value: '1' },
  { namespace: 'system', key: 'screen_off_timeout', value: '600000' },
  { namespace: 'system', key: 'screen_brightness', value: '200' },
] as const;

export const BOOT_TIMEOUT_SECONDS = 300;

export const BENCH_APK_DIR = resolve(import.meta.dirname, '..', '..', 'dist', 'fixtures', 'bench-apks');

export interface StagingWork {
  apks: ApkSet<BenchApkId>;
  /** The profile file, in a temporary folder next to copies of the APKs. */
  profilePath: string;
  folder: string;
  /** Environment for scripts/bench/stage-device.sh describing the same steps. */
  bashEnv: Record<string, string>;
  payloadBytes: number;
}

export async function prepareStagingWork(): Promise<StagingWork> {
  const apks = await makeApkSet(BENCH_APK_DIR, BENCH_RECIPES);
  const folder = await mkdtemp(join(tmpdir(), 'depotline-bench-staging-'));
  await mkdir(join(folder, 'apks'));
  const ordered = Object.values(apks.apks);
  // Copies, not links: a profile's files must really live inside its folder.
  for (const apk of ordered) await copyFile(apk.path, join(folder, 'apks', basename(apk.path)));
  const granted = apks.apks[GRANT.apk];
  const profile = {
    schema: 'depotline.profile/v1',
    id: 'bench-staging',
    name: 'Staging benchmark',
    version: 1,
    platform: 'android',
    description: 'Three APKs, five settings, a permission grant and a reboot (test/bench/staging.ts).',
    // The lab's phones have random battery levels; the bash baseline checks nothing either.
    preflight: { minBatteryPercent: 0, requireNoAccounts: false, requireNoDeviceOwner: false },
    steps: [
      ...ordered.map((apk) => ({
        type: 'install',
        apk: `apks/${basename(apk.path)}`,
        package: apk.packageName,
        signerSha256: apk.certSha256,
      })),
      ...SETTINGS.map((setting) => ({ type: 'setting', ...setting })),
      { type: 'permission', package: granted.packageName, permission: GRANT.permission, grant: true },
      { type: 'reboot', timeoutSeconds: BOOT_TIMEOUT_SECONDS },
    ],
  };
  const profilePath = join(folder, 'profile.yaml');
  await writeFile(profilePath, stringify(profile));
  return {
    apks,
    profilePath,
    folder,
    payloadBytes: ordered.reduce((sum, apk) => sum + apk.sizeBytes, 0),
    bashEnv: {
      STAGE_APKS: ordered.map((apk) => apk.path).join('\n'),
      STAGE_SETTINGS: SETTINGS.map((s) => `${s.namespace} ${s.key} ${s.value}`).join('\n'),
      STAGE_GRANT: `${granted.packageName} ${GRANT.permission}`,
      STAGE_BOOT_TIMEOUT: String(BOOT_TIMEOUT_SECONDS),
    },
  };
}

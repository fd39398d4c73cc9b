import { join } from 'node:path';
import type { StepContext, StepRunners } from './step-runner.ts';
import { DeviceCommandError } from '../../../../native/adb/android-driver.ts';
import type { AndroidStep } from '../../../common/profile/profile-schema.ts';
import { profileApkInfo } from './apk-info-cache.ts';

type InstallStep = Extract<AndroidStep, { type: 'install' }>;

/**
 * The APK an install step would put on the phone now, or undefined when the phone has its
 * version already (then only the permissions may be left to do). Throws when the APK is not
 * the package and signer the profile pins.
 */
export async function apkToInstall(
  step: InstallStep,
  { driver, profileDir }: Pick<StepContext, 'driver' | 'profileDir'>,
): Promise<string | undefined> {
  const apkPath = join(profileDir, step.apk);
  const version = await driver.installedVersion(step.package);
  const apk = await profileApkInfo(apkPath);
  // Checked at import too; again here in case the file changed on disk since.
  if (apk.packageName !== step.package || !apk.signingCertificatesSha256.includes(step.signerSha256)) {
    throw new DeviceCommandError(
      `${step.apk} is not ${step.package} signed by the pinned certificate; refusing to install it`,
    );
  }
  return version === undefined || version < apk.versionCode ? apkPath : undefined;
}

/** Install, uninstall and runtime-permission steps. */
export const packageSteps: Pick<StepRunners, 'install' | 'uninstall' | 'permission'> = {
  install: {
    describe: (step) => `Install ${step.package}`,
    async check(step, { driver, profileDir }) {
      // The version alone unless permissions matter: one package list answers it for every
      // APK of the profile, where `dumpsys package` is a system-server call per package.
      const version = await driver.installedVersion(step.package);
      if (version === undefined) return false;
      const apk = await profileApkInfo(join(profileDir, step.apk));
      if (version < Math.max(apk.versionCode, step.minVersionCode ?? 0)) return false;
      if (!step.grantRuntimePermissions) return true;
      const installed = await driver.packageInfo(step.package);
      if (!installed) return false;
      return apk.usesPermissions.every(
        (permission) => installed.runtimePermissions.get(permission) !== false,
      );
    },
    async apply(step, context) {
      const { driver, transfer } = context;
      const apkPath = await apkToInstall(step, context);
      // An APK uploaded ahead (android-plan.ts) is only committed: no bytes left to ration.
      if (apkPath !== undefined && driver.hasStaged(apkPath)) await driver.install(apkPath);
      else if (apkPath !== undefined) await transfer(() => driver.install(apkPath));
      if (step.grantRuntimePermissions) {
        const now = await driver.packageInfo(step.package);
        for (const [permission, granted] of now?.runtimePermissions ?? []) {
          if (!granted) await driver.setPermission(step.package, permission, true);
        }
      }
    },
  },
  uninstall: {
    describe: (step) => `Uninstall ${step.package}`,
    check: async (step, { driver }) => (await driver.installedVersion(step.package)) === undefined,
    async apply(step, { driver }) {
      await driver.uninstall(step.package);
    },
  },
  permission: {
    describe: (step) => `${step.grant ? 'Grant' : 'Revoke'} ${step.permission} for ${step.package}`,
    async check(step, { driver }) {
      const installed = await driver.packageInfo(step.package);
      return installed?.runtimePermissions.get(step.permission) === step.grant;
    },
    async apply(step, { driver }) {
      await driver.setPermission(step.package, step.permission, step.grant);
    },
  },
};

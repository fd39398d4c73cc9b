// The package manager's install decision: given APK bytes, either an updated package table
// (and /data usage) or the failure Android would report. pm install, cmd package install
// and install sessions all end here, so every path gives the same outcomes.
import { ApkError, type ApkInfo } from '../../../../apk/index.ts';
import { sleep } from '../latency.ts';
import type { DeviceServices } from '../services.ts';
import { labApkInspections } from './apk-inspections.ts';
import { failure, injectedFailure, type InstallFailure } from './install-errors.ts';
import type { InstalledPackage } from './package-db.ts';
import { installTimeGrants, isRuntimePermission } from './permissions.ts';

export interface InstallOptions {
  allowDowngrade: boolean;
  grantRuntimePermissions: boolean;
  bypassLowTargetSdkBlock: boolean;
  installerPackageName: string | null;
}

export type InstallResult = { ok: true; pkg: InstalledPackage } | { ok: false; failure: InstallFailure };

function sameSigners(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s) => b.includes(s));
}

async function parse(apk: Buffer, stagedPath: string): Promise<ApkInfo | InstallFailure> {
  try {
    // The same answer as readApkInfo(apk), without inspecting again bytes another phone installed.
    return await labApkInspections.inspect(apk);
  } catch (err) {
    if (!(err instanceof ApkError)) throw err;
    if (err.code === 'BAD_MANIFEST')
      return failure('INSTALL_PARSE_FAILED_BAD_MANIFEST', `Failed to parse ${stagedPath}`);
    if (err.code === 'BAD_SIGNATURE_BLOCK')
      return failure(
        'INSTALL_PARSE_FAILED_NO_CERTIFICATES',
        `Failed collecting certificates for ${stagedPath}`,
      );
    return failure('INSTALL_PARSE_FAILED_NOT_APK', `Failed to parse ${stagedPath}`);
  }
}

/** The checks PackageManager makes, in its order: parse, certificates, SDK, version, signer. */
function vet(
  info: ApkInfo,
  existing: InstalledPackage | undefined,
  device: DeviceServices,
  options: InstallOptions,
  stagedPath: string,
): InstallFailure | undefined {
  const sdk = device.state.identity.sdk;
  // v2/v3 signatures must verify; a v1-only APK is taken on trust (the lab does not check JAR signing).
  const schemeSigned = info.signatureSchemes.includes('v2') || info.signatureSchemes.includes('v3');
  if (info.signingCertificatesSha256.length === 0 || (schemeSigned && !info.signatureVerified)) {
    return failure(
      'INSTALL_PARSE_FAILED_NO_CERTIFICATES',
      `Failed collecting certificates for ${stagedPath}`,
    );
  }
  if (info.minSdkVersion > sdk) {
    const detail = `Requires newer sdk version #${info.minSdkVersion} (current version is #${sdk})`;
    // Android 11 still prefixed the parse location; 12+ print the bare reason.
    return failure(
      'INSTALL_FAILED_OLDER_SDK',
      sdk <= 30
        ? `Failed parse during installPackageLI: ${stagedPath} (at Binary XML file line #7): ${detail}`
        : detail,
    );
  }
  const minTarget = Number(device.state.properties.get('ro.build.version.min_supported_target_sdk') ?? 0);
  if (info.targetSdkVersion < minTarget && !options.bypassLowTargetSdkBlock) {
    return failure(
      'INSTALL_FAILED_DEPRECATED_SDK_VERSION',
      `App package must target at least SDK version ${minTarget}, but found ${info.targetSdkVersion}`,
    );
  }
  if (existing && info.versionCode < existing.versionCode && !options.allowDowngrade) {
    return failure(
      'INSTALL_FAILED_VERSION_DOWNGRADE',
      `Downgrade detected: Update version code ${info.versionCode} is older than current ${existing.versionCode}`,
    );
  }
  if (existing && !sameSigners(existing.signers, info.signingCertificatesSha256)) {
    return failure(
      'INSTALL_FAILED_UPDATE_INCOMPATIBLE',
      `Existing package ${info.packageName} signatures do not match newer version; ignoring!`,
    );
  }
  if (info.sizeBytes - (existing?.sizeBytes ?? 0) > device.state.storage.installableBytes()) {
    return failure('INSTALL_FAILED_INSUFFICIENT_STORAGE', 'Failed to override installation location');
  }
  return undefined;
}

function record(
  info: ApkInfo,
  existing: InstalledPackage | undefined,
  device: DeviceServices,
  options: InstallOptions,
): InstalledPackage {
  const db = device.state.packages;
  const sdk = device.state.identity.sdk;
  const now = Date.now();
  const granted = installTimeGrants(info.usesPermissions, sdk, options.grantRuntimePermissions);
  // An update keeps the runtime grants the user (or pm grant) already gave, if still requested.
  for (const p of existing?.grantedPermissions ?? []) {
    if (info.usesPermissions.includes(p) && isRuntimePermission(p, sdk)) granted.add(p);
  }
  const codePath = db.newCodePath(info.packageName);
  return {
    packageName: info.packageName,
    versionCode: info.versionCode,
    versionName: info.versionName ?? '',
    minSdk: info.minSdkVersion,
    targetSdk: info.targetSdkVersion,
    codePath,
    apkPath: `${codePath}/base.apk`,
    system: existing?.system ?? false,
    sizeBytes: info.sizeBytes,
    signers: info.signingCertificatesSha256,
    requestedPermissions: info.usesPermissions,
    grantedPermissions: granted,
    deviceAdminReceivers: info.deviceAdminReceivers,
    launcherActivities: [
      ...info.launcherActivities,
      ...info.homeActivities.filter((a) => !info.launcherActivities.includes(a)),
    ],
    receiverActions: info.receiverActions,
    userId: existing?.userId ?? db.allocateUid(),
    firstInstallTime: existing?.firstInstallTime ?? now,
    lastUpdateTime: now,
    installer: options.installerPackageName,
    hiddenForUser: false,
  };
}

/** Waits forever (until the client goes away or the phone reboots): the lab's "hung install". */
function hang(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) =>
    signal.addEventListener('abort', () => reject(new Error('install aborted')), { once: true }),
  );
}

/** Installs once the phone's installs asked for before have finished (see install-lock.ts). */
export function installApk(...args: Parameters<typeof installNow>): Promise<InstallResult> {
  return args[0].installLock.hold(() => installNow(...args));
}

async function installNow(
  device: DeviceServices,
  apk: Buffer,
  stagedPath: string,
  options: InstallOptions,
  signal: AbortSignal,
): Promise<InstallResult> {
  signal.throwIfAborted();
  const faults = device.installFaults;
  if (faults.hangNext) {
    faults.hangNext = false;
    await hang(signal);
  }
  await sleep(device.latency.installMs(apk.length), signal);
  if (faults.failNext !== undefined) {
    const code = faults.failNext;
    faults.failNext = undefined;
    return { ok: false, failure: injectedFailure(code, stagedPath) };
  }
  const info = await parse(apk, stagedPath);
  if (!('packageName' in info)) return { ok: false, failure: info };
  const existing = device.state.packages.get(info.packageName);
  const refused = vet(info, existing, device, options, stagedPath);
  if (refused) return { ok: false, failure: refused };
  const pkg = record(info, existing, device, options);
  device.state.storage.charge('apps', pkg.sizeBytes - (existing?.sizeBytes ?? 0));
  device.state.packages.put(pkg);
  return { ok: true, pkg };
}

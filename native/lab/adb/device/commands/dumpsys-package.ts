// dumpsys package [PKG]: resolver tables, the "Packages:" block with versionCode/versionName,
// requested/install/runtime permissions and per-user state, following the layout of
// PackageManagerService's dump (Settings.dumpPackageLPr). Android 14 renamed userId= to appId=.
import { createHash } from 'node:crypto';
import { flattenToShortString } from '../component.ts';
import type { InstalledPackage } from '../packages/package-db.ts';
import { isRuntimePermission } from '../packages/permissions.ts';
import type { DeviceState } from '../state.ts';

/** A stable stand-in for Java's identity hash codes, so repeated dumps look alike. */
function idHash(...parts: Array<string | number>): string {
  return createHash('sha1').update(parts.join('/')).digest('hex').slice(0, 7);
}

function stamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

function resolverTable(
  title: string,
  entries: Array<{ action: string; category?: string; component: string }>,
): string[] {
  if (entries.length === 0) return [];
  const lines = [`${title}:`, '  Non-Data Actions:'];
  for (const e of entries) {
    lines.push(
      `      ${e.action}:`,
      `        ${idHash(e.component, e.action)} ${e.component} filter ${idHash('filter', e.component, e.action)}`,
      `          Action: "${e.action}"`,
    );
    if (e.category) lines.push(`          Category: "${e.category}"`);
  }
  lines.push('');
  return lines;
}

function packageBlock(pkg: InstalledPackage, sdk: number): string[] {
  const flags = `[ ${pkg.system ? 'SYSTEM ' : ''}HAS_CODE ALLOW_CLEAR_USER_DATA ALLOW_BACKUP ]`;
  const runtime = pkg.requestedPermissions.filter((p) => isRuntimePermission(p, sdk));
  const install = pkg.requestedPermissions.filter(
    (p) => !isRuntimePermission(p, sdk) && pkg.grantedPermissions.has(p),
  );
  const lines = [
    `  Package [${pkg.packageName}] (${idHash(pkg.packageName, pkg.codePath)}):`,
    `    ${sdk >= 34 ? 'appId' : 'userId'}=${pkg.userId}`,
    `    pkg=Package{${idHash('pkg', pkg.packageName)} ${pkg.packageName}}`,
    `    codePath=${pkg.codePath}`,
    `    resourcePath=${pkg.codePath}`,
    `    legacyNativeLibraryDir=${pkg.codePath}/lib`,
    '    extractNativeLibs=false',
    '    primaryCpuAbi=null',
    '    secondaryCpuAbi=null',
    '    cpuAbiOverride=null',
    `    versionCode=${pkg.versionCode} minSdk=${pkg.minSdk} targetSdk=${pkg.targetSdk}`,
    '    minExtensionVersions=[]',
    `    versionName=${pkg.versionName}`,
    '    usesNonSdkApi=false',
    '    splits=[base]',
    '    apkSigningVersion=3',
    `    flags=${flags}`,
    '    privateFlags=[ PRIVATE_FLAG_ACTIVITIES_RESIZE_MODE_RESIZEABLE_VIA_SDK_VERSION ALLOW_AUDIO_PLAYBACK_CAPTURE PRIVATE_FLAG_ALLOW_NATIVE_HEAP_POINTER_TAGGING ]',
    '    forceQueryable=false',
    `    dataDir=/data/user/0/${pkg.packageName}`,
    '    supportsScreens=[small, medium, large, xlarge, resizeable, anyDensity]',
    `    timeStamp=${stamp(pkg.lastUpdateTime)}`,
  ];
  if (sdk < 34) lines.push(`    firstInstallTime=${stamp(pkg.firstInstallTime)}`);
  lines.push(
    `    lastUpdateTime=${stamp(pkg.lastUpdateTime)}`,
    `    installerPackageName=${pkg.installer ?? 'null'}`,
    `    installerPackageUid=${pkg.installer ? 2000 : -1}`,
    `    initiatingPackageName=${pkg.system ? 'null' : 'com.android.shell'}`,
    '    originatingPackageName=null',
    '    packageSource=0',
    `    signatures=PackageSignatures{${idHash('sigs', pkg.packageName)} version:3, signatures:[${pkg.signers.map((s) => s.slice(0, 8)).join(', ')}], past signatures:[]}`,
    '    installPermissionsFixed=true',
    `    pkgFlags=${flags}`,
  );
  if (pkg.requestedPermissions.length > 0)
    lines.push('    requested permissions:', ...pkg.requestedPermissions.map((p) => `      ${p}`));
  if (install.length > 0)
    lines.push('    install permissions:', ...install.map((p) => `      ${p}: granted=true`));
  lines.push(
    `    User 0: ceDataInode=${(parseInt(idHash('inode', pkg.packageName), 16) % 900000) + 10000} installed=${!pkg.hiddenForUser} hidden=false suspended=false distractionFlags=0 stopped=false notLaunched=false enabled=0 instant=false virtual=false`,
  );
  if (sdk >= 34) lines.push(`      firstInstallTime=${stamp(pkg.firstInstallTime)}`);
  lines.push('      gids=[3003]', '      runtime permissions:');
  for (const p of runtime) {
    const granted = pkg.grantedPermissions.has(p);
    lines.push(
      `        ${p}: granted=${granted}, flags=[ ${granted ? 'USER_SET|' : ''}USER_SENSITIVE_WHEN_GRANTED|USER_SENSITIVE_WHEN_DENIED]`,
    );
  }
  lines.push('');
  return lines;
}

function short(pkg: string, cls: string): string {
  return flattenToShortString({ packageName: pkg, className: cls });
}

export function dumpPackages(state: DeviceState, only: string | undefined): string {
  const sdk = state.identity.sdk;
  const pkgs = state.packages.all().filter((p) => (only === undefined ? true : p.packageName === only));
  const activities = pkgs.flatMap((p) =>
    p.launcherActivities.map((a) => ({
      action: 'android.intent.action.MAIN',
      category: 'android.intent.category.LAUNCHER',
      component: short(p.packageName, a),
    })),
  );
  const receivers = pkgs.flatMap((p) =>
    Object.entries(p.receiverActions).map(([action, cls]) => ({
      action,
      component: short(p.packageName, cls),
    })),
  );
  const lines = [
    ...resolverTable('Activity Resolver Table', activities),
    ...resolverTable('Receiver Resolver Table', receivers),
  ];
  if (pkgs.length === 0) {
    // An unknown package: the tables' headers and nothing else, as PackageManager prints it.
    return (
      ['Activity Resolver Table:', '', 'Permissions:', '', 'Key Set Manager:', '', 'Dexopt state:', ''].join(
        '\n',
      ) + '\n'
    );
  }
  lines.push('Key Set Manager:');
  for (const p of pkgs) lines.push(`  [${p.packageName}]`, `      Signing KeySets: ${(p.userId % 97) + 1}`);
  lines.push('', 'Packages:');
  for (const p of pkgs) lines.push(...packageBlock(p, sdk));
  lines.push('Dexopt state:');
  for (const p of pkgs)
    lines.push(
      `  [${p.packageName}]`,
      `    path: ${p.apkPath}`,
      `      arm64: [status=${p.system ? 'speed-profile' : 'verify'}] [reason=${p.system ? 'ab-ota' : 'install'}]`,
    );
  return lines.join('\n') + '\n';
}

// The binary AndroidManifest.xml, decoded by @devicefarmer/adbkit-apkreader and reduced to
// the facts Depotline needs: identity, SDK levels, permissions and notable components.
import ApkReader, { type ManifestComponent, type RawManifest } from '@devicefarmer/adbkit-apkreader';
import { ApkError } from './errors.ts';

export interface ManifestInfo {
  packageName: string;
  versionCode: number;
  versionName: string | null;
  minSdkVersion: number;
  targetSdkVersion: number;
  usesPermissions: string[];
  /** Receivers guarded by BIND_DEVICE_ADMIN with android.app.device_admin metadata (fully-qualified). */
  deviceAdminReceivers: string[];
  /** Activities with a MAIN + LAUNCHER intent filter (fully-qualified). */
  launcherActivities: string[];
  /** Activities with a MAIN + HOME intent filter: a kiosk launcher (fully-qualified). */
  homeActivities: string[];
  /** Broadcast action → fully-qualified receiver class that handles it. */
  receiverActions: Record<string, string>;
}

/** ".Foo" and "Foo" are relative to the package; "a.b.Foo" is absolute (as PackageParser resolves them). */
function qualify(pkg: string, name: string): string {
  if (name.startsWith('.')) return pkg + name;
  return name.includes('.') ? name : `${pkg}.${name}`;
}

function toInt(value: unknown, fallback: number): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return fallback;
}

function hasFilter(c: ManifestComponent, action: string, category: string): boolean {
  return (c.intentFilters ?? []).some(
    (f) => f.actions.some((a) => a.name === action) && f.categories.some((k) => k.name === category),
  );
}

function summarize(raw: RawManifest): ManifestInfo {
  if (typeof raw.package !== 'string' || raw.package === '')
    throw new ApkError('BAD_MANIFEST', 'manifest has no package name');
  const pkg = raw.package;
  const minSdk = toInt(raw.usesSdk?.minSdkVersion, 1);
  const app = raw.application ?? {};
  const activities = [...(app.activities ?? []), ...(app.activityAliases ?? [])];
  const receivers = app.receivers ?? [];
  const receiverActions: Record<string, string> = {};
  for (const r of receivers) {
    for (const f of r.intentFilters ?? [])
      for (const a of f.actions) receiverActions[a.name] ??= qualify(pkg, r.name);
  }
  return {
    packageName: pkg,
    versionCode: toInt(raw.versionCode, 0),
    versionName:
      typeof raw.versionName === 'string'
        ? raw.versionName
        : typeof raw.versionName === 'number'
          ? String(raw.versionName)
          : null,
    minSdkVersion: minSdk,
    targetSdkVersion: toInt(raw.usesSdk?.targetSdkVersion, minSdk),
    usesPermissions: [
      ...new Set(
        (raw.usesPermissions ?? []).map((p) => p.name).filter((n): n is string => typeof n === 'string'),
      ),
    ],
    deviceAdminReceivers: receivers
      .filter(
        (r) =>
          r.permission === 'android.permission.BIND_DEVICE_ADMIN' &&
          (r.metaData ?? []).some((m) => m.name === 'android.app.device_admin'),
      )
      .map((r) => qualify(pkg, r.name)),
    launcherActivities: activities
      .filter((a) => hasFilter(a, 'android.intent.action.MAIN', 'android.intent.category.LAUNCHER'))
      .map((a) => qualify(pkg, a.name)),
    homeActivities: activities
      .filter((a) => hasFilter(a, 'android.intent.action.MAIN', 'android.intent.category.HOME'))
      .map((a) => qualify(pkg, a.name)),
    receiverActions,
  };
}

export async function readManifest(apk: Buffer): Promise<ManifestInfo> {
  let raw: RawManifest;
  try {
    raw = await (await ApkReader.open(apk)).readManifest();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (message.includes('does not contain'))
      throw new ApkError('NO_MANIFEST', 'APK has no AndroidManifest.xml', { cause: err });
    throw new ApkError('BAD_MANIFEST', `cannot decode AndroidManifest.xml: ${message}`, { cause: err });
  }
  return summarize(raw);
}

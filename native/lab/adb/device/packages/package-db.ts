// The package manager's view of installed apps. pm list, pm path, dumpsys package and the
// install flow all read and write this one table, so they always agree.
import type { DeviceIdentity } from '../identity.ts';
import { SeededRandom } from '../prng.ts';
import { factoryPackages } from './factory-packages.ts';

export interface InstalledPackage {
  packageName: string;
  versionCode: number;
  versionName: string;
  minSdk: number;
  targetSdk: number;
  /** Directory holding the APK(s), as `pm list packages -f` and dumpsys show it. */
  codePath: string;
  /** The base APK inside codePath. */
  apkPath: string;
  system: boolean;
  sizeBytes: number;
  /** Lowercase hex SHA-256 digests of the signing certificates. */
  signers: string[];
  requestedPermissions: string[];
  grantedPermissions: Set<string>;
  /** Fully-qualified class names of receivers declared as device admins (BIND_DEVICE_ADMIN). */
  deviceAdminReceivers: string[];
  /** Fully-qualified class names of activities with a MAIN/LAUNCHER intent filter. */
  launcherActivities: string[];
  /** Intent actions handled by the app's receivers, for `am broadcast`. */
  receiverActions: Record<string, string>;
  userId: number;
  firstInstallTime: number;
  lastUpdateTime: number;
  installer: string | null;
  /** `pm uninstall --user 0` of a system app hides it for the user instead of removing it. */
  hiddenForUser: boolean;
}

const FIRST_APP_UID = 10_000;

export class PackageDb {
  private readonly packages = new Map<string, InstalledPackage>();
  private nextUid = FIRST_APP_UID + 200;
  private readonly identity: DeviceIdentity;
  private installCounter = 0;

  constructor(identity: DeviceIdentity) {
    this.identity = identity;
    this.resetToFactory();
  }

  resetToFactory(): void {
    this.packages.clear();
    for (const pkg of factoryPackages(this.identity)) this.packages.set(pkg.packageName, pkg);
    this.nextUid = FIRST_APP_UID + 200;
  }

  get(name: string): InstalledPackage | undefined {
    return this.packages.get(name);
  }

  /** In the order PackageManager returns them: not sorted, but stable. We sort by name for determinism. */
  all(): InstalledPackage[] {
    return [...this.packages.values()].sort((a, b) => a.packageName.localeCompare(b.packageName));
  }

  put(pkg: InstalledPackage): void {
    this.packages.set(pkg.packageName, pkg);
  }

  remove(name: string): InstalledPackage | undefined {
    const pkg = this.packages.get(name);
    this.packages.delete(name);
    return pkg;
  }

  allocateUid(): number {
    return this.nextUid++;
  }

  /** Android 11+ installs into /data/app/~~<random>==/<package>-<random>==. */
  newCodePath(packageName: string): string {
    const rng = new SeededRandom(
      'codepath',
      this.identity.serial,
      packageName,
      this.installCounter++,
      Date.now(),
    );
    const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    return `/data/app/~~${rng.chars(b64, 22)}==/${packageName}-${rng.chars(b64, 22)}==`;
  }
}

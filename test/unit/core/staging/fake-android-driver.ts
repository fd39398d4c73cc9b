// An in-memory Android device for engine tests: it keeps state like a phone (packages,
// settings, owner), logs every command it receives, and can be told to fail or vanish.
import {
  DeviceCommandError,
  DeviceGoneError,
  type AndroidDeviceDriver,
  type AndroidIdentity,
  type DeviceReads,
  type PartialIdentity,
} from '../../../../native/adb/android-driver.ts';
import type { InstalledPackage } from '../../../../native/adb/parsers/dumpsys-package.ts';
import { readApkInfo } from '../../../../native/apk/index.ts';

type Method = Exclude<keyof AndroidDeviceDriver, 'serial'>;

export class FakeAndroidDevice {
  readonly serial: string;
  readonly log: string[] = [];
  connected = true;
  packages = new Map<string, InstalledPackage>();
  settings = new Map<string, string>();
  files = new Map<string, number>();
  owner: string | undefined;
  identity: AndroidIdentity;
  readonly #faults = new Map<Method, (Error | 'vanish')[]>();
  readonly #slow = new Map<Method, number>();
  /** APKs stageInstall uploaded into a session no install has committed yet (they live on the phone). */
  readonly staged = new Set<string>();

  constructor(serial: string, identity: Partial<AndroidIdentity> = {}) {
    this.serial = serial;
    this.identity = {
      serial,
      imei: undefined,
      imeiUnknownReason: 'Android 10+ shows the IMEI only to privileged apps',
      manufacturer: 'Google',
      model: 'Pixel 8',
      androidRelease: '15',
      sdk: 35,
      securityPatch: '2026-10-05',
      bootCompleted: true,
      setupComplete: false,
      battery: { levelPercent: 80, health: 'good', status: 'charging', temperatureC: 28, pluggedIn: true },
      storage: { totalBytes: 128e9, usedBytes: 8e9, freeBytes: 120e9 },
      accounts: [],
      deviceOwner: undefined,
      ...identity,
    };
  }

  /** The next call(s) of `method` throw these, in order ('vanish' unplugs the device). */
  fail(method: Method, ...faults: (Error | 'vanish')[]): void {
    this.#faults.set(method, [...(this.#faults.get(method) ?? []), ...faults]);
  }

  /** Every call of `method` takes `ms` (an install, say); the log then also says when it ended. */
  slow(method: Method, ms: number): void {
    this.#slow.set(method, ms);
  }

  count(prefix: string): number {
    return this.log.filter((line) => line.startsWith(prefix)).length;
  }

  driver(): AndroidDeviceDriver {
    const call = async <T>(method: Method, detail: string, body: () => T | Promise<T>): Promise<T> => {
      if (!this.connected) throw new DeviceGoneError(this.serial, 'unplugged');
      const fault = this.#faults.get(method)?.shift();
      if (fault === 'vanish') {
        this.connected = false;
        throw new DeviceGoneError(this.serial, 'yanked');
      }
      if (fault) throw fault;
      this.log.push(`${method} ${detail}`.trim());
      const ms = this.#slow.get(method);
      if (ms === undefined) return body();
      await new Promise((resolve) => setTimeout(resolve, ms));
      const result = await body();
      this.log.push(`${method} ended`);
      return result;
    };
    const key = (ns: string, k: string) => `${ns}/${k}`;
    const identity = (): AndroidIdentity => ({
      ...this.identity,
      deviceOwner: this.owner ? { component: this.owner, packageName: this.owner.split('/')[0]! } : undefined,
    });
    const install = async (apkPath: string) => {
      const apk = await readApkInfo(apkPath);
      const runtime = new Map(
        apk.usesPermissions
          .filter((p) => p !== 'android.permission.INTERNET')
          .map((p) => [p, false] as const),
      );
      this.packages.set(apk.packageName, {
        packageName: apk.packageName,
        versionCode: apk.versionCode,
        versionName: apk.versionName ?? undefined,
        runtimePermissions: runtime,
      });
    };
    /** A copy, as a reading is: later changes on the device do not show in it. */
    const packageNow = (name: string): InstalledPackage | undefined => {
      const pkg = this.packages.get(name);
      return pkg && { ...pkg, runtimePermissions: new Map(pkg.runtimePermissions) };
    };
    return {
      serial: this.serial,
      identity: () => call('identity', '', identity),
      read: (reads) =>
        call('read', describeReads(reads), () => {
          let partial: PartialIdentity | undefined;
          if (reads.identity) {
            const whole = identity();
            const { battery, accounts, storage, setupComplete, deviceOwner, ...properties } = whole;
            const parts = { battery, accounts, storage, setupComplete, deviceOwner: deviceOwner ?? null };
            partial = { ...properties };
            for (const part of reads.identity) Object.assign(partial, { [part]: parts[part] });
          }
          return {
            identity: partial,
            packages: (reads.packages ?? []).map(packageNow),
            versions: (reads.versions ?? []).map((name) => this.packages.get(name)?.versionCode),
            settings: (reads.settings ?? []).map((k) => this.settings.get(key(k.namespace, k.key))),
          };
        }),
      packageInfo: (name) => call('packageInfo', name, () => packageNow(name)),
      packageInfos: (names) => call('packageInfos', names.join(' '), () => names.map(packageNow)),
      installedVersion: (name) => call('installedVersion', name, () => this.packages.get(name)?.versionCode),
      install: (apkPath) =>
        call('install', apkPath, () => {
          this.staged.delete(apkPath);
          return install(apkPath);
        }),
      installAndRead: (apkPath, name) =>
        call('installAndRead', `${apkPath} ${name}`, async () => {
          this.staged.delete(apkPath);
          await install(apkPath);
          return packageNow(name);
        }),
      stageInstall: (apkPath) => call('stageInstall', apkPath, () => void this.staged.add(apkPath)),
      hasStaged: (apkPath) => this.staged.has(apkPath),
      discardStaged: () => call('discardStaged', '', () => this.staged.clear()).catch(() => undefined),
      uninstall: (name) =>
        call('uninstall', name, () => {
          this.packages.delete(name);
          return packageNow(name);
        }),
      setPermission: (name, permission, grant) =>
        call('setPermission', `${name} ${permission} ${grant}`, () => {
          const pkg = this.packages.get(name);
          if (!pkg) throw new DeviceCommandError(`Unknown package: ${name}`);
          pkg.runtimePermissions.set(permission, grant);
          return packageNow(name);
        }),
      getSetting: (ns, k) => call('getSetting', key(ns, k), () => this.settings.get(key(ns, k))),
      getSettings: (keys) =>
        call('getSettings', keys.map((k) => key(k.namespace, k.key)).join(' '), () =>
          keys.map((k) => this.settings.get(key(k.namespace, k.key))),
        ),
      putSetting: (ns, k, value) =>
        call('putSetting', `${key(ns, k)}=${value}`, () => {
          this.settings.set(key(ns, k), value);
          return this.settings.get(key(ns, k));
        }),
      setDeviceOwner: (component) =>
        call('setDeviceOwner', component, () => {
          if (this.owner)
            throw new DeviceCommandError(
              'java.lang.IllegalStateException: Trying to set the device owner, but device owner is already set.',
            );
          this.owner = component;
        }),
      fileSize: (path) => call('fileSize', path, () => this.files.get(path)),
      push: (local, remote) => call('push', `${local} ${remote}`, () => void this.files.set(remote, 0)),
      startActivity: (component, action, extras) =>
        call('startActivity', `${component} ${action ?? ''} ${JSON.stringify(extras)}`, () => undefined),
      reboot: () => call('reboot', '', () => undefined),
      waitForBoot: () => call('waitForBoot', '', () => undefined),
      locate: (message) => call('locate', message, () => undefined),
      shell: (command) =>
        call('shell', command, () => ({
          stdout: '',
          stderr: command.includes('false') ? 'false: failed' : '',
          exitCode: command.includes('false') ? 1 : 0,
        })),
    };
  }
}

/** A read as the log shows it: "identity(battery,storage) packages(a) versions(b c) settings(global/x)". */
function describeReads(reads: DeviceReads): string {
  return [
    reads.identity && `identity(${reads.identity.join(',')})`,
    reads.packages?.length && `packages(${reads.packages.join(' ')})`,
    reads.versions?.length && `versions(${reads.versions.join(' ')})`,
    reads.settings?.length && `settings(${reads.settings.map((k) => `${k.namespace}/${k.key}`).join(' ')})`,
  ]
    .filter(Boolean)
    .join(' ');
}

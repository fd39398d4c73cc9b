import { join } from 'node:path';
import type {
  AndroidDeviceDriver,
  DeviceReads,
  SettingKey,
  SettingsNamespace,
} from '../../../native/adb/android-driver.ts';
import type { InstalledPackage } from '../../../native/adb/parsers/dumpsys-package.ts';
import type { AndroidPart } from '../../common/profile/profile-schema.ts';

/**
 * A driver for one job's connection that reads the device's packages and settings once
 * instead of once per check: every step checks before it applies and checks again after, and
 * a driver that asked the device each time sent a phone twice the commands of a plain script
 * (53 against 25 for the staging bench's profile).
 *
 * - The first read of packages (or of the identity preflight needs) also fetches the version of
 *   every package the profile's steps look at, and the first read of a setting every setting
 *   they look at: one round trip for each group. Two groups, not one, because settings are
 *   applied beside the installs (side-lane.ts): reading them with the preflight put five
 *   system-server calls (~200 ms on a phone) before the first install, on every phone's
 *   critical path, where the side lane reads them while the install runs.
 * - What the job changes is forgotten and replaced by what the device showed afterwards, read
 *   in the same round trip as the change (an install, a grant, an uninstall, a put): that
 *   reading, taken after the change, is what the check after the apply sees; nothing read
 *   before a change stands for its verification. (The install step has checked that its APK
 *   is the package the profile names; any other APK may be anything, so then every package is
 *   forgotten.)
 * - Anything that may change the device in ways we cannot follow (a reboot, a shell command,
 *   an intent, a device owner) forgets everything; the next read fetches the profile's again.
 *
 * The job makes a new one for every connection, so nothing read before the device went away
 * is trusted after it is back.
 */
export function readOnce(
  driver: AndroidDeviceDriver,
  profile: AndroidPart,
  profileDir: string,
): AndroidDeviceDriver {
  const wanted = profileReads(profile, profileDir);
  /** `dumpsys package`: versions and runtime permissions. */
  const infos = new Map<string, InstalledPackage | undefined>();
  /** Installed version codes (from a package list, or from an info above); undefined: not installed. */
  const versions = new Map<string, number | undefined>();
  const settings = new Map<string, string | undefined>();
  /** Whether the profile's package versions, and its settings, were fetched on this connection. */
  const fetched = { packages: false, settings: false };
  const settingId = ({ namespace, key }: SettingKey) => `${namespace}\0${key}`;
  const knownInfo = (name: string, info: InstalledPackage | undefined) => {
    infos.set(name, info);
    versions.set(name, info?.versionCode);
  };
  const forget = (name: string) => {
    infos.delete(name);
    versions.delete(name);
  };
  const forgetAll = () => {
    infos.clear();
    versions.clear();
    settings.clear();
    fetched.packages = false;
    fetched.settings = false;
  };

  /** `reads`, plus (the first time in each group) every profile version or setting not known yet, in one round trip. */
  const read = async (reads: DeviceReads) => {
    const packageRead =
      reads.identity !== undefined || (reads.packages?.length ?? 0) + (reads.versions?.length ?? 0) > 0;
    const settingRead = (reads.settings?.length ?? 0) > 0;
    const more = {
      versions: packageRead && !fetched.packages ? wanted.packages.filter((name) => !versions.has(name)) : [],
      settings:
        settingRead && !fetched.settings
          ? wanted.settings.filter((key) => !settings.has(settingId(key)))
          : [],
    };
    const versionNames = [...new Set([...(reads.versions ?? []), ...more.versions])];
    const settingKeys = [...(reads.settings ?? [])];
    const asked = new Set(settingKeys.map(settingId));
    for (const key of more.settings) if (!asked.has(settingId(key))) settingKeys.push(key);
    const reading = await driver.read({ ...reads, versions: versionNames, settings: settingKeys });
    if (packageRead) fetched.packages = true;
    if (settingRead) fetched.settings = true;
    (reads.packages ?? []).forEach((name, index) => knownInfo(name, reading.packages[index]));
    versionNames.forEach((name, index) => versions.set(name, reading.versions[index]));
    settingKeys.forEach((key, index) => settings.set(settingId(key), reading.settings[index]));
    return {
      ...reading,
      versions: (reads.versions ?? []).map((name) => versions.get(name)),
      settings: (reads.settings ?? []).map((key) => settings.get(settingId(key))),
    };
  };
  const packageInfos = async (names: string[]) => {
    const missing = [...new Set(names.filter((name) => !infos.has(name)))];
    if (missing.length > 0) await read({ packages: missing });
    return names.map((name) => infos.get(name));
  };
  const getSettings = async (keys: SettingKey[]) => {
    const missing = keys.filter((key) => !settings.has(settingId(key)));
    if (missing.length > 0) await read({ settings: missing });
    return keys.map((key) => settings.get(settingId(key)));
  };

  return {
    ...driver,
    serial: driver.serial,
    read,
    packageInfos,
    packageInfo: async (name) => (await packageInfos([name]))[0],
    async installedVersion(name) {
      if (!versions.has(name)) await read({ versions: [name] });
      return versions.get(name);
    },
    getSettings,
    getSetting: async (namespace: SettingsNamespace, key: string) =>
      (await getSettings([{ namespace, key }]))[0],
    async putSetting(namespace, key, value) {
      const id = settingId({ namespace, key });
      settings.delete(id);
      const shown = await driver.putSetting(namespace, key, value);
      settings.set(id, shown);
      return shown;
    },
    async install(apkPath) {
      const name = wanted.packageOfApk.get(apkPath);
      if (name === undefined) {
        forgetPackages();
        await driver.install(apkPath);
      } else {
        forget(name);
        knownInfo(name, await driver.installAndRead(apkPath, name));
      }
    },
    async installAndRead(apkPath, name) {
      if (wanted.packageOfApk.get(apkPath) === name) forget(name);
      else forgetPackages();
      const info = await driver.installAndRead(apkPath, name);
      knownInfo(name, info);
      return info;
    },
    async uninstall(name) {
      forget(name);
      const after = await driver.uninstall(name);
      knownInfo(name, after);
      return after;
    },
    async setPermission(name, permission, grant) {
      forget(name);
      const after = await driver.setPermission(name, permission, grant);
      knownInfo(name, after);
      return after;
    },
    setDeviceOwner(component) {
      forgetAll();
      return driver.setDeviceOwner(component);
    },
    startActivity(component, action, extras) {
      forgetAll();
      return driver.startActivity(component, action, extras);
    },
    reboot() {
      forgetAll();
      return driver.reboot();
    },
    shell(command) {
      forgetAll();
      return driver.shell(command);
    },
  };

  function forgetPackages() {
    infos.clear();
    versions.clear();
  }
}

/** The packages and settings a profile's steps read, and which package each of its APKs is. */
function profileReads(
  profile: AndroidPart,
  profileDir: string,
): { packages: string[]; settings: SettingKey[]; packageOfApk: Map<string, string> } {
  const packages = new Set<string>();
  const settings: SettingKey[] = [];
  const packageOfApk = new Map<string, string>();
  for (const step of profile.steps) {
    if (step.type === 'install') packageOfApk.set(join(profileDir, step.apk), step.package);
    if (step.type === 'install' || step.type === 'uninstall' || step.type === 'permission')
      packages.add(step.package);
    else if (step.type === 'setting') settings.push({ namespace: step.namespace, key: step.key });
    else if (step.type === 'deviceName') settings.push({ namespace: 'global', key: 'device_name' });
  }
  return { packages: [...packages], settings, packageOfApk };
}

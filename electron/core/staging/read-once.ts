import { join } from 'node:path';
import type {
  AndroidDeviceDriver,
  SettingKey,
  SettingsNamespace,
} from '../../../native/adb/android-driver.ts';
import type { InstalledPackage } from '../../../native/adb/parsers/dumpsys-package.ts';
import type { AndroidPart } from '../../common/profile/profile-schema.ts';

/**
 * A driver for one job's connection that reads the device's packages and settings once
 * instead of once per check: every step checks before it applies and checks again after, so
 * a plain driver sent twice the commands a script does (53 against 25 per phone).
 *
 * - The first package or setting read fetches all the profile's packages (or settings) in one
 *   round trip.
 * - What the job changes is forgotten, so the check after an apply still reads the device: an
 *   install, a grant or an uninstall drops that package's entry (the install step has checked
 *   that its APK is the package the profile names); a put stores the value the
 *   device showed afterwards, read in the same round trip as the put.
 * - Anything that may change the device in ways we cannot follow (a reboot, a shell command, an
 *   intent, a device owner) forgets everything.
 *
 * The job makes a new one for every connection, so nothing read before the device went away
 * is trusted after it is back.
 */
export function readOnce(
  driver: AndroidDeviceDriver,
  profile: AndroidPart,
  profileDir: string,
): AndroidDeviceDriver {
  const packages = new Map<string, InstalledPackage | undefined>();
  const settings = new Map<string, string | undefined>();
  const wanted = profileReads(profile, profileDir);
  let packagesFetched = false;
  let settingsFetched = false;
  const settingId = (namespace: SettingsNamespace, key: string) => `${namespace}\0${key}`;
  const forgetAll = () => {
    packages.clear();
    settings.clear();
  };
  return {
    ...driver,
    serial: driver.serial,
    async packageInfo(name) {
      if (packages.has(name)) return packages.get(name);
      // The whole profile's packages the first time; one at a time once they are known.
      const names = packagesFetched ? [name] : [...new Set([name, ...wanted.packages])];
      packagesFetched = true;
      const infos = await driver.packageInfos(names);
      names.forEach((each, index) => packages.set(each, infos[index]));
      return packages.get(name);
    },
    async getSetting(namespace, key) {
      const id = settingId(namespace, key);
      if (settings.has(id)) return settings.get(id);
      const keys = settingsFetched
        ? [{ namespace, key }]
        : [
            { namespace, key },
            ...wanted.settings.filter((each) => settingId(each.namespace, each.key) !== id),
          ];
      settingsFetched = true;
      const values = await driver.getSettings(keys);
      keys.forEach((each, index) => settings.set(settingId(each.namespace, each.key), values[index]));
      return settings.get(id);
    },
    async putSetting(namespace, key, value) {
      const id = settingId(namespace, key);
      settings.delete(id);
      const shown = await driver.putSetting(namespace, key, value);
      settings.set(id, shown);
      return shown;
    },
    async install(apkPath) {
      // The profile says which package its APK holds (the step checks the file really is it);
      // any other APK may be anything, so then every package is read again.
      const name = wanted.packageOfApk.get(apkPath);
      if (name === undefined) packages.clear();
      else packages.delete(name);
      await driver.install(apkPath);
    },
    async uninstall(name) {
      packages.delete(name);
      await driver.uninstall(name);
    },
    async setPermission(name, permission, grant) {
      packages.delete(name);
      await driver.setPermission(name, permission, grant);
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

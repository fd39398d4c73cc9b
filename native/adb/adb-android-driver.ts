import { basename } from 'node:path';
import type { AdbClient } from './adb-client.ts';
import {
  DeviceCommandError,
  DeviceGoneError,
  type AndroidDeviceDriver,
  type SettingsNamespace,
} from './android-driver.ts';
import { ReplyCutOffError, runShell, shellQuote, withDeviceErrors } from './shell.ts';
import { pushFile } from './windowed-push.ts';
import { installRoute, streamedInstall, type InstallRoute } from './streamed-install.ts';
import { identityCommand, parseIdentity } from './identity.ts';
import { parseDumpsysPackage } from './parsers/dumpsys-package.ts';

const STAGING_DIR = '/data/local/tmp';
const PART = '__DEPOTLINE_PART__';
const FAILED = '__DEPOTLINE_FAILED=';

/** The real driver: one Android device behind the adb server, through adbkit. */
export function adbAndroidDriver(client: AdbClient, serial: string): AndroidDeviceDriver {
  const device = client.getDevice(serial);
  // Asked of the adb server once per driver (the features come with the device's connection).
  let route: Promise<InstallRoute> | undefined;
  const routeOnce = () => {
    if (route === undefined) {
      route = withDeviceErrors(serial, () => installRoute(client, serial));
      route.catch(() => (route = undefined)); // asked again next time
    }
    return route;
  };
  const shell = (command: string, timeoutMs?: number) => runShell(device, serial, command, timeoutMs);
  /** A command that must succeed; its own output is the error message when it does not. */
  const must = async (command: string, succeeded: (output: string) => boolean = () => true) => {
    const result = await shell(command);
    if (result.exitCode !== 0 || !succeeded(result.output)) {
      throw new DeviceCommandError(
        deviceMessage(result.output) ?? `"${command}" failed (exit code ${result.exitCode})`,
      );
    }
    return result.output;
  };

  /**
   * Several reads in one shell round trip: each command's output follows a marker line, and a
   * command that fails says so with a marker of its own (only the last exit code survives v1 shell).
   */
  const batch = async (commands: string[]): Promise<string[]> => {
    if (commands.length === 0) return [];
    const line = commands.map((command) => `echo ${PART}; ${command} || echo ${FAILED}$?`).join('; ');
    const parts = (await shell(line)).output.split(`${PART}\n`).slice(1);
    if (parts.length !== commands.length) throw new ReplyCutOffError(serial, commands[0]!);
    return parts.map((part, index) => {
      const failed = part.lastIndexOf(FAILED);
      if (failed < 0) return part;
      const exitCode = part.slice(failed + FAILED.length).trim();
      throw new DeviceCommandError(
        deviceMessage(part.slice(0, failed)) ?? `"${commands[index]}" failed (exit code ${exitCode})`,
      );
    });
  };
  const settingValue = (output: string) => {
    const value = output.replace(/\n$/, '');
    return value === 'null' ? undefined : value;
  };

  return {
    serial,
    async identity() {
      return parseIdentity(serial, (await shell(identityCommand())).output);
    },
    async packageInfo(packageName) {
      return parseDumpsysPackage(
        (await shell(`dumpsys package ${shellQuote(packageName)}`)).output,
        packageName,
      );
    },
    async packageInfos(packageNames) {
      const outputs = await batch(packageNames.map((name) => `dumpsys package ${shellQuote(name)}`));
      return outputs.map((output, index) => parseDumpsysPackage(output, packageNames[index]!));
    },
    async install(apkPath) {
      const how = await routeOnce();
      if (how !== 'push') {
        await withDeviceErrors(serial, () => streamedInstall(device, serial, apkPath, how, deviceMessage));
        return;
      }
      // A device without abb_exec or cmd (before Android 7): push, then `pm install`, whose
      // reply ("Failure [INSTALL_FAILED_…: …]") is the device's own words.
      const remote = `${STAGING_DIR}/depotline-${process.pid}-${basename(apkPath).replace(/[^\w.-]/g, '_')}`;
      await withDeviceErrors(serial, () => pushFile(device, apkPath, remote));
      try {
        await must(`pm install -r ${shellQuote(remote)}`, (output) => /^Success$/m.test(output));
      } finally {
        await shell(`rm -f ${shellQuote(remote)}`).catch(() => undefined);
      }
    },
    async uninstall(packageName) {
      await must(`pm uninstall ${shellQuote(packageName)}`, (output) => /^Success$/m.test(output));
    },
    async setPermission(packageName, permission, grant) {
      await must(`pm ${grant ? 'grant' : 'revoke'} ${shellQuote(packageName)} ${shellQuote(permission)}`);
    },
    async getSetting(namespace: SettingsNamespace, key) {
      return settingValue(await must(`settings get ${namespace} ${shellQuote(key)}`));
    },
    async getSettings(keys) {
      const outputs = await batch(
        keys.map(({ namespace, key }) => `settings get ${namespace} ${shellQuote(key)}`),
      );
      return outputs.map(settingValue);
    },
    async putSetting(namespace: SettingsNamespace, key, value) {
      const name = `${namespace} ${shellQuote(key)}`;
      return settingValue(await must(`settings put ${name} ${shellQuote(value)} && settings get ${name}`));
    },
    async setDeviceOwner(component) {
      await must(
        `dpm set-device-owner ${shellQuote(component)}`,
        (output) => /^Success/m.test(output) && !/Exception/.test(output),
      );
    },
    async fileSize(devicePath) {
      return withDeviceErrors(serial, async () => {
        try {
          const stats = await device.stat(devicePath);
          return stats.isFile() ? stats.size : undefined;
        } catch (error) {
          if (error instanceof DeviceGoneError) throw error;
          if (/ENOENT|No such file/i.test(String(error))) return undefined;
          throw error;
        }
      });
    },
    async push(localPath, devicePath) {
      await withDeviceErrors(serial, () => pushFile(device, localPath, devicePath));
    },
    async startActivity(component, action, extras) {
      const extraArgs = Object.entries(extras).map(
        ([key, value]) => `--es ${shellQuote(key)} ${shellQuote(value)}`,
      );
      const args = [
        'am start',
        '-W',
        action ? `-a ${shellQuote(action)}` : '',
        `-n ${shellQuote(component)}`,
        ...extraArgs,
      ].filter(Boolean);
      await must(args.join(' '), (output) => !/^Error:/m.test(output));
    },
    async reboot() {
      await withDeviceErrors(serial, () => device.reboot());
    },
    async waitForBoot(timeoutMs) {
      const until = Date.now() + timeoutMs;
      // The device drops off adb while it restarts; keep asking until it answers "booted".
      await new Promise((resolve) => setTimeout(resolve, 500));
      while (Date.now() < until) {
        try {
          if ((await shell('getprop sys.boot_completed', 5_000)).output.trim() === '1') return;
        } catch {
          // not back yet
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      throw new DeviceGoneError(serial, `did not finish booting within ${Math.round(timeoutMs / 1000)} s`);
    },
    async locate(message) {
      // `cmd notification post` (Android 10+) shows text without any app of ours on the phone.
      await must(
        `input keyevent KEYCODE_WAKEUP; cmd notification post -S bigtext -t Depotline depotline-locate ${shellQuote(message)}`,
      );
    },
    async shell(command) {
      const result = await shell(command);
      return { stdout: result.output, stderr: '', exitCode: result.exitCode };
    },
  };
}

/**
 * The line of a failed command's output that says what went wrong: Android prints an
 * exception's message first and its stack trace after, and "Failure [CODE: …]" for pm.
 */
export function deviceMessage(output: string): string | undefined {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return (
    lines.find(
      (line) =>
        /^(Failure|Error|Exception|java\.|android\.|Security|[\w.]+Exception)/.test(line) &&
        !line.startsWith('at '),
    ) ?? lines.at(-1)
  );
}

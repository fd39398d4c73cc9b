import { basename } from 'node:path';
import type { AdbClient } from './adb-client.ts';
import {
  DeviceCommandError,
  DeviceGoneError,
  type AndroidDeviceDriver,
  type DeviceReading,
  type DeviceReads,
  type SettingsNamespace,
} from './android-driver.ts';
import { ReplyCutOffError, runShell, shellQuote, withDeviceErrors } from './shell.ts';
import { pushFile } from './windowed-push.ts';
import { installRoutes, streamedInstall, type InstallRoute } from './streamed-install.ts';
import { commitCommand, SessionUploads, type StagedSession } from './install-sessions.ts';
import { ALL_IDENTITY_PARTS, fullIdentity, identityCommands, identityFrom } from './identity.ts';
import { batchLine, settingValue, type BatchPart } from './batch.ts';
import { parseDumpsysPackage } from './parsers/dumpsys-package.ts';
import { parsePmListPackages } from './parsers/pm-list-packages.ts';

const STAGING_DIR = '/data/local/tmp';
const dumpsysPackage = (name: string) => `dumpsys package ${shellQuote(name)}`;
/** One package's version is listed with it as the filter (a substring match: the parse keeps only the exact name). */
const listVersions = (names: readonly string[]) =>
  `pm list packages --show-versioncode${names.length === 1 ? ` ${shellQuote(names[0]!)}` : ''}`;

/** The real driver: one Android device behind the adb server, through adbkit. */
export function adbAndroidDriver(client: AdbClient, serial: string): AndroidDeviceDriver {
  const device = client.getDevice(serial);
  // Asked of the adb server once per driver (the features come with the device's connection).
  let route: Promise<{ plain: InstallRoute; chained: InstallRoute }> | undefined;
  const routeOnce = () => {
    if (route === undefined) {
      route = withDeviceErrors(serial, () => installRoutes(client, serial));
      route.catch(() => (route = undefined)); // asked again next time
    }
    return route;
  };
  const shell = (command: string, timeoutMs?: number) => runShell(device, serial, command, timeoutMs);
  /** A command that must succeed; its own output is the error message when it does not. */
  const must = async (command: string, succeeded: (output: string) => boolean = () => true) => {
    const result = await shell(command);
    checked(command, result.output, result.exitCode, succeeded);
    return result.output;
  };

  /** Several commands in one shell round trip (see batch.ts); a reply cut short is a gone device. */
  const batch = async (commands: readonly string[]): Promise<BatchPart[]> => {
    if (commands.length === 0) return [];
    const line = batchLine(commands);
    const { parts } = line.split((await shell(line.line)).output);
    if (parts.length < commands.length) throw new ReplyCutOffError(serial, commands[parts.length]!);
    return parts;
  };
  /** A read's output, or its failure in the device's words. */
  const ok = (command: string, part: BatchPart) => checked(command, part.output, part.exitCode);

  /** Identity, packages, versions and settings: each asked-for group's commands, in that order. */
  const read = async (reads: DeviceReads): Promise<DeviceReading> => {
    const parts = reads.identity;
    const packages = reads.packages ?? [];
    const versions = reads.versions ?? [];
    const settings = reads.settings ?? [];
    const commands = [
      ...(parts ? identityCommands(parts) : []),
      ...packages.map(dumpsysPackage),
      ...(versions.length > 0 ? [listVersions(versions)] : []),
      ...settings.map(({ namespace, key }) => `settings get ${namespace} ${shellQuote(key)}`),
    ];
    const results = (await batch(commands)).map((part, index) => ({ part, command: commands[index]! }));
    let at = 0;
    const next = (count: number) => results.slice(at, (at += count));
    // The identity's sections are parsed whatever their exit code (a device without
    // device_policy says so in its output); reads of packages and settings must succeed.
    const identity = parts
      ? identityFrom(
          serial,
          parts,
          next(parts.length + 1).map(({ part }) => part.output),
        )
      : undefined;
    const infos = next(packages.length).map(({ part, command }, index) =>
      parseDumpsysPackage(ok(command, part), packages[index]!),
    );
    const listed = new Map(
      next(versions.length > 0 ? 1 : 0).flatMap(({ part, command }) =>
        parsePmListPackages(ok(command, part)).map((each) => [each.packageName, each.versionCode] as const),
      ),
    );
    const values = next(settings.length).map(({ part, command }) => settingValue(ok(command, part)));
    return {
      identity,
      packages: infos,
      versions: versions.map((name) => listed.get(name)),
      settings: values,
    };
  };

  /** Runs `change`, then reads the package in the same round trip; the change must succeed. */
  const changeAndRead = async (
    change: string,
    packageName: string,
    succeeded?: (output: string) => boolean,
  ) => {
    const [done, after] = await batch([change, dumpsysPackage(packageName)]);
    checked(change, done!.output, done!.exitCode, succeeded);
    return parseDumpsysPackage(ok(dumpsysPackage(packageName), after!), packageName);
  };
  const pmSucceeded = (output: string) => /^Success$/m.test(output);

  const sessions = new SessionUploads({
    device,
    serial,
    route: async () => (await routeOnce()).plain,
    must: (command) => must(command),
    run: (command) => shell(command),
    describe: deviceMessage,
  });
  /**
   * Commits an APK staged ahead (stageInstall), reading `packageName` back in the same round
   * trip when given; 'lost' when the phone no longer has the session (it restarted since), so
   * the caller streams the APK afresh. A refusal throws the package manager's own words.
   */
  const commitStaged = async (session: StagedSession, packageName?: string) => {
    const commit = commitCommand(session.sessionId);
    const [done, after] = await batch(
      packageName === undefined ? [commit] : [commit, dumpsysPackage(packageName)],
    );
    if (!/^(Success|Failure)/m.test(done!.output)) {
      await session.remove();
      return 'lost' as const;
    }
    checked(commit, done!.output, done!.exitCode, pmSucceeded);
    return packageName === undefined
      ? undefined
      : parseDumpsysPackage(ok(dumpsysPackage(packageName), after!), packageName);
  };

  /**
   * A device without abb_exec or cmd (before Android 7): push, then `pm install`, whose reply
   * ("Failure [INSTALL_FAILED_…: …]") is the device's own words; with `packageName`, the
   * package is read back in the same round trip as the install.
   */
  const pushAndInstall = async (apkPath: string, packageName?: string) => {
    const remote = `${STAGING_DIR}/depotline-${process.pid}-${basename(apkPath).replace(/[^\w.-]/g, '_')}`;
    await withDeviceErrors(serial, () => pushFile(device, apkPath, remote));
    const install = `pm install -r ${shellQuote(remote)}`;
    try {
      if (packageName !== undefined) return await changeAndRead(install, packageName, pmSucceeded);
      await must(install, pmSucceeded);
      return undefined;
    } finally {
      await shell(`rm -f ${shellQuote(remote)}`).catch(() => undefined);
    }
  };

  return {
    serial,
    async identity() {
      return fullIdentity((await read({ identity: ALL_IDENTITY_PARTS })).identity!);
    },
    read,
    async packageInfo(packageName) {
      return (await read({ packages: [packageName] })).packages[0];
    },
    async packageInfos(packageNames) {
      return (await read({ packages: packageNames })).packages;
    },
    async installedVersion(packageName) {
      return (await read({ versions: [packageName] })).versions[0];
    },
    stageInstall: (apkPath) => sessions.stage(apkPath),
    hasStaged: (apkPath) => sessions.has(apkPath),
    discardStaged: () => sessions.discard(),
    async install(apkPath) {
      const staged = await sessions.take(apkPath);
      if (staged && (await commitStaged(staged)) !== 'lost') return;
      const how = (await routeOnce()).plain;
      if (how === 'push') await pushAndInstall(apkPath);
      else await withDeviceErrors(serial, () => streamedInstall(device, serial, apkPath, how, deviceMessage));
    },
    async installAndRead(apkPath, packageName) {
      const staged = await sessions.take(apkPath);
      if (staged) {
        const committed = await commitStaged(staged, packageName);
        if (committed !== 'lost') return committed;
      }
      const how = (await routeOnce()).chained;
      if (how === 'push') return pushAndInstall(apkPath, packageName);
      if (how === 'abb_exec') {
        await withDeviceErrors(serial, () => streamedInstall(device, serial, apkPath, how, deviceMessage));
        return (await read({ packages: [packageName] })).packages[0];
      }
      // The read runs on the phone once the install has finished, in the install's own stream.
      const [after] = await withDeviceErrors(serial, () =>
        streamedInstall(device, serial, apkPath, how, deviceMessage, [dumpsysPackage(packageName)]),
      );
      return parseDumpsysPackage(ok(dumpsysPackage(packageName), after!), packageName);
    },
    async uninstall(packageName) {
      return changeAndRead(`pm uninstall ${shellQuote(packageName)}`, packageName, pmSucceeded);
    },
    async setPermission(packageName, permission, grant) {
      const change = `pm ${grant ? 'grant' : 'revoke'} ${shellQuote(packageName)} ${shellQuote(permission)}`;
      return changeAndRead(change, packageName);
    },
    async getSetting(namespace: SettingsNamespace, key) {
      return settingValue(await must(`settings get ${namespace} ${shellQuote(key)}`));
    },
    async getSettings(keys) {
      return (await read({ settings: keys })).settings;
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

/** Throws the device's own words when a command failed (exit code, or output that says so). */
function checked(
  command: string,
  output: string,
  exitCode: number,
  succeeded: (output: string) => boolean = () => true,
): string {
  if (exitCode !== 0 || !succeeded(output))
    throw new DeviceCommandError(deviceMessage(output) ?? `"${command}" failed (exit code ${exitCode})`);
  return output;
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

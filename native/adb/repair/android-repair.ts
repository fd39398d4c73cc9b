// The repair bench's reads and wipes on one Android phone over the real adb server: the facts
// that block a wipe, grading diagnostics, which wipe methods it can do, the wipes themselves,
// and the readback after it came back. Each read is one or two shell round trips
// (sections.ts); the parsers are the staging driver's where the output is the same.
import type { AdbClient } from '../adb-client.ts';
import { DeviceCommandError, DeviceUnreadableError } from '../../device-errors.ts';
import { parseDf } from '../parsers/df.ts';
import { parseDumpsysAccount, type DeviceAccount } from '../parsers/dumpsys-account.ts';
import { parseDumpsysBattery } from '../parsers/dumpsys-battery.ts';
import { parseDeviceOwner, type DeviceOwner } from '../parsers/dumpsys-device-policy.ts';
import { parseGetprop } from '../parsers/getprop.ts';
import { parsePmListPackages } from '../parsers/pm-list-packages.ts';
import { runShell } from '../shell.ts';
import { BATTERY_SYSFS, capacityPercent, sysfsNumber } from './diagnostics.ts';
import {
  checkDpcBroadcastReply,
  dpcBroadcastCommand,
  dpcCommandFor,
  type DpcWipeCommand,
} from './dpc-wipe.ts';
import { rebootToRecovery } from './recovery.ts';
import {
  parseScreenLock,
  SCREEN_LOCK_COMMAND,
  SCREEN_LOCK_MIN_SDK,
  screenLockUnreadable,
  type ScreenLockReading,
} from './screen-lock.ts';
import { sectionedCommand, splitSections, type SectionResult } from './sections.ts';
import { checkTestHarnessReply, TEST_HARNESS_ENABLE, testHarnessUnsupportedReason } from './test-harness.ts';
import { countUserFiles, USER_FILES_COMMAND } from './user-files.ts';

export interface AndroidRepairTarget {
  client: AdbClient;
  /** What adb calls the phone (its serial over USB, HOST:PORT for a lab phone). */
  adbSerial: string;
}

export interface AndroidRepairState {
  /** ro.serialno (the adb serial when the phone does not report one). */
  serial: string;
  manufacturer: string;
  sdk: number;
  release: string;
  accounts: DeviceAccount[];
  deviceOwner: DeviceOwner | undefined;
  screenLock: ScreenLockReading;
  /** Why no Test Harness wipe; undefined when the phone can do it. */
  testHarnessUnsupported: string | undefined;
}

export interface AndroidReadback {
  serial: string;
  /** Setup wizard not finished (user_setup_complete is not 1). */
  setupPending: boolean;
  /** persist.sys.test_harness: set only by a test-harness wipe, which also skips setup. */
  testHarnessMode: boolean;
  accounts: DeviceAccount[];
  /** Packages beyond the system image (`pm list packages -3`). */
  thirdPartyPackages: string[];
  userFiles: number;
}

export interface AndroidDiagnostics {
  batteryLevel: number | null;
  batteryHealthPercent: number | null;
  batteryCycles: number | null;
  storageTotalBytes: number | null;
  storageFreeBytes: number | null;
  release: string;
}

async function shell(target: AndroidRepairTarget, command: string) {
  return runShell(target.client.getDevice(target.adbSerial), target.adbSerial, command);
}

async function sections(
  target: AndroidRepairTarget,
  parts: Record<string, string>,
): Promise<(name: string) => SectionResult> {
  const { output } = await shell(target, sectionedCommand(parts));
  const found = splitSections(output);
  return (name) => {
    const section = found.get(name);
    if (section === undefined)
      throw new DeviceUnreadableError(`the reply has no "${parts[name] ?? name}" part (cut off?)`);
    return section;
  };
}

async function properties(target: AndroidRepairTarget): Promise<Map<string, string>> {
  return parseGetprop((await shell(target, 'getprop')).output);
}

function sdkOf(props: Map<string, string>): number {
  const sdk = Number.parseInt(props.get('ro.build.version.sdk') ?? '', 10);
  if (Number.isNaN(sdk)) throw new DeviceUnreadableError('getprop reported no SDK level');
  return sdk;
}

/** Blocker facts and wipe support in two round trips (the SDK decides whether the lock may be asked). */
export async function readAndroidRepairState(target: AndroidRepairTarget): Promise<AndroidRepairState> {
  const props = await properties(target);
  const sdk = sdkOf(props);
  const askLock = sdk >= SCREEN_LOCK_MIN_SDK;
  const part = await sections(target, {
    accounts: 'dumpsys account',
    devicePolicy: 'dumpsys device_policy',
    services: 'cmd -l',
    ...(askLock ? { screenLock: SCREEN_LOCK_COMMAND } : {}),
  });
  const lock = askLock ? part('screenLock') : undefined;
  const screenLock = lock ? parseScreenLock(lock.text, lock.exitCode) : screenLockUnreadable(sdk);
  return {
    serial: props.get('ro.serialno') || target.adbSerial,
    manufacturer: props.get('ro.product.manufacturer') ?? '',
    sdk,
    release: props.get('ro.build.version.release') ?? '',
    accounts: parseDumpsysAccount(part('accounts').text),
    deviceOwner: parseDeviceOwner(part('devicePolicy').text),
    screenLock,
    testHarnessUnsupported: testHarnessUnsupportedReason({
      sdk,
      persistentDataBlock: props.get('ro.frp.pst') ?? '',
      services: part('services').text,
      screenLock,
    }),
  };
}

export async function readAndroidDiagnostics(target: AndroidRepairTarget): Promise<AndroidDiagnostics> {
  const part = await sections(target, {
    release: 'getprop ro.build.version.release',
    battery: 'dumpsys battery',
    storage: 'df /data',
    ...BATTERY_SYSFS,
  });
  const battery = (() => {
    try {
      return parseDumpsysBattery(part('battery').text);
    } catch {
      return undefined; // no battery level in the reply: unknown, the rest still counts
    }
  })();
  const storage = (() => {
    try {
      return parseDf(part('storage').text);
    } catch {
      return undefined;
    }
  })();
  const sys = (name: keyof typeof BATTERY_SYSFS) => sysfsNumber(part(name).text, part(name).exitCode);
  return {
    batteryLevel: battery?.levelPercent ?? null,
    batteryHealthPercent: capacityPercent(sys('chargeFull'), sys('chargeFullDesign')),
    batteryCycles: sys('cycles'),
    storageTotalBytes: storage?.totalBytes ?? null,
    storageFreeBytes: storage?.freeBytes ?? null,
    release: part('release').text.trim(),
  };
}

export async function readAndroidReadback(target: AndroidRepairTarget): Promise<AndroidReadback> {
  const part = await sections(target, {
    props: 'getprop',
    setup: 'settings get secure user_setup_complete',
    accounts: 'dumpsys account',
    thirdParty: 'pm list packages -3',
    userFiles: USER_FILES_COMMAND,
  });
  const props = parseGetprop(part('props').text);
  return {
    serial: props.get('ro.serialno') || target.adbSerial,
    setupPending: part('setup').text.trim() !== '1',
    testHarnessMode: props.get('persist.sys.test_harness') === '1',
    accounts: parseDumpsysAccount(part('accounts').text),
    thirdPartyPackages: parsePmListPackages(part('thirdParty').text).map((p) => p.packageName),
    userFiles: countUserFiles(part('userFiles').text),
  };
}

/** Sends `cmd testharness enable`; resolves once the phone took it (it then wipes and drops off). */
export async function startTestHarnessWipe(target: AndroidRepairTarget): Promise<void> {
  const { output, exitCode } = await shell(target, TEST_HARNESS_ENABLE);
  checkTestHarnessReply(output, exitCode);
}

/** Sends the depot's wipe broadcast to the device owner's receiver, after checking it is the owner. */
export async function startDpcWipe(
  target: AndroidRepairTarget,
  commands: readonly DpcWipeCommand[],
): Promise<void> {
  const part = await sections(target, { devicePolicy: 'dumpsys device_policy' });
  const fit = dpcCommandFor(commands, parseDeviceOwner(part('devicePolicy').text)?.packageName);
  if ('reason' in fit) throw new DeviceCommandError(`${fit.reason} Nothing was wiped.`);
  const { output, exitCode } = await shell(target, dpcBroadcastCommand(fit.command));
  checkDpcBroadcastReply(output, exitCode);
}

export async function startRecoveryReboot(target: AndroidRepairTarget): Promise<void> {
  await rebootToRecovery(target.client, target.adbSerial);
}

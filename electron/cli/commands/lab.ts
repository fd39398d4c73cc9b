// `depotline lab`: a bench of virtual phones for development and demos. Starts N Android
// devices on their own TCP ports, announced to an adb server, and/or M iPhones behind the
// lab's own usbmuxd (USBMUXD_SOCKET_ADDRESS points libimobiledevice and Depotline at it),
// serves the control API on 127.0.0.1 and runs until Ctrl-C / SIGTERM, when it disconnects
// the devices and stops cleanly.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { IosLabController, type IosLabDeviceInfo } from '../../../native/lab/ios/lab/ios-lab-controller.ts';
import { labIosServices } from '../../../native/lab/ios/services/index.ts';
import { parseUsbmuxAddress, type UsbmuxAddress } from '../../../native/lab/ios/usbmuxd/usbmux-address.ts';
import { AdbServerClient } from '../../../native/lab/adb/lab/adb-server.ts';
import { startControlApi, type ControlApi } from '../../../native/lab/adb/lab/control-api.ts';
import { describeFaults, parseFaults } from '../../../native/lab/adb/lab/faults.ts';
import {
  ADB_SCAN_PORTS,
  LabController,
  type LabDeviceInfo,
} from '../../../native/lab/adb/lab/lab-controller.ts';
import {
  IMPLEMENTED_FEATURES,
  parseFeatureList,
  type AdbFeature,
} from '../../../native/lab/adb/protocol/features.ts';
import type { LatencyModel } from '../../../native/lab/adb/virtual-device-api.ts';

interface LabCliOptions {
  android: number;
  ios: number;
  usbmuxd?: UsbmuxAddress;
  /** undefined: trust prompts wait for the control API ("never"). */
  acceptTrustAfter: number | undefined;
  pairRecords?: string;
  seed: string;
  portBase: number;
  controlPort: number;
  latency: LatencyModel;
  faults: string;
  features: AdbFeature[];
  acceptRsaAfter: number;
  adb: string;
  adbServerPort: number;
  adbConnect: boolean;
  verbose?: boolean;
  json?: boolean;
}

export function registerLabCommand(program: Command): void {
  program
    .command('lab')
    .description(
      "Run virtual Android phones that the real adb sees, and virtual iPhones that libimobiledevice (and Depotline) see through the lab's usbmuxd.",
    )
    .option('--android <n>', 'number of Android phones (0–500)', integerIn('--android', 0, 500), 0)
    .option('--ios <n>', 'number of iPhones/iPads (0–200)', integerIn('--ios', 0, 200), 0)
    .option(
      '--usbmuxd <address>',
      "where the iOS lab's usbmuxd listens: HOST:PORT (loopback) or a socket path (default: a UNIX socket in a new temp folder)",
      usbmuxAddress,
    )
    .addOption(
      new Option(
        '--accept-trust-after <ms>',
        'iPhones answer "Trust This Computer?" this long after it shows; 0 = no prompt, "never" = only via the control API',
      )
        .argParser(trustDelay)
        .default(0),
    )
    .option('--pair-records <dir>', "keep usbmuxd's pair records in this folder (default: in memory)")
    .option(
      '--seed <text>',
      'identity seed: the same seed gives the same phones (serials, models, IMEIs)',
      'depotline',
    )
    .option(
      '--port-base <port>',
      `first device port; device i listens on port-base + i (must avoid ${ADB_SCAN_PORTS.first}–${ADB_SCAN_PORTS.last})`,
      integerIn('--port-base', 1024, 65535),
      6100,
    )
    .option(
      '--control-port <port>',
      'port of the HTTP control API on 127.0.0.1 (0 picks a free one)',
      integerIn('--control-port', 0, 65535),
      0,
    )
    .option(
      '--latency <model>',
      'realistic (phone-like boot and install times) or fast (for tests)',
      latencyModel,
      'realistic',
    )
    .option(
      '--faults <list>',
      'comma list of KIND=COUNT[:ARG], assigned to devices in order from index 0 (see below)',
      '',
    )
    .addOption(
      new Option('--features <list>', 'comma list of adb transport features every device advertises')
        .argParser(parseFeatures)
        .default([...IMPLEMENTED_FEATURES], 'all implemented'),
    )
    .option(
      '--accept-rsa-after <ms>',
      'healthy phones accept the "Allow USB debugging?" prompt after this long',
      integerIn('--accept-rsa-after', 0, 3_600_000),
      0,
    )
    .option('--adb <path>', 'adb binary used to start the adb server', 'adb')
    .addOption(
      new Option('-P, --adb-server-port <port>', 'adb server port')
        .argParser(integerIn('--adb-server-port', 1, 65535))
        .default(defaultAdbServerPort(), '$ANDROID_ADB_SERVER_PORT, else 5037'),
    )
    .option('--no-adb-connect', 'only listen; do not announce the devices to an adb server')
    .option('--verbose', 'log protocol events (refused services, malformed packets) to stderr')
    .option('--json', 'print the control API URL and the device list as JSON')
    .addHelpText(
      'after',
      `
Faults (one per device, in the order given):
${describeFaults()}
  e.g. --faults unauthorized=2,slow=1:20 makes devices 0 and 1 wait for their RSA prompt
  to be accepted and device 2 twenty times slower; --faults lying=1,truncated=1:2048 makes
  device 0 answer garbage to getprop and device 1 cut every shell reply after 2 KiB (both
  still run what they are sent: their command logs stay true).

Features: ${IMPLEMENTED_FEATURES.join(', ')}.
  adb picks its install path from them: abb_exec → abb_exec:package install;
  cmd only → exec:cmd package install; neither → push + pm install.

The control API (JSON on 127.0.0.1; see native/lab/adb/CONTROL-API.md) lists devices
and plugs, unplugs, yanks, reboots them, accepts RSA prompts, adds accounts, sets the
battery, fills storage, makes the next install fail or hang, and slows devices down:
  curl -X POST http://127.0.0.1:PORT/devices/0/accept-rsa

iPhones (--ios N) sit behind the lab's own usbmuxd; the lab prints the line to paste,
USBMUXD_SOCKET_ADDRESS=UNIX:/tmp/…/usbmuxd.sock, after which idevice_id, ideviceinfo,
idevicepair, ideviceinstaller and Depotline see them. Their routes (native/lab/ios/
CONTROL-API.md) are under /ios/devices: accept or deny the trust prompt, Setup Assistant,
supervision, Activation Lock, passcode, battery, failing installs, restart, erase:
  curl -X POST http://127.0.0.1:PORT/ios/devices/0/accept-trust`,
    )
    .action((options: LabCliOptions) => runLab(options));
}

async function runLab(options: LabCliOptions): Promise<void> {
  if (options.android === 0 && options.ios === 0)
    throw new Error('give --android N and/or --ios N (at least one device).');
  const faults = parseFaults(options.faults, options.android);
  // Listen for Ctrl-C from the start: one pressed while the devices come up still stops them cleanly.
  let onSignal: (signal: NodeJS.Signals) => void = () => undefined;
  const stopRequested = new Promise<NodeJS.Signals>((resolve) => (onSignal = resolve));
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const log = options.verbose ? (message: string) => process.stderr.write(`lab: ${message}\n`) : undefined;
    const lab = options.android > 0 ? await startAndroidLab(options, faults, log) : undefined;
    let ios: IosLabController | undefined;
    let api: ControlApi;
    try {
      ios = options.ios > 0 ? await startIosLab(options, log) : undefined;
      api = await startControlApi(lab, {
        port: options.controlPort,
        ...(ios === undefined ? {} : { ios }),
      }).catch((error: unknown) => {
        throw new Error(
          `control API cannot listen on 127.0.0.1:${options.controlPort}: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      });
    } catch (error) {
      await ios?.stop();
      await lab?.stop();
      throw error;
    }
    if (options.json)
      process.stdout.write(
        `${JSON.stringify(
          {
            controlUrl: api.url,
            devices: lab?.list() ?? [],
            ...(ios === undefined ? {} : { usbmuxdAddress: ios.usbmuxdAddress, iosDevices: ios.list() }),
          },
          null,
          2,
        )}\n`,
      );
    else printLab(api.url, lab?.list(), ios, options);

    const signal = await stopRequested;
    if (!options.json) process.stdout.write(`\n${signal}: disconnecting the devices and stopping the lab…\n`);
    await api.close();
    await ios?.stop();
    await lab?.stop();
    if (!options.json) process.stdout.write('Lab stopped.\n');
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function startAndroidLab(
  options: LabCliOptions,
  faults: ReturnType<typeof parseFaults>,
  log: ((message: string) => void) | undefined,
): Promise<LabController> {
  return LabController.start({
    android: options.android,
    seed: options.seed,
    portBase: options.portBase,
    latency: options.latency,
    faults,
    features: options.features,
    acceptRsaAfterMs: options.acceptRsaAfter,
    ...(options.adbConnect
      ? { adb: new AdbServerClient({ adbPath: options.adb, serverPort: options.adbServerPort }) }
      : {}),
    ...(log === undefined ? {} : { log }),
  });
}

function startIosLab(
  options: LabCliOptions,
  log: ((message: string) => void) | undefined,
): Promise<IosLabController> {
  return IosLabController.start({
    ios: options.ios,
    seed: options.seed,
    latency: options.latency,
    services: labIosServices,
    ...(options.usbmuxd === undefined ? {} : { usbmuxd: options.usbmuxd }),
    ...(options.acceptTrustAfter === undefined ? {} : { acceptTrustAfterMs: options.acceptTrustAfter }),
    ...(options.pairRecords === undefined ? {} : { pairRecordDir: options.pairRecords }),
    ...(log === undefined ? {} : { log }),
  });
}

function printLab(
  url: string,
  android: LabDeviceInfo[] | undefined,
  ios: IosLabController | undefined,
  options: LabCliOptions,
): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`Control API: ${url}`);
  if (android !== undefined) printAndroid(android, options, out);
  if (ios !== undefined) printIos(ios, out);
  out('Press Ctrl-C to stop.');
}

function printIos(ios: IosLabController, out: (line: string) => void): void {
  out("iOS devices (behind the lab's usbmuxd; paste the next line into a shell to use them):");
  out(`USBMUXD_SOCKET_ADDRESS=${ios.usbmuxdAddress}`);
  for (const device of ios.list()) out(iosLine(device));
}

function iosLine(device: IosLabDeviceInfo): string {
  const state = device.inSetupAssistant ? 'Setup Assistant' : device.activationState;
  const trust = device.trust === 'trusted' ? '' : `  trust: ${device.trust}`;
  const slot = `hub ${device.slot.hub} port ${device.slot.port}`;
  return `  ${String(device.index).padStart(3)}  ${device.udid.padEnd(26)} ${device.serial.padEnd(11)} ${device.modelName.padEnd(27)} iOS ${device.iosVersion.padEnd(7)} ${slot.padEnd(15)} ${state}${device.activationLock ? ', Activation Lock' : ''}${trust}`;
}

function printAndroid(devices: LabDeviceInfo[], options: LabCliOptions, out: (line: string) => void): void {
  out(
    options.adbConnect
      ? `Android devices (announced to the adb server on port ${options.adbServerPort}):`
      : 'Android devices (not announced to adb):',
  );
  for (const device of devices) {
    const fault =
      device.fault === null
        ? ''
        : `  fault: ${device.fault.kind}${device.fault.arg === undefined ? '' : `:${device.fault.arg}`}`;
    const auth = device.authorized ? 'authorized' : 'RSA prompt pending';
    out(
      `  ${String(device.index).padStart(3)}  ${device.adbSerial.padEnd(16)} ${device.serial.padEnd(16)} ${`${device.manufacturer} ${device.model}`.padEnd(28)} Android ${device.androidRelease.padEnd(5)} ${auth}${fault}`,
    );
  }
}

function integerIn(name: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!/^\d+$/.test(value.trim()) || number < min || number > max)
      throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}.`);
    return number;
  };
}

function usbmuxAddress(value: string): UsbmuxAddress {
  try {
    return parseUsbmuxAddress(value);
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
  }
}

function trustDelay(value: string): number | undefined {
  if (value.trim() === 'never') return undefined;
  return integerIn('--accept-trust-after', 0, 3_600_000)(value);
}

function latencyModel(value: string): LatencyModel {
  if (value !== 'realistic' && value !== 'fast') throw new InvalidArgumentError('use "realistic" or "fast".');
  return value;
}

function parseFeatures(value: string): AdbFeature[] {
  try {
    return parseFeatureList(value);
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
  }
}

function defaultAdbServerPort(): number {
  const fromEnv = Number(process.env.ANDROID_ADB_SERVER_PORT);
  return Number.isInteger(fromEnv) && fromEnv > 0 && fromEnv <= 65535 ? fromEnv : 5037;
}

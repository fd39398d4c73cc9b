// `depotline lab`: a bench of virtual phones for development and demos. Starts N Android
// devices on their own TCP ports, announces them to an adb server, serves the control
// API on 127.0.0.1 and runs until Ctrl-C / SIGTERM, when it disconnects them from adb
// and stops cleanly.
import { InvalidArgumentError, Option, type Command } from 'commander';
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
    .description('Run virtual Android phones that the real adb (and Depotline) see as plugged-in devices.')
    .requiredOption('--android <n>', 'number of Android phones (1–500)', integerIn('--android', 1, 500))
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
  curl -X POST http://127.0.0.1:PORT/devices/0/accept-rsa`,
    )
    .action((options: LabCliOptions) => runLab(options));
}

async function runLab(options: LabCliOptions): Promise<void> {
  const faults = parseFaults(options.faults, options.android);
  // Listen for Ctrl-C from the start: one pressed while the devices come up still stops them cleanly.
  let onSignal: (signal: NodeJS.Signals) => void = () => undefined;
  const stopRequested = new Promise<NodeJS.Signals>((resolve) => (onSignal = resolve));
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const log = options.verbose ? (message: string) => process.stderr.write(`lab: ${message}\n`) : undefined;
    const lab = await LabController.start({
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
    let api: ControlApi;
    try {
      api = await startControlApi(lab, { port: options.controlPort });
    } catch (error) {
      await lab.stop();
      throw new Error(
        `control API cannot listen on 127.0.0.1:${options.controlPort}: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    if (options.json)
      process.stdout.write(`${JSON.stringify({ controlUrl: api.url, devices: lab.list() }, null, 2)}\n`);
    else printDevices(api.url, lab.list(), options);

    const signal = await stopRequested;
    if (!options.json)
      process.stdout.write(`\n${signal}: disconnecting the devices from adb and stopping the lab…\n`);
    await api.close();
    await lab.stop();
    if (!options.json) process.stdout.write('Lab stopped.\n');
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function printDevices(url: string, devices: LabDeviceInfo[], options: LabCliOptions): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`Control API: ${url}`);
  out(
    options.adbConnect
      ? `Devices (announced to the adb server on port ${options.adbServerPort}):`
      : 'Devices (not announced to adb):',
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
  out('Press Ctrl-C to stop.');
}

function integerIn(name: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!/^\d+$/.test(value.trim()) || number < min || number > max)
      throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}.`);
    return number;
  };
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

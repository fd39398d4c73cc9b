import { InvalidArgumentError, type Command } from 'commander';
import { fileURLToPath } from 'node:url';
import { createCore } from '../../core/core.ts';
import { startStation } from '../../station/station-server.ts';
import { dataDirFrom, dataDirOption, parsePort } from '../options.ts';
import { addAdbOptions, adbServerFrom, type AdbCliOptions } from '../bench-core.ts';
import { adbAvailable, maybeStartLab, planIosLab, type EmbeddedLab, type LabCount } from '../embedded-lab.ts';
import { addUsbmuxdOption, type UsbmuxdCliOptions } from '../usbmuxd-option.ts';

const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../../dist/renderer', import.meta.url));

interface ServeOptions extends AdbCliOptions, UsbmuxdCliOptions {
  host: string;
  port: number;
  dataDir?: string;
  rendererDir: string;
  lab: LabCount;
  labIos: LabCount;
  labTrustAfter: number | 'never';
  labLatency: 'realistic' | 'fast';
  labFaults: string;
  labPortBase: number;
}

export function registerServeCommand(program: Command): void {
  addUsbmuxdOption(
    addAdbOptions(
      program
        .command('serve')
        .description('Station mode: serve the console to a browser on this PC (or a tablet, with --host).')
        .option(
          '--host <address>',
          'address to listen on; anything but loopback exposes the station to the network',
          '127.0.0.1',
        )
        .option('--port <n>', 'TCP port (0 picks a free one)', parsePort, 4780)
        .addOption(dataDirOption())
        .option('--renderer-dir <dir>', 'built renderer to serve', DEFAULT_RENDERER_DIR)
        .option(
          '--lab <auto|off|N>',
          'simulated Android phones: auto starts 8 when adb sees no phone; N always starts N',
          parseLab,
          'auto',
        )
        .option(
          '--lab-ios <auto|off|N>',
          'simulated iPhones: auto starts 4 when no usbmuxd runs on this PC; N always starts N',
          parseLab,
          'auto',
        )
        .option(
          '--lab-trust-after <ms|never>',
          'lab iPhones that ask "Trust This Computer?" are trusted this long after (never: only through the control API)',
          parseTrustAfter,
          3_000,
        )
        .option('--lab-latency <model>', 'lab timing: realistic or fast', 'realistic')
        .option('--lab-faults <list>', 'lab faults, as for `depotline lab --faults`', '')
        .option('--lab-port-base <port>', 'first lab phone port', parsePort, 6100),
    ),
  )
    .addHelpText(
      'after',
      '\nA new access token is made at every start; open the printed address to use the console.',
    )
    .action((options: ServeOptions) => serve(options));
}

function parseTrustAfter(value: string): number | 'never' {
  if (value === 'never') return value;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 0 || ms > 600_000)
    throw new InvalidArgumentError('use never or a number of milliseconds from 0 to 600000.');
  return ms;
}

function parseLab(value: string): ServeOptions['lab'] {
  if (value === 'auto' || value === 'off') return value;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > 200)
    throw new InvalidArgumentError('use auto, off or a number of phones from 1 to 200.');
  return count;
}

async function serve(options: ServeOptions): Promise<void> {
  const dataDir = dataDirFrom(options);
  const adb = adbServerFrom(options);
  const withAdb = await adbAvailable(adb);
  if (!withAdb)
    process.stderr.write(
      `warning: cannot run "${adb.adbPath}"; install Android platform tools (adb) to see Android phones\n`,
    );
  const ios = await planIosLab(options.labIos, options.usbmuxd);
  // The store first: a database this version cannot open stops everything before a lab starts.
  let core;
  try {
    core = createCore({
      dataDir,
      frontDoor: 'station',
      bench: { ...(withAdb ? { adb } : {}), usbmux: ios.usbmux },
    });
  } catch (error) {
    ios.cleanup();
    throw error;
  }
  let lab: EmbeddedLab | undefined;
  let station;
  try {
    lab = await maybeStartLab({
      lab: options.lab,
      iosLab: options.labIos,
      iosCount: ios.labCount,
      iosUsbmuxd: ios.labCount > 0 ? ios.usbmux : undefined,
      trustAfterMs: options.labTrustAfter === 'never' ? undefined : options.labTrustAfter,
      latency: options.labLatency,
      faults: options.labFaults,
      portBase: options.labPortBase,
      adb: withAdb ? adb : undefined,
    });
    station = await startStation({
      core,
      host: options.host,
      port: options.port,
      rendererDir: options.rendererDir,
    }).catch((error: unknown) => {
      throw new Error(`cannot listen on ${options.host}:${options.port}: ${(error as Error).message}`, {
        cause: error,
      });
    });
  } catch (error) {
    core.close();
    await lab?.stop();
    ios.cleanup();
    throw error;
  }
  if (!['127.0.0.1', '::1', 'localhost'].includes(options.host)) {
    process.stderr.write(
      `warning: listening on ${options.host}: other machines on this network can reach the station (token still required)\n`,
    );
  }
  process.stdout.write(`Data folder: ${dataDir}\n`);
  if (lab)
    process.stdout.write(
      `Simulated lab: ${lab.android} Android phones, ${lab.ios} iPhones; control API ${lab.controlUrl}\n`,
    );
  process.stdout.write(`Depotline station ready: ${station.openUrl}\n`);

  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.stdout.write(`\n${signal}: stopping the station…\n`);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void station
        .close()
        .then(() => core.close())
        .then(() => lab?.stop())
        .then(() => ios.cleanup())
        .finally(() => {
          process.stdout.write('Station stopped; database closed.\n');
          resolve();
        });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

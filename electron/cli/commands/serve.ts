import type { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import { createCore } from '../../core/core.ts';
import { startStation } from '../../station/station-server.ts';
import { dataDirFrom, dataDirOption, parsePort } from '../options.ts';

const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../../dist/renderer', import.meta.url));

interface ServeOptions {
  host: string;
  port: number;
  dataDir?: string;
  rendererDir: string;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Station mode: serve the console to a browser on this PC (or a tablet, with --host).')
    .option('--host <address>', 'address to listen on; anything but loopback exposes the station to the network', '127.0.0.1')
    .option('--port <n>', 'TCP port (0 picks a free one)', parsePort, 4780)
    .addOption(dataDirOption())
    .option('--renderer-dir <dir>', 'built renderer to serve', DEFAULT_RENDERER_DIR)
    .addHelpText('after', '\nA new access token is made at every start; open the printed address to use the console.')
    .action((options: ServeOptions) => serve(options));
}

async function serve(options: ServeOptions): Promise<void> {
  const dataDir = dataDirFrom(options);
  const core = createCore({ dataDir, frontDoor: 'station' });
  let station;
  try {
    station = await startStation({ core, host: options.host, port: options.port, rendererDir: options.rendererDir });
  } catch (error) {
    core.close();
    throw new Error(`cannot listen on ${options.host}:${options.port}: ${(error as Error).message}`, { cause: error });
  }
  if (!['127.0.0.1', '::1', 'localhost'].includes(options.host)) {
    process.stderr.write(`warning: listening on ${options.host}: other machines on this network can reach the station (token still required)\n`);
  }
  process.stdout.write(`Data folder: ${dataDir}\n`);
  process.stdout.write(`Depotline station ready: ${station.openUrl}\n`);

  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.stdout.write(`\n${signal}: stopping the station…\n`);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void station
        .close()
        .finally(() => {
          core.close();
          process.stdout.write('Station stopped; database closed.\n');
          resolve();
        });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

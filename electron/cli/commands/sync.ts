import type { Command } from 'commander';
import type { ConnectorView, SyncOverview } from '../../common/models/sync.ts';
import { createCore } from '../../core/core.ts';
import { dataDirFrom, dataDirOption } from '../options.ts';
import { printJson, requestInProcess } from '../in-process.ts';

interface SyncOptions {
  dataDir?: string;
  json?: boolean;
}

/** `depotline sync …`; other sync subcommands (intune-export) register on the same group. */
export function syncGroup(program: Command): Command {
  return (
    program.commands.find((command) => command.name() === 'sync') ??
    program.command('sync').description('Sync to central systems (Snipe-IT, webhooks, Intune).')
  );
}

function describe(view: ConnectorView): string {
  const parts = [`${view.id} (${view.kind}): ${view.state}`, `${view.queueDepth} queued`];
  if (view.deadLetters > 0) parts.push(`${view.deadLetters} dead letters`);
  if (view.openConflicts > 0) parts.push(`${view.openConflicts} conflicts`);
  parts.push(`last success ${view.lastSuccessAt ?? 'never'}`);
  if (view.lastError) parts.push(`last error ${view.lastErrorAt}: ${view.lastError}`);
  return parts.join(' · ');
}

function printOverview(overview: SyncOverview): void {
  if (overview.connectors.length === 0) process.stdout.write('No connectors are set up.\n');
  for (const view of overview.connectors) process.stdout.write(`${describe(view)}\n`);
  const { secrets } = overview;
  process.stdout.write(
    `Secrets: ${secrets.available ? `stored with the ${secrets.source} key` : `cannot be stored (${secrets.reason ?? 'no key source'})`}\n`,
  );
}

export function registerSyncCommand(program: Command): void {
  const sync = syncGroup(program);

  sync
    .command('status')
    .description('Each connector: state, queue depth, dead letters, conflicts, last success and last error.')
    .addOption(dataDirOption())
    .option('--json', 'print the overview as JSON')
    .action(async (options: SyncOptions) => {
      const overview = await requestInProcess(dataDirFrom(options), 'sync.overview', {});
      if (options.json) printJson(overview);
      else printOverview(overview);
    });

  sync
    .command('drain')
    .description(
      'Send every queued change now and exit when the queues are empty (for a station without the console open). Exit code 1 if changes remain or dead letters exist.',
    )
    .addOption(dataDirOption())
    .option('--timeout <seconds>', 'give up after this long', (value) => Number(value), 600)
    .option('--json', 'print the final overview as JSON')
    .action(async (options: SyncOptions & { timeout: number }) => {
      const core = createCore({
        dataDir: dataDirFrom(options),
        frontDoor: 'cli',
        runSync: true,
        log: (message) => process.stderr.write(`${message}\n`),
      });
      try {
        await core.context.sync.start();
        const until = Date.now() + options.timeout * 1000;
        let overview = core.context.sync.overview();
        const busy = (o: SyncOverview) =>
          o.connectors.some((view) => !view.paused && (view.queueDepth > 0 || view.state === 'syncing'));
        while (busy(overview) && Date.now() < until) {
          await new Promise((resolve) => setTimeout(resolve, 250));
          overview = core.context.sync.overview();
        }
        if (options.json) printJson(overview);
        else printOverview(overview);
        const left = overview.connectors.some((view) => view.queueDepth > 0 || view.deadLetters > 0);
        process.exitCode = left ? 1 : 0;
      } finally {
        await core.context.sync.close();
        core.close();
      }
    });
}

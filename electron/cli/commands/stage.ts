import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { JobView } from '../../common/models/staging.ts';
import type { Core } from '../../core/core.ts';
import { summary as profileSummary } from '../../core/staging/staging-handlers.ts';
import { dataDirFrom, dataDirOption } from '../options.ts';
import { addUsbmuxdOption, type UsbmuxdCliOptions } from '../usbmuxd-option.ts';
import {
  addAdbOptions,
  adbServerFrom,
  createBenchCore,
  settledDevices,
  type AdbCliOptions,
} from '../bench-core.ts';
import { StageProgress } from '../stage-progress.ts';

interface StageOptions extends AdbCliOptions, UsbmuxdCliOptions {
  profile: string;
  devices: string;
  concurrency?: number;
  dataDir?: string;
  json?: boolean;
  wait: number;
}

export function registerStageCommand(program: Command): void {
  addUsbmuxdOption(
    addAdbOptions(
      program
        .command('stage')
        .description('Stage phones on this bench with a profile; exit code 0 only when every phone is done.')
        .requiredOption(
          '--profile <file|id>',
          'a profile file (YAML/JSON, imported first) or the id of an imported profile',
        )
        .option('--devices <all|SERIAL,…>', 'which phones: all ready ones, or a comma list of serials', 'all')
        .option('--concurrency <n>', 'phones staged at once', Number)
        .addOption(dataDirOption())
        .option('--wait <seconds>', 'how long to let adb report newly plugged phones first', Number, 10)
        .option('--json', 'JSON lines instead of the live table (also when output is not a terminal)'),
    ),
  ).action(async (options: StageOptions) => {
    const core = createBenchCore(
      dataDirFrom(options),
      adbServerFrom(options),
      options.concurrency ? { staging: { concurrency: options.concurrency } } : {},
      options.usbmuxd,
    );
    try {
      process.exitCode = await stage(core, options);
    } finally {
      core.close();
    }
  });
}

async function stage(core: Core, options: StageOptions): Promise<number> {
  const { bench, settings } = core.context;
  const stored = existsSync(options.profile)
    ? await bench.profiles.importFile(options.profile, settings.who())
    : bench.profiles.latest().find((candidate) => candidate.profile.id === options.profile);
  if (!stored) throw new Error(`no profile file or imported profile named "${options.profile}"`);
  const info = profileSummary(stored);
  process.stderr.write(
    `Profile ${info.name} (${info.id} v${info.version}, ${info.stepCount} steps${info.allowShell ? ', RUNS SHELL COMMANDS' : ''})\n`,
  );

  const devices = await settledDevices(core, options.wait * 1000);
  const wanted =
    options.devices === 'all'
      ? devices.filter((device) => device.state === 'ready').map((device) => device.serial)
      : options.devices
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
  if (wanted.length === 0) throw new Error('no ready phones to stage (see `depotline devices`)');
  const unknown = wanted.filter((serial) => !devices.some((device) => device.serial === serial));
  if (unknown.length > 0) throw new Error(`not on this bench: ${unknown.join(', ')}`);

  const slotOf = (serial: string) => devices.find((device) => device.serial === serial)?.slotName ?? '';
  const progress = new StageProgress(process.stdout, Boolean(options.json), slotOf);
  const { batchId, jobIds } = bench.engine.start(stored.row, wanted);
  const unsubscribe = core.bus.subscribe(
    (_name, payload) => progress.update((payload as JobView[]).filter((job) => job.batchId === batchId)),
    ['staging.progress'],
  );
  const stop = () => bench.engine.cancel(jobIds);
  process.once('SIGINT', stop);
  try {
    progress.update(bench.jobViews.ofBatch(batchId));
    await bench.engine.idle();
    progress.update(bench.jobViews.ofBatch(batchId));
  } finally {
    unsubscribe();
    process.off('SIGINT', stop);
  }
  const result = progress.summary();
  const line = `${result.done} of ${result.total} done, ${result.failed} failed, ${result.blocked} blocked, ${result.cancelled} cancelled`;
  if (options.json || !process.stdout.isTTY)
    process.stdout.write(`${JSON.stringify({ event: 'summary', batchId, ...result })}\n`);
  else process.stdout.write(`${line}\n`);
  return result.done === result.total ? 0 : 1;
}

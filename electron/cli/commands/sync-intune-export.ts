import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { Command } from 'commander';
import { ASSET_STATES, type AssetState } from '../../common/models/asset.ts';
import { AssetQuerySchema } from '../../common/models/asset-query.ts';
import { createCore } from '../../core/core.ts';
import {
  exportIntuneCsv,
  INTUNE_CSV_MAX_ROWS,
  type IntuneCsvFile,
} from '../../core/sync/connectors/intune/intune-csv.ts';
import { printJson } from '../in-process.ts';
import { syncGroup } from './sync.ts';
import { dataDirFrom, dataDirOption } from '../options.ts';

interface ExportOptions {
  out: string;
  dataDir?: string;
  state: AssetState[];
  json?: boolean;
}

const collectState = (value: string, previous: AssetState[]): AssetState[] => {
  const states = value.split(',').map((s) => s.trim());
  for (const state of states)
    if (!(ASSET_STATES as readonly string[]).includes(state))
      throw new Error(`--state must be one of ${ASSET_STATES.join(', ')}; got "${state}"`);
  return [...previous, ...(states as AssetState[])];
};

/**
 * The file for one part: the identifier type is in the name because the admin center asks
 * for it ("IMEI" or "Serial") when the file is uploaded. devices.csv → devices-imei.csv,
 * devices-serial.csv, and devices-imei-2.csv … past 5,000 rows.
 */
export function partPath(out: string, file: Pick<IntuneCsvFile, 'type' | 'part'>): string {
  const ext = extname(out) || '.csv';
  const stem = basename(out, extname(out));
  const type = file.type === 'imei' ? 'imei' : 'serial';
  return join(dirname(out), `${stem}-${type}${file.part > 1 ? `-${file.part}` : ''}${ext}`);
}

/**
 * `depotline sync intune-export --out FILE`: every asset (or those in --state) as the CSV
 * files the Intune admin center imports as corporate device identifiers. Reads the registry
 * only; each file is written whole to a temporary name and then renamed into place.
 * Exit code 2 when some assets could not be exported (listed with the reason).
 */
export function registerSyncIntuneExportCommand(program: Command): void {
  syncGroup(program)
    .command('intune-export')
    .description(
      `Write the Intune corporate device identifier CSV files (IMEI and serial files apart, at most ${INTUNE_CSV_MAX_ROWS} rows each).`,
    )
    .requiredOption('--out <file>', 'base file name, e.g. devices.csv → devices-imei.csv, devices-serial.csv')
    .addOption(dataDirOption())
    .option(
      '--state <state>',
      `only assets in these states (repeat or comma-separate): ${ASSET_STATES.join(', ')}`,
      collectState,
      [],
    )
    .option('--json', 'print the files written and the assets skipped as JSON')
    .action((options: ExportOptions) => {
      const query = AssetQuerySchema.parse({
        filter: { states: options.state },
        sort: { field: 'createdAt', direction: 'asc' },
      });
      const core = createCore({
        dataDir: dataDirFrom(options),
        frontDoor: 'cli',
        log: (m) => process.stderr.write(`${m}\n`),
      });
      let result;
      try {
        result = exportIntuneCsv(core.context.assets.iterate(query));
      } finally {
        core.close();
      }
      const written = result.files.map((file) => {
        const path = partPath(options.out, file);
        const partial = `${path}.partial`;
        try {
          writeFileSync(partial, file.text, 'utf8');
          renameSync(partial, path);
        } catch (error) {
          rmSync(partial, { force: true });
          throw error;
        }
        return { path, type: file.type, rows: file.rows };
      });
      if (result.skipped.length > 0) process.exitCode = 2;
      if (options.json) return printJson({ files: written, skipped: result.skipped });
      for (const file of written) {
        const kind = file.type === 'imei' ? 'IMEI' : 'Serial';
        process.stdout.write(`${file.path}: ${file.rows} devices — upload with identifier type "${kind}"\n`);
      }
      if (written.length === 0) process.stdout.write('No assets to export.\n');
      for (const skip of result.skipped)
        process.stdout.write(`skipped asset ${skip.assetId} (${skip.serial}): ${skip.reason}\n`);
    });
}

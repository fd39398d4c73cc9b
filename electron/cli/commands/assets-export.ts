import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { ASSET_SORT_FIELDS, ASSET_STATES } from '../../common/models/asset.ts';
import { AssetQuerySchema } from '../../common/models/asset-query.ts';
import { issuesFromZod } from '../../common/contract/errors.ts';
import { createCore } from '../../core/core.ts';
import { writeAssetsCsv } from '../../core/documents/asset-csv.ts';
import { dataDirFrom, dataDirOption } from '../options.ts';

interface ExportOptions {
  dataDir?: string;
  search?: string;
  state: string[];
  sort: string;
  desc?: boolean;
}

const collect = (value: string, previous: string[]) => [
  ...previous,
  ...value.split(',').map((s) => s.trim()),
];

/**
 * `depotline assets export FILE`: the view a search and filters select, any number of rows,
 * streamed to a temporary file that replaces FILE only when complete.
 */
export function registerAssetsExportCommand(assets: Command): void {
  assets
    .command('export')
    .description('Export assets to a CSV file (UTF-8 with BOM for Excel; formulas neutralised).')
    .argument('<file>', 'CSV file to write (replaced when the export is complete)')
    .addOption(dataDirOption())
    .option('--search <text>', 'tag, serial, IMEI (or its last digits), model or person')
    .option(
      '--state <state>',
      `only these states (repeat or comma-separate): ${ASSET_STATES.join(', ')}`,
      collect,
      [],
    )
    .option('--sort <field>', `sort by ${ASSET_SORT_FIELDS.join(', ')}`, 'updatedAt')
    .option('--desc', 'descending order')
    .action(async (file: string, options: ExportOptions) => {
      const parsed = AssetQuerySchema.safeParse({
        search: options.search ?? '',
        filter: { states: options.state },
        sort: { field: options.sort, direction: options.desc ? 'desc' : 'asc' },
      });
      if (!parsed.success)
        throw new Error(
          issuesFromZod(parsed.error)
            .map((i) => `${i.path}: ${i.message}`)
            .join('; '),
        );
      const core = createCore({
        dataDir: dataDirFrom(options),
        frontDoor: 'cli',
        log: (m) => process.stderr.write(`${m}\n`),
      });
      const partial = `${file}.partial`;
      const out = createWriteStream(partial);
      try {
        const { assets: registry } = core.context;
        const rows = await writeAssetsCsv(
          registry.iterate(parsed.data),
          registry.customFields.list(),
          async (chunk) => {
            if (!out.write(chunk)) await once(out, 'drain');
          },
        );
        out.end();
        await once(out, 'finish');
        renameSync(partial, file);
        process.stdout.write(`Exported ${rows} assets to ${file}.\n`);
      } catch (error) {
        out.destroy();
        rmSync(partial, { force: true });
        throw error;
      } finally {
        core.close();
      }
    });
}

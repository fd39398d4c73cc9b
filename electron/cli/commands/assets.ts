import type { Command } from 'commander';
import { ASSET_SORT_FIELDS, type AssetSortField } from '../../common/models/asset.ts';
import { dataDirFrom, dataDirOption } from '../options.ts';
import { printJson, requestInProcess } from '../in-process.ts';
import { registerAssetsImportCommand } from './assets-import.ts';
import { registerAssetsExportCommand } from './assets-export.ts';

interface ListOptions {
  dataDir?: string;
  json?: boolean;
  page: number;
  pageSize: number;
  sort: AssetSortField;
  desc?: boolean;
}

export function registerAssetsCommand(program: Command): void {
  const assets = program.command('assets').description('The asset registry.');
  registerAssetsImportCommand(assets);
  registerAssetsExportCommand(assets);
  assets
    .command('list')
    .description('Print a page of assets.')
    .addOption(dataDirOption())
    .option('--page <n>', 'page number', (value) => Number(value), 1)
    .option('--page-size <n>', 'assets per page (at most 500)', (value) => Number(value), 50)
    .option('--sort <field>', `sort by ${ASSET_SORT_FIELDS.join(', ')}`, 'updatedAt')
    .option('--desc', 'descending order')
    .option('--json', 'print the page as JSON')
    .action(async (options: ListOptions) => {
      const page = await requestInProcess(dataDirFrom(options), 'assets.list', {
        page: options.page,
        pageSize: options.pageSize,
        sort: { field: options.sort, direction: options.desc ? 'desc' : 'asc' },
      });
      if (options.json) return printJson(page);
      if (page.total === 0) {
        process.stdout.write('No assets yet. Devices become assets when they are staged on a bench.\n');
        return;
      }
      for (const asset of page.items) {
        process.stdout.write(
          `${String(asset.id).padStart(6)}  ${asset.manufacturer} ${asset.model}  ${asset.serial}  ${asset.platform} ${asset.osVersion}  ${asset.state}\n`,
        );
      }
      process.stdout.write(`page ${page.page}: ${page.items.length} of ${page.total} assets\n`);
    });
}

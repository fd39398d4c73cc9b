import type { Command } from 'commander';
import {
  ASSET_SORT_FIELDS,
  ASSET_STATES,
  type Asset,
  type AssetSortField,
  type AssetState,
} from '../../common/models/asset.ts';
import { dataDirFrom, dataDirOption } from '../options.ts';
import { printJson, requestInProcess } from '../in-process.ts';
import { registerAssetsImportCommand } from './assets-import.ts';
import { registerAssetsExportCommand } from './assets-export.ts';

interface ListOptions {
  dataDir?: string;
  json?: boolean;
  search?: string;
  state: AssetState[];
  offset: number;
  limit: number;
  sort: AssetSortField;
  desc?: boolean;
}

const collectState = (value: string, previous: AssetState[]): AssetState[] => {
  if (!(ASSET_STATES as readonly string[]).includes(value))
    throw new Error(`--state must be one of ${ASSET_STATES.join(', ')}; got "${value}"`);
  return [...previous, value as AssetState];
};

function line(asset: Asset): string {
  const holder = asset.assignee ? `  → ${asset.assignee.name}` : '';
  return `${String(asset.id).padStart(7)}  ${(asset.assetTag ?? '—').padEnd(12)} ${asset.serial.padEnd(16)} ${`${asset.manufacturer} ${asset.model}`.padEnd(28)} ${asset.state}${holder}\n`;
}

function details(asset: Asset): string {
  const rows: [string, string | number | null][] = [
    ['Asset', `${asset.id}${asset.assetTag ? ` · ${asset.assetTag}` : ''}`],
    ['Device', `${asset.manufacturer} ${asset.model} (${asset.platform} ${asset.osVersion})`],
    ['Serial', asset.serial],
    ['IMEI', asset.imeis.join(', ') || null],
    ['State', asset.state],
    [
      'Holder',
      asset.assignee
        ? `${asset.assignee.name} (${asset.assignee.department ?? 'no department'}) since ${asset.assignee.since}`
        : null,
    ],
    ['Location', asset.location],
    [
      'Purchase',
      [asset.purchase.date, asset.purchase.supplier, asset.purchase.orderNumber]
        .filter(Boolean)
        .join(' · ') || null,
    ],
    ['Warranty end', asset.purchase.warrantyEnd],
    ['Tags', asset.tags.join(', ') || null],
    [
      'Staged',
      asset.staging
        ? `${asset.staging.profile} v${asset.staging.profileVersion} at ${asset.staging.at} by ${asset.staging.by}`
        : null,
    ],
    ['Updated', asset.updatedAt],
  ];
  return rows
    .filter(([, value]) => value !== null)
    .map(([name, value]) => `${name.padEnd(13)} ${value}\n`)
    .join('');
}

/**
 * `depotline assets …`: list, show and assign here; import and export live in their own files
 * (assets-import.ts, assets-export.ts) and register on the same `assets` command below.
 */
export function registerAssetsCommand(program: Command): void {
  const assets = program.command('assets').description('The asset registry.');
  registerAssetsImportCommand(assets);
  registerAssetsExportCommand(assets);

  assets
    .command('list')
    .description(
      'Print assets matching a search (tag, serial, IMEI or its last digits, model, person) and states.',
    )
    .addOption(dataDirOption())
    .option('--search <text>', 'what the search box would find')
    .option('--state <state>', `only this state (repeatable): ${ASSET_STATES.join(', ')}`, collectState, [])
    .option('--sort <field>', `sort by ${ASSET_SORT_FIELDS.join(', ')}`, 'updatedAt')
    .option('--desc', 'descending order')
    .option('--offset <n>', 'skip this many rows', (value) => Number(value), 0)
    .option('--limit <n>', 'at most this many rows (1–500)', (value) => Number(value), 50)
    .option('--json', 'print the rows and the total as JSON')
    .action(async (options: ListOptions) => {
      const page = await requestInProcess(dataDirFrom(options), 'assets.list', {
        search: options.search ?? '',
        filter: { states: options.state },
        sort: { field: options.sort, direction: options.desc ? 'desc' : 'asc' },
        offset: options.offset,
        limit: options.limit,
      });
      if (options.json) return printJson(page);
      if (page.total === 0) {
        process.stdout.write(
          options.search || options.state.length > 0
            ? 'No asset matches.\n'
            : 'No assets yet. Devices become assets when they are staged on a bench or imported.\n',
        );
        return;
      }
      for (const asset of page.items) process.stdout.write(line(asset));
      process.stdout.write(`${page.offset + 1}–${page.offset + page.items.length} of ${page.total} assets\n`);
    });

  assets
    .command('show')
    .description('Print one asset by id, asset tag, serial or IMEI; exit 1 when none or several match.')
    .argument('<code>', 'asset id, tag, serial or IMEI')
    .addOption(dataDirOption())
    .option('--json', 'print the asset as JSON')
    .action(async (code: string, options: { dataDir?: string; json?: boolean }) => {
      const dataDir = dataDirFrom(options);
      const { matches } = await requestInProcess(dataDir, 'assets.lookup', { code });
      // A bare number that is no tag, serial or IMEI is an id.
      if (matches.length === 0 && /^\d{1,9}$/.test(code))
        matches.push(await requestInProcess(dataDir, 'assets.get', { id: Number(code) }));
      if (matches.length !== 1) {
        process.stderr.write(
          matches.length === 0
            ? `No asset has the id, tag, serial or IMEI "${code}".\n`
            : `"${code}" matches ${matches.length} assets:\n${matches.map(line).join('')}`,
        );
        process.exitCode = 1;
        return;
      }
      if (options.json) printJson(matches[0]);
      else process.stdout.write(details(matches[0]!));
    });

  assets
    .command('assign')
    .description('Hand a device to a person (as a rollout scan does): the asset becomes issued.')
    .requiredOption('--device <code>', 'asset tag, serial or IMEI of the device')
    .requiredOption('--person <code>', 'badge, employee id or email of the person')
    .addOption(dataDirOption())
    .option('--json', 'print the handover as JSON')
    .action(async (options: { device: string; person: string; dataDir?: string; json?: boolean }) => {
      const handover = await requestInProcess(dataDirFrom(options), 'rollout.assign', {
        device: options.device,
        person: options.person,
      });
      if (options.json) return printJson(handover);
      process.stdout.write(
        `Issued ${handover.asset.assetTag ?? handover.asset.serial} (${handover.asset.manufacturer} ${handover.asset.model}) ` +
          `to ${handover.person.name}; handover ${handover.assignment.id}.\n`,
      );
    });
}

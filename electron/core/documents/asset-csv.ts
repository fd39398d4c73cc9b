import type { Asset, CustomFieldDefinition } from '../../common/models/asset.ts';
import { csvLine, UTF8_BOM } from './csv-lines.ts';

/**
 * The export's columns. Their headers are names the import maps by itself, so an exported
 * file edited in a spreadsheet comes back in with --update-existing; state, holder and dates
 * are for reading (the import ignores them: the lifecycle and assignments have their own doors).
 */
const COLUMNS: readonly [string, (asset: Asset) => string][] = [
  ['asset_tag', (a) => a.assetTag ?? ''],
  ['serial', (a) => a.serial],
  ['platform', (a) => a.platform],
  ['manufacturer', (a) => a.manufacturer],
  ['model', (a) => a.model],
  ['storage_gb', (a) => text(a.storageGb)],
  ['os_version', (a) => a.osVersion],
  ['imei1', (a) => a.imeis[0] ?? ''],
  ['imei2', (a) => a.imeis[1] ?? ''],
  ['udid', (a) => a.udid ?? ''],
  ['ecid', (a) => a.ecid ?? ''],
  ['state', (a) => a.state],
  ['assignee', (a) => a.assignee?.name ?? ''],
  ['department', (a) => a.assignee?.department ?? ''],
  ['order_number', (a) => a.purchase.orderNumber ?? ''],
  ['supplier', (a) => a.purchase.supplier ?? ''],
  ['purchase_date', (a) => a.purchase.date ?? ''],
  ['price', (a) => (a.purchase.priceMinor === null ? '' : (a.purchase.priceMinor / 100).toFixed(2))],
  ['currency', (a) => a.purchase.currency ?? ''],
  ['warranty_end', (a) => a.purchase.warrantyEnd ?? ''],
  ['location', (a) => a.location ?? ''],
  ['role_profile', (a) => a.roleProfile ?? ''],
  ['condition_grade', (a) => a.conditionGrade ?? ''],
  ['battery_health', (a) => text(a.batteryHealth)],
  ['tags', (a) => a.tags.join(', ')],
  ['notes', (a) => a.notes],
  ['created_at', (a) => a.createdAt],
  ['updated_at', (a) => a.updatedAt],
];

function text(value: string | number | boolean | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

export class TooManyRows extends Error {}

/**
 * Writes assets as CSV lines to `write`, one line at a time, so a caller streaming to a file
 * never holds the export; stops with TooManyRows past `maxRows`. Returns the rows written.
 */
export async function writeAssetsCsv(
  assets: Iterable<Asset>,
  customFields: readonly CustomFieldDefinition[],
  write: (chunk: string) => void | Promise<void>,
  maxRows = Infinity,
): Promise<number> {
  const custom = customFields.map((field) => field.key);
  await write(
    UTF8_BOM + csvLine([...COLUMNS.map(([header]) => header), ...custom.map((key) => `custom:${key}`)]),
  );
  let rows = 0;
  for (const asset of assets) {
    if (rows === maxRows) throw new TooManyRows(`more than ${maxRows} assets`);
    rows += 1;
    await write(
      csvLine([...COLUMNS.map(([, value]) => value(asset)), ...custom.map((key) => text(asset.custom[key]))]),
    );
  }
  return rows;
}

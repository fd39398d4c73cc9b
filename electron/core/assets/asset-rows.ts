import type { Asset, AssetFields } from '../../common/models/asset.ts';
import { FIELD_COLUMN_NAMES, type AssetFieldColumns, type AssetRow } from '../store/assets-queries.ts';

/**
 * Asset fields ↔ columns, written once. Purchase is flattened ("purchase.date"), so an edit
 * is audited field by field, and imeis live in their own table (not a column).
 */
const COLUMN_OF = {
  assetTag: 'asset_tag',
  serial: 'serial',
  platform: 'platform',
  manufacturer: 'manufacturer',
  model: 'model',
  storageGb: 'storage_gb',
  osVersion: 'os_version',
  udid: 'udid',
  ecid: 'ecid',
  'purchase.orderNumber': 'purchase_order',
  'purchase.supplier': 'supplier',
  'purchase.date': 'purchase_date',
  'purchase.priceMinor': 'price_minor',
  'purchase.currency': 'currency',
  'purchase.warrantyEnd': 'warranty_end',
  location: 'location',
  roleProfile: 'role_profile',
  conditionGrade: 'condition_grade',
  batteryHealth: 'battery_health',
  tags: 'tags',
  notes: 'notes',
  custom: 'custom',
} as const satisfies Record<string, keyof AssetFieldColumns>;
export type FlatFieldKey = keyof typeof COLUMN_OF | 'imeis';
export type FlatFields = Partial<Record<FlatFieldKey, unknown>>;

const PURCHASE_KEYS = ['orderNumber', 'supplier', 'date', 'priceMinor', 'currency', 'warrantyEnd'] as const;

/** Every field (present in `fields`) under its flat key. */
export function flattenFields(fields: Partial<AssetFields>): FlatFields {
  const { purchase, ...rest } = fields;
  const flat: FlatFields = { ...rest };
  if (purchase) for (const key of PURCHASE_KEYS) flat[`purchase.${key}`] = purchase[key];
  return flat;
}

/** The columns for these flat fields (imeis excluded: they are rows of asset_imeis). */
export function flatToColumns(flat: FlatFields): Partial<AssetFieldColumns> {
  const columns: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(COLUMN_OF)) {
    if (!(key in flat)) continue;
    const value = flat[key as keyof typeof COLUMN_OF];
    columns[column] = key === 'tags' || key === 'custom' ? JSON.stringify(value) : value;
  }
  return columns;
}

/** The columns of a whole new asset. */
export function fieldsToColumns(fields: AssetFields): AssetFieldColumns {
  return flatToColumns(flattenFields(fields)) as AssetFieldColumns;
}

/** Per column (FIELD_COLUMN_NAMES order), how a whole asset's fields give its value. */
const VALUE_OF_COLUMN = FIELD_COLUMN_NAMES.map((column): ((fields: AssetFields) => unknown) => {
  const key = Object.entries(COLUMN_OF).find(([, c]) => c === column)![0];
  if (key === 'tags' || key === 'custom') return (fields) => JSON.stringify(fields[key]);
  if (key.startsWith('purchase.')) {
    const sub = key.slice('purchase.'.length) as keyof AssetFields['purchase'];
    return (fields) => fields.purchase[sub];
  }
  return (fields) => fields[key as keyof AssetFields];
});

/**
 * fieldsToColumns as a positional list in FIELD_COLUMN_NAMES order, without the flat
 * object in between: what a 100,000-row import stages.
 */
export function fieldValues(fields: AssetFields): unknown[] {
  return VALUE_OF_COLUMN.map((value) => value(fields));
}

export const EMPTY_PURCHASE: AssetFields['purchase'] = {
  orderNumber: null,
  supplier: null,
  date: null,
  priceMinor: null,
  currency: null,
  warrantyEnd: null,
};

/** A complete field set from the few a form or staging gives; the rest empty. */
export function completeFields(
  fields: Partial<AssetFields> & Pick<AssetFields, 'serial' | 'manufacturer' | 'platform'>,
): AssetFields {
  return {
    assetTag: null,
    model: '',
    storageGb: null,
    osVersion: '',
    imeis: [],
    udid: null,
    ecid: null,
    location: null,
    roleProfile: null,
    conditionGrade: null,
    batteryHealth: null,
    tags: [],
    notes: '',
    custom: {},
    ...fields,
    purchase: fields.purchase ?? EMPTY_PURCHASE,
  };
}

export function rowToFields(row: AssetRow, imeis: string[]): AssetFields {
  return {
    assetTag: row.asset_tag,
    serial: row.serial,
    platform: row.platform as AssetFields['platform'],
    manufacturer: row.manufacturer,
    model: row.model,
    storageGb: row.storage_gb,
    osVersion: row.os_version,
    imeis,
    udid: row.udid,
    ecid: row.ecid,
    purchase: {
      orderNumber: row.purchase_order,
      supplier: row.supplier,
      date: row.purchase_date,
      priceMinor: row.price_minor,
      currency: row.currency,
      warrantyEnd: row.warranty_end,
    },
    location: row.location,
    roleProfile: row.role_profile as AssetFields['roleProfile'],
    conditionGrade: row.condition_grade as AssetFields['conditionGrade'],
    batteryHealth: row.battery_health,
    tags: JSON.parse(row.tags) as string[],
    notes: row.notes,
    custom: JSON.parse(row.custom) as AssetFields['custom'],
  };
}

export function rowToAsset(row: AssetRow, imeis: string[], assignee: Asset['assignee']): Asset {
  return {
    ...rowToFields(row, imeis),
    id: row.id,
    state: row.state as Asset['state'],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    assignee,
    staging:
      row.staged_profile === null
        ? null
        : {
            profile: row.staged_profile,
            profileVersion: row.staged_profile_version ?? 0,
            at: row.staged_at ?? '',
            by: row.staged_by ?? '',
            station: row.staged_station ?? '',
          },
  };
}

/** Before → after of every flat field that differs (arrays and objects compared as JSON). */
export function diffFields(
  before: FlatFields,
  after: FlatFields,
): Record<string, { before: unknown; after: unknown }> {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of Object.keys(after) as FlatFieldKey[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      changes[key] = { before: before[key] ?? null, after: after[key] ?? null };
  }
  return changes;
}

/** One line naming an asset, e.g. "DL-00042 · Samsung SM-A546B · issued" (conflicts, refusals). */
export function describeAsset(
  row: Pick<AssetRow, 'asset_tag' | 'serial' | 'manufacturer' | 'model' | 'state'>,
): string {
  return [
    row.asset_tag ?? `serial ${row.serial}`,
    `${row.manufacturer} ${row.model}`.trim(),
    row.state.replaceAll('_', ' '),
  ].join(' · ');
}

import type { Db } from './db.ts';
import type { AssetSortField } from '../../common/models/asset.ts';

/** One row of `assets` as stored (JSON columns as text). */
export interface AssetRow {
  id: number;
  asset_tag: string | null;
  serial: string;
  platform: string;
  manufacturer: string;
  model: string;
  storage_gb: number | null;
  os_version: string;
  udid: string | null;
  ecid: string | null;
  purchase_order: string | null;
  supplier: string | null;
  purchase_date: string | null;
  price_minor: number | null;
  currency: string | null;
  warranty_end: string | null;
  location: string | null;
  role_profile: string | null;
  condition_grade: string | null;
  battery_health: number | null;
  tags: string;
  notes: string;
  custom: string;
  state: string;
  assignee_id: number | null;
  created_at: string;
  updated_at: string;
  staged_profile: string | null;
  staged_profile_version: number | null;
  staged_at: string | null;
  staged_by: string | null;
  staged_station: string | null;
}

/** The columns a person or an import sets (everything but identity, lifecycle, holder, staging). */
export type AssetFieldColumns = Omit<
  AssetRow,
  'id' | 'state' | 'assignee_id' | 'created_at' | 'updated_at' | `staged_${string}`
>;
/** The field columns in one fixed order: named inserts and the import's positional staging share it. */
export const FIELD_COLUMN_NAMES = [
  'asset_tag',
  'serial',
  'platform',
  'manufacturer',
  'model',
  'storage_gb',
  'os_version',
  'udid',
  'ecid',
  'purchase_order',
  'supplier',
  'purchase_date',
  'price_minor',
  'currency',
  'warranty_end',
  'location',
  'role_profile',
  'condition_grade',
  'battery_health',
  'tags',
  'notes',
  'custom',
] as const satisfies readonly (keyof AssetFieldColumns)[];

type StagingColumns = Extract<keyof AssetRow, `staged_${string}`>;
export type StagedRow = Pick<AssetRow, 'id' | 'model' | 'os_version' | 'updated_at' | StagingColumns>;
export type NewAssetRow = AssetFieldColumns & Pick<AssetRow, 'state' | 'created_at' | 'updated_at'>;

/** Sort fields map to columns here and only here; nothing a caller sends reaches SQL text. */
export const SORT_COLUMNS: Record<AssetSortField, string> = {
  assetTag: 'asset_tag',
  serial: 'serial',
  manufacturer: 'manufacturer',
  model: 'model',
  osVersion: 'os_version',
  state: 'state',
  warrantyEnd: 'warranty_end',
  updatedAt: 'updated_at',
  createdAt: 'created_at',
};

export function assetsQueries(db: Db) {
  const byId = db.prepare<[number], AssetRow>('SELECT * FROM assets WHERE id = ?');
  const byDevice = db.prepare<[string, string], AssetRow>(
    'SELECT * FROM assets WHERE manufacturer = ? COLLATE NOCASE AND serial = ?',
  );
  const bySerial = db.prepare<[string], AssetRow>(
    'SELECT * FROM assets WHERE serial = ? ORDER BY id LIMIT 20',
  );
  const byTag = db.prepare<[string], AssetRow>('SELECT * FROM assets WHERE asset_tag = ? COLLATE NOCASE');
  const byImei = db.prepare<[string], AssetRow>(
    'SELECT assets.* FROM asset_imeis JOIN assets ON assets.id = asset_imeis.asset_id WHERE imei = ?',
  );
  // ':' sorts just after '9', so [reversed, reversed || ':') is every IMEI ending in those digits.
  const byImeiSuffix = db.prepare<[string, string], AssetRow>(
    `SELECT assets.* FROM asset_imeis JOIN assets ON assets.id = asset_imeis.asset_id
     WHERE imei_reversed >= ? AND imei_reversed < ? || ':' ORDER BY assets.id LIMIT 21`,
  );
  const imeisOf = db.prepare<[number], { imei: string }>(
    'SELECT imei FROM asset_imeis WHERE asset_id = ? ORDER BY position',
  );
  const imeiOwner = db.prepare<[string], { asset_id: number }>(
    'SELECT asset_id FROM asset_imeis WHERE imei = ?',
  );
  // Ids only: the uniqueness checks of a 100,000-row import read no more than they need.
  const tagOwner = db.prepare<[string], { id: number }>(
    'SELECT id FROM assets WHERE asset_tag = ? COLLATE NOCASE',
  );
  const deviceOwner = db.prepare<[string, string], { id: number }>(
    'SELECT id FROM assets WHERE manufacturer = ? COLLATE NOCASE AND serial = ?',
  );
  const insertImei = db.prepare<[string, string, number, number]>(
    'INSERT INTO asset_imeis (imei, imei_reversed, asset_id, position) VALUES (?, ?, ?, ?)',
  );
  const deleteImeis = db.prepare<[number]>('DELETE FROM asset_imeis WHERE asset_id = ?');
  const insert = db.prepare<NewAssetRow>(
    `INSERT INTO assets (${FIELD_COLUMN_NAMES.join(', ')}, state, created_at, updated_at)
     VALUES (${FIELD_COLUMN_NAMES.map((c) => `@${c}`).join(', ')}, @state, @created_at, @updated_at)`,
  );
  const updateStatements = new Map<string, ReturnType<typeof db.prepare>>();
  const recordStaged = db.prepare<StagedRow>(
    `UPDATE assets SET model = @model, os_version = @os_version, updated_at = @updated_at,
       staged_profile = @staged_profile, staged_profile_version = @staged_profile_version, staged_at = @staged_at,
       staged_by = @staged_by, staged_station = @staged_station
     WHERE id = @id`,
  );
  const setState = db.prepare<{ id: number; state: string; updated_at: string }>(
    'UPDATE assets SET state = @state, updated_at = @updated_at WHERE id = @id',
  );
  const setAssignee = db.prepare<{ id: number; assignee_id: number | null; updated_at: string }>(
    'UPDATE assets SET assignee_id = @assignee_id, updated_at = @updated_at WHERE id = @id',
  );
  const touch = db.prepare<{ id: number; updated_at: string }>(
    'UPDATE assets SET updated_at = @updated_at WHERE id = @id',
  );
  const remove = db.prepare<[number]>('DELETE FROM assets WHERE id = ?');

  return {
    byId: (id: number) => byId.get(id),
    byDevice: (manufacturer: string, serial: string) => byDevice.get(manufacturer, serial),
    bySerial: (serial: string) => bySerial.all(serial),
    byTag: (tag: string) => byTag.get(tag),
    byImei: (imei: string) => byImei.get(imei),
    byImeiSuffix: (digits: string) => {
      const reversed = [...digits].reverse().join('');
      return byImeiSuffix.all(reversed, reversed);
    },
    imeisOf: (id: number) => imeisOf.all(id).map((row) => row.imei),
    imeiOwner: (imei: string) => imeiOwner.get(imei)?.asset_id,
    tagOwner: (tag: string) => tagOwner.get(tag)?.id,
    deviceOwner: (manufacturer: string, serial: string) => deviceOwner.get(manufacturer, serial)?.id,
    addImeis(id: number, imeis: readonly string[]) {
      imeis.forEach((imei, position) => insertImei.run(imei, [...imei].reverse().join(''), id, position));
    },
    setImeis(id: number, imeis: readonly string[]) {
      deleteImeis.run(id);
      this.addImeis(id, imeis);
    },
    insert: (row: NewAssetRow) => Number(insert.run(row).lastInsertRowid),
    /** Writes only the given columns (and updated_at); column names come from our own types. */
    update(id: number, columns: Partial<AssetFieldColumns>, updatedAt: string) {
      const names = Object.keys(columns).filter((name) =>
        (FIELD_COLUMN_NAMES as readonly string[]).includes(name),
      );
      const key = names.join(',');
      let statement = updateStatements.get(key);
      if (!statement) {
        const sets = [...names.map((name) => `${name} = @${name}`), 'updated_at = @updated_at'];
        statement = db.prepare(`UPDATE assets SET ${sets.join(', ')} WHERE id = @id`);
        updateStatements.set(key, statement);
      }
      statement.run({ ...columns, id, updated_at: updatedAt });
    },
    recordStaged: (row: StagedRow) => recordStaged.run(row),
    setState: (id: number, state: string, updatedAt: string) =>
      setState.run({ id, state, updated_at: updatedAt }),
    setAssignee: (id: number, assigneeId: number | null, updatedAt: string) =>
      setAssignee.run({ id, assignee_id: assigneeId, updated_at: updatedAt }),
    touch: (id: number, updatedAt: string) => touch.run({ id, updated_at: updatedAt }),
    remove: (id: number) => remove.run(id),
  };
}
export type AssetsQueries = ReturnType<typeof assetsQueries>;

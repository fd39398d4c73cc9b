import type { Db } from './db.ts';
import type { AssetSortField } from '../../common/models/asset.ts';

export interface AssetRow {
  id: number;
  serial: string;
  platform: string;
  manufacturer: string;
  model: string;
  os_version: string;
  state: string;
  created_at: string;
  updated_at: string;
  staged_profile: string | null;
  staged_profile_version: number | null;
  staged_at: string | null;
  staged_by: string | null;
  staged_station: string | null;
}

type StagingColumns = Extract<keyof AssetRow, `staged_${string}`>;
export type NewAssetRow = Omit<AssetRow, 'id' | StagingColumns>;
export type StagedRow = Pick<
  AssetRow,
  'id' | 'model' | 'os_version' | 'state' | 'updated_at' | StagingColumns
>;

/** Sort fields map to columns here and only here; nothing a caller sends reaches SQL text. */
const SORT_COLUMNS: Record<AssetSortField, string> = {
  serial: 'serial',
  manufacturer: 'manufacturer',
  model: 'model',
  osVersion: 'os_version',
  state: 'state',
  updatedAt: 'updated_at',
  createdAt: 'created_at',
};

export function assetsQueries(db: Db) {
  const byId = db.prepare<[number], AssetRow>('SELECT * FROM assets WHERE id = ?');
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM assets');
  const byDevice = db.prepare<[string, string], AssetRow>(
    'SELECT * FROM assets WHERE manufacturer = ? COLLATE NOCASE AND serial = ?',
  );
  const recordStaged = db.prepare<StagedRow>(
    `UPDATE assets SET model = @model, os_version = @os_version, state = @state, updated_at = @updated_at,
       staged_profile = @staged_profile, staged_profile_version = @staged_profile_version, staged_at = @staged_at,
       staged_by = @staged_by, staged_station = @staged_station
     WHERE id = @id`,
  );
  const insert = db.prepare<NewAssetRow>(
    `INSERT INTO assets (serial, platform, manufacturer, model, os_version, state, created_at, updated_at)
     VALUES (@serial, @platform, @manufacturer, @model, @os_version, @state, @created_at, @updated_at)`,
  );
  const pageStatements = new Map<
    string,
    ReturnType<typeof db.prepare<{ limit: number; offset: number }, AssetRow>>
  >();

  /** The id breaks ties so a page boundary never shows a row twice or skips one. */
  function pageSql(field: AssetSortField, direction: 'asc' | 'desc'): string {
    const dir = direction === 'asc' ? 'ASC' : 'DESC';
    return `SELECT * FROM assets ORDER BY ${SORT_COLUMNS[field]} ${dir}, id ${dir} LIMIT @limit OFFSET @offset`;
  }

  return {
    byId: (id: number) => byId.get(id),
    byDevice: (manufacturer: string, serial: string) => byDevice.get(manufacturer, serial),
    recordStaged: (row: StagedRow) => recordStaged.run(row),
    count: () => count.get()!.n,
    insert: (row: NewAssetRow) => Number(insert.run(row).lastInsertRowid),
    pageSql,
    page(field: AssetSortField, direction: 'asc' | 'desc', limit: number, offset: number): AssetRow[] {
      const key = `${field}:${direction}`;
      let statement = pageStatements.get(key);
      if (!statement) {
        statement = db.prepare(pageSql(field, direction));
        pageStatements.set(key, statement);
      }
      return statement.all({ limit, offset });
    },
  };
}

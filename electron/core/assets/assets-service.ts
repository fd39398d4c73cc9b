import { SqliteError } from 'better-sqlite3';
import { AssetSchema, type Asset, type AssetSortField } from '../../common/models/asset.ts';
import type { Db } from '../store/db.ts';
import { assetsQueries, type AssetRow } from '../store/assets-queries.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { CoreError } from '../core-error.ts';

export type NewAsset = Pick<Asset, 'serial' | 'platform' | 'manufacturer' | 'model' | 'osVersion' | 'state'>;

function rowToAsset(row: AssetRow): Asset {
  return AssetSchema.parse({
    id: row.id,
    serial: row.serial,
    platform: row.platform,
    manufacturer: row.manufacturer,
    model: row.model,
    osVersion: row.os_version,
    state: row.state,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

/** The asset registry's core operations (the full registry grows on this in its own issue). */
export class AssetsService {
  readonly #db: Db;
  readonly #queries: ReturnType<typeof assetsQueries>;
  readonly #audit: AuditLog;
  readonly #now: () => Date;

  constructor(db: Db, audit: AuditLog, now: () => Date = () => new Date()) {
    this.#db = db;
    this.#queries = assetsQueries(db);
    this.#audit = audit;
    this.#now = now;
  }

  get(id: number): Asset {
    const row = this.#queries.byId(id);
    if (!row) throw new CoreError('not_found', `There is no asset with id ${id}.`);
    return rowToAsset(row);
  }

  list(page: number, pageSize: number, sort: { field: AssetSortField; direction: 'asc' | 'desc' }) {
    const items = this.#queries.page(sort.field, sort.direction, pageSize, (page - 1) * pageSize).map(rowToAsset);
    return { items, total: this.#queries.count(), page, pageSize };
  }

  /** Records a new asset and its audit entry together; a twin of a known device is refused. */
  create(asset: NewAsset, who: { actor: string; station: string }): Asset {
    const at = this.#now().toISOString();
    return this.#db
      .transaction(() => {
        let id: number;
        try {
          id = this.#queries.insert({
            serial: asset.serial,
            platform: asset.platform,
            manufacturer: asset.manufacturer,
            model: asset.model,
            os_version: asset.osVersion,
            state: asset.state,
            created_at: at,
            updated_at: at,
          });
        } catch (error) {
          if (error instanceof SqliteError && error.code === 'SQLITE_CONSTRAINT_UNIQUE') {
            throw new CoreError('conflict', `A ${asset.manufacturer} device with serial ${asset.serial} is already registered.`);
          }
          throw error;
        }
        this.#audit.append({ ...who, action: 'asset.created', subject: `asset:${id}`, details: { ...asset } });
        return this.get(id);
      })
      .immediate();
  }
}

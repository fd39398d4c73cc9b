import { SqliteError } from 'better-sqlite3';
import { AssetSchema, type Asset, type AssetSortField } from '../../common/models/asset.ts';
import type { Db } from '../store/db.ts';
import { assetsQueries, type AssetRow } from '../store/assets-queries.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { CoreError } from '../core-error.ts';

export type NewAsset = Pick<Asset, 'serial' | 'platform' | 'manufacturer' | 'model' | 'osVersion' | 'state'>;

export interface StagedDevice {
  serial: string;
  manufacturer: string;
  model: string;
  osVersion: string;
  profile: string;
  profileVersion: number;
}

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
    const items = this.#queries
      .page(sort.field, sort.direction, pageSize, (page - 1) * pageSize)
      .map(rowToAsset);
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
            throw new CoreError(
              'conflict',
              `A ${asset.manufacturer} device with serial ${asset.serial} is already registered.`,
            );
          }
          throw error;
        }
        this.#audit.append({
          ...who,
          action: 'asset.created',
          subject: `asset:${id}`,
          details: { ...asset },
        });
        return this.get(id);
      })
      .immediate();
  }

  /**
   * A staging job finished: the device's asset is created, or updated if it is known, with
   * what was staged, when and by whom; audited with the field changes.
   */
  recordStaged(device: StagedDevice, who: { actor: string; station: string }): Asset {
    return this.#db
      .transaction(() => {
        const at = this.#now().toISOString();
        const existing = this.#queries.byDevice(device.manufacturer, device.serial);
        const id =
          existing?.id ??
          this.create(
            {
              serial: device.serial,
              platform: 'android',
              manufacturer: device.manufacturer,
              model: device.model,
              osVersion: device.osVersion,
              state: 'staging',
            },
            who,
          ).id;
        const before = this.get(id);
        this.#queries.recordStaged({
          id,
          model: device.model,
          os_version: device.osVersion,
          state: 'staged',
          updated_at: at,
          staged_profile: device.profile,
          staged_profile_version: device.profileVersion,
          staged_at: at,
          staged_by: who.actor,
          staged_station: who.station,
        });
        const after = this.get(id);
        const changes = Object.fromEntries(
          (['model', 'osVersion', 'state'] as const)
            .filter((key) => before[key] !== after[key])
            .map((key) => [key, { before: before[key], after: after[key] }]),
        );
        this.#audit.append({
          ...who,
          action: 'asset.staged',
          subject: `asset:${id}`,
          details: { profile: device.profile, profileVersion: device.profileVersion, changes },
        });
        return after;
      })
      .immediate();
  }
}

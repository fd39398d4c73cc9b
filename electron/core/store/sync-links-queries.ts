import type { Db } from './db.ts';
import type { SyncField } from '../../common/models/sync.ts';

export interface LinkRow {
  connector_id: string;
  asset_id: number;
  remote_id: string;
  base: string;
  remote_updated_at: string | null;
  synced_at: string;
}

export interface ConflictRow {
  id: number;
  connector_id: string;
  asset_id: number;
  field: SyncField;
  base_value: string | null;
  local_value: string | null;
  remote_value: string | null;
  detected_at: string;
  state: 'open' | 'resolved';
  resolution: 'local' | 'remote' | null;
  resolved_by: string | null;
  resolved_at: string | null;
  serial?: string | null;
  asset_tag?: string | null;
  model?: string | null;
}

export type NewConflict = Pick<
  ConflictRow,
  'connector_id' | 'asset_id' | 'field' | 'base_value' | 'local_value' | 'remote_value' | 'detected_at'
> & { state: 'open' | 'resolved'; resolution: 'local' | 'remote' | null; resolved_by: string | null };

/** Links (the agreed base per asset and connector) and the conflicts found against them. */
export function syncLinksQueries(db: Db) {
  const link = db.prepare<{ connector: string; asset: number }, LinkRow>(
    'SELECT * FROM sync_links WHERE connector_id = @connector AND asset_id = @asset',
  );
  const saveLink = db.prepare<LinkRow>(
    `INSERT INTO sync_links (connector_id, asset_id, remote_id, base, remote_updated_at, synced_at)
     VALUES (@connector_id, @asset_id, @remote_id, @base, @remote_updated_at, @synced_at)
     ON CONFLICT (connector_id, asset_id) DO UPDATE SET remote_id = excluded.remote_id, base = excluded.base,
       remote_updated_at = excluded.remote_updated_at, synced_at = excluded.synced_at`,
  );
  // An open conflict on the same field is refreshed with the newest values, not duplicated.
  const addConflict = db.prepare<NewConflict>(
    `INSERT INTO sync_conflicts (connector_id, asset_id, field, base_value, local_value, remote_value, detected_at,
       state, resolution, resolved_by, resolved_at)
     VALUES (@connector_id, @asset_id, @field, @base_value, @local_value, @remote_value, @detected_at,
       @state, @resolution, @resolved_by, CASE WHEN @state = 'resolved' THEN @detected_at END)
     ON CONFLICT (connector_id, asset_id, field) WHERE state = 'open'
     DO UPDATE SET local_value = excluded.local_value, remote_value = excluded.remote_value,
       detected_at = excluded.detected_at`,
  );
  const openFor = db.prepare<{ connector: string; asset: number }, ConflictRow>(
    `SELECT * FROM sync_conflicts WHERE connector_id = @connector AND asset_id = @asset AND state = 'open'`,
  );
  const conflict = db.prepare<{ id: number }, ConflictRow>(
    `SELECT c.*, a.serial, a.asset_tag, a.model FROM sync_conflicts c LEFT JOIN assets a ON a.id = c.asset_id WHERE c.id = @id`,
  );
  const listOpen = db.prepare<{ connector: string | null; limit: number }, ConflictRow>(
    `SELECT c.*, a.serial, a.asset_tag, a.model FROM sync_conflicts c LEFT JOIN assets a ON a.id = c.asset_id
     WHERE c.state = 'open' AND (@connector IS NULL OR c.connector_id = @connector) ORDER BY c.id DESC LIMIT @limit`,
  );
  const countOpen = db.prepare<{ connector: string | null }, { n: number }>(
    `SELECT count(*) AS n FROM sync_conflicts WHERE state = 'open' AND (@connector IS NULL OR connector_id = @connector)`,
  );
  const resolve = db.prepare<{ id: number; resolution: string; by: string; at: string }>(
    `UPDATE sync_conflicts SET state = 'resolved', resolution = @resolution, resolved_by = @by, resolved_at = @at
     WHERE id = @id AND state = 'open'`,
  );
  return {
    link: (connector: string, asset: number) => link.get({ connector, asset }),
    saveLink: (row: LinkRow) => saveLink.run(row),
    addConflict: (row: NewConflict) => addConflict.run(row),
    openFor: (connector: string, asset: number) => openFor.all({ connector, asset }),
    conflict: (id: number) => conflict.get({ id }),
    listOpen: (connector: string | null, limit: number) => listOpen.all({ connector, limit }),
    countOpen: (connector: string | null) => countOpen.get({ connector })?.n ?? 0,
    resolve: (id: number, resolution: 'local' | 'remote', by: string, at: string) =>
      resolve.run({ id, resolution, by, at }).changes === 1,
  };
}
export type SyncLinksQueries = ReturnType<typeof syncLinksQueries>;

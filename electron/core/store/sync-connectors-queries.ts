import type { Db } from './db.ts';
import type { ConnectorKind, ConnectorMode } from '../../common/models/sync.ts';

export interface ConnectorRow {
  id: string;
  kind: ConnectorKind;
  mode: ConnectorMode;
  name: string;
  config: string;
  paused: 0 | 1;
  created_at: string;
  updated_at: string;
  last_success_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
}

export function syncConnectorsQueries(db: Db) {
  const all = db.prepare<[], ConnectorRow>('SELECT * FROM sync_connectors ORDER BY name, id');
  const byId = db.prepare<{ id: string }, ConnectorRow>('SELECT * FROM sync_connectors WHERE id = @id');
  const upsert = db.prepare<Pick<ConnectorRow, 'id' | 'kind' | 'mode' | 'name' | 'config'> & { at: string }>(
    `INSERT INTO sync_connectors (id, kind, mode, name, config, created_at, updated_at)
     VALUES (@id, @kind, @mode, @name, @config, @at, @at)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, config = excluded.config, updated_at = excluded.updated_at`,
  );
  const setPaused = db.prepare<{ id: string; paused: number; at: string }>(
    'UPDATE sync_connectors SET paused = @paused, updated_at = @at WHERE id = @id',
  );
  const success = db.prepare<{ id: string; at: string }>(
    'UPDATE sync_connectors SET last_success_at = @at WHERE id = @id',
  );
  const error = db.prepare<{ id: string; at: string; error: string }>(
    'UPDATE sync_connectors SET last_error = @error, last_error_at = @at WHERE id = @id',
  );
  const remove = db.prepare<{ id: string }>('DELETE FROM sync_connectors WHERE id = @id');
  return {
    all: () => all.all(),
    byId: (id: string) => byId.get({ id }),
    upsert: (row: Pick<ConnectorRow, 'id' | 'kind' | 'mode' | 'name' | 'config'>, at: string) =>
      upsert.run({ ...row, at }),
    setPaused: (id: string, paused: boolean, at: string) => setPaused.run({ id, paused: paused ? 1 : 0, at }),
    success: (id: string, at: string) => success.run({ id, at }),
    error: (id: string, at: string, message: string) => error.run({ id, at, error: message }),
    remove: (id: string) => remove.run({ id }).changes === 1,
  };
}
export type SyncConnectorsQueries = ReturnType<typeof syncConnectorsQueries>;

import type { Db } from './db.ts';
import type { ChangeKind } from '../../common/models/sync.ts';

export interface OutboxRow {
  id: number;
  connector_id: string;
  asset_id: number;
  kind: ChangeKind;
  change_key: string;
  details: string;
  changes: number;
  state: 'pending' | 'dead';
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  enqueued_at: string;
  updated_at: string;
}

export interface OutboxListRow extends OutboxRow {
  serial: string | null;
  asset_tag: string | null;
  model: string | null;
}

/**
 * The outbox queue. `due` hands out, per asset, only the oldest item (per-asset order);
 * for events connectors an asset whose older item is a dead letter is held behind it
 * until a person retries or discards it, so its events never arrive out of order.
 */
export function syncOutboxQueries(db: Db) {
  const due = db.prepare<
    { connector: string; now: number; limit: number; holdBehindDead: number },
    OutboxRow
  >(
    `SELECT o.* FROM sync_outbox o
     WHERE o.connector_id = @connector AND o.state = 'pending' AND o.next_attempt_at <= @now
       AND NOT EXISTS (
         SELECT 1 FROM sync_outbox e
         WHERE e.connector_id = o.connector_id AND e.asset_id = o.asset_id AND e.id < o.id
           AND (e.state = 'pending' OR (@holdBehindDead = 1 AND e.state = 'dead')))
     ORDER BY o.id LIMIT @limit`,
  );
  const nextDue = db.prepare<{ connector: string }, { at: number | null }>(
    `SELECT min(next_attempt_at) AS at FROM sync_outbox WHERE connector_id = @connector AND state = 'pending'`,
  );
  const counts = db.prepare<{ connector: string }, { pending: number; dead: number }>(
    `SELECT coalesce(sum(state = 'pending'), 0) AS pending, coalesce(sum(state = 'dead'), 0) AS dead
     FROM sync_outbox WHERE connector_id = @connector`,
  );
  const byId = db.prepare<{ id: number }, OutboxRow>('SELECT * FROM sync_outbox WHERE id = @id');
  const completeIfUnchanged = db.prepare<{ id: number; changes: number }>(
    'DELETE FROM sync_outbox WHERE id = @id AND changes = @changes',
  );
  // Superseded while in flight: the newer changes still have to go, as a new logical change.
  const requeueSuperseded = db.prepare<{ id: number; key: string; at: string }>(
    `UPDATE sync_outbox SET attempts = 0, next_attempt_at = 0, last_error = NULL, change_key = @key, updated_at = @at
     WHERE id = @id`,
  );
  const fail = db.prepare<{
    id: number;
    error: string;
    next: number;
    dead: number;
    at: string;
    count: number;
  }>(
    `UPDATE sync_outbox SET attempts = attempts + @count, last_error = @error, next_attempt_at = @next,
       state = CASE WHEN @dead = 1 THEN 'dead' ELSE state END, updated_at = @at
     WHERE id = @id`,
  );
  const retryDead = db.prepare<{ id: number; at: string }>(
    `UPDATE sync_outbox SET state = 'pending', attempts = 0, next_attempt_at = 0, updated_at = @at
     WHERE id = @id AND state = 'dead'
       AND NOT EXISTS (SELECT 1 FROM sync_outbox p WHERE p.connector_id = sync_outbox.connector_id
         AND p.asset_id = sync_outbox.asset_id AND p.state = 'pending' AND p.kind IN ('created', 'changed')
         AND sync_outbox.kind IN ('created', 'changed'))`,
  );
  // A dead "make it equal" item whose asset has a newer pending one is folded into that one.
  const foldDead = db.prepare<{ id: number }>(
    `DELETE FROM sync_outbox WHERE id = @id AND state = 'dead' AND kind IN ('created', 'changed')`,
  );
  const remove = db.prepare<{ id: number }>('DELETE FROM sync_outbox WHERE id = @id');
  const list = db.prepare<
    { connector: string | null; state: string; limit: number; desc: number },
    OutboxListRow
  >(
    `SELECT o.*, a.serial, a.asset_tag, a.model FROM sync_outbox o LEFT JOIN assets a ON a.id = o.asset_id
     WHERE (@connector IS NULL OR o.connector_id = @connector) AND o.state = @state
     ORDER BY CASE WHEN @desc = 1 THEN -o.id ELSE o.id END LIMIT @limit`,
  );
  const total = db.prepare<{ connector: string | null; state: string }, { n: number }>(
    `SELECT count(*) AS n FROM sync_outbox WHERE (@connector IS NULL OR connector_id = @connector) AND state = @state`,
  );
  // A person decided a conflict for the local value: the asset must be synced again.
  const enqueueChange = db.prepare<{ connector: string; asset: number; key: string; at: string }>(
    `INSERT INTO sync_outbox (connector_id, asset_id, kind, change_key, enqueued_at, updated_at)
     VALUES (@connector, @asset, 'changed', @key, @at, @at)
     ON CONFLICT (connector_id, asset_id) WHERE state = 'pending' AND kind IN ('created', 'changed')
     DO UPDATE SET changes = changes + 1, updated_at = excluded.updated_at`,
  );
  const dropConnector = db.prepare<{ connector: string }>(
    'DELETE FROM sync_outbox WHERE connector_id = @connector',
  );

  return {
    due: (connector: string, now: number, limit: number, holdBehindDead: boolean) =>
      due.all({ connector, now, limit, holdBehindDead: holdBehindDead ? 1 : 0 }),
    nextDueAt: (connector: string) => nextDue.get({ connector })?.at ?? null,
    counts: (connector: string) => counts.get({ connector }) ?? { pending: 0, dead: 0 },
    byId: (id: number) => byId.get({ id }),
    /** true when the item was done; false when newer changes folded in meanwhile (it was re-keyed and stays queued). */
    complete(row: OutboxRow, newKey: () => string, at: string): boolean {
      if (completeIfUnchanged.run({ id: row.id, changes: row.changes }).changes === 1) return true;
      requeueSuperseded.run({ id: row.id, key: newKey(), at });
      return false;
    },
    fail: (id: number, error: string, next: number, dead: boolean, at: string, countAttempt = true) =>
      fail.run({ id, error, next, dead: dead ? 1 : 0, at, count: countAttempt ? 1 : 0 }),
    /** Back into the queue; a dead "make it equal" item is dropped when a newer one already covers it. */
    retryDead(id: number, at: string): 'retried' | 'folded' | 'missing' {
      if (retryDead.run({ id, at }).changes === 1) return 'retried';
      return foldDead.run({ id }).changes === 1 ? 'folded' : 'missing';
    },
    remove: (id: number) => remove.run({ id }).changes === 1,
    list: (connector: string | null, state: 'pending' | 'dead', limit: number) =>
      list.all({ connector, state, limit, desc: state === 'dead' ? 1 : 0 }),
    total: (connector: string | null, state: 'pending' | 'dead') => total.get({ connector, state })?.n ?? 0,
    enqueueChange: (connector: string, asset: number, key: string, at: string) =>
      enqueueChange.run({ connector, asset, key, at }),
    dropConnector: (connector: string) => dropConnector.run({ connector }).changes,
  };
}
export type SyncOutboxQueries = ReturnType<typeof syncOutboxQueries>;

import type { Migration } from './migration.ts';

/**
 * The sync outbox. Triggers on `assets` enqueue every change for every connector, so a change
 * and its outbox row commit or roll back together whichever code path made the change
 * (the editor, an import, a staging job, a merge, a rollout handover) — no path can forget.
 *
 * - `state` connectors (Snipe-IT, Intune) get one pending `changed` item per asset: later
 *   changes fold into it (`changes` counts them) because delivering it sends the asset as it
 *   is then. A change that lands while the item is being delivered bumps `changes`, so the
 *   worker sees the item was superseded and keeps it queued instead of deleting it.
 * - `events` connectors (webhooks) get each lifecycle transition and assignment as its own
 *   item; plain field edits fold like above.
 * - A change the worker itself writes while pulling from a connector is not echoed back to
 *   that connector: the worker names it in `sync_apply_origin` inside that transaction.
 */
export const migration0070: Migration = {
  version: 70,
  name: 'sync-outbox',
  up(db) {
    db.exec(`
      CREATE TABLE sync_connectors (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('snipeit', 'webhook', 'intune')),
        mode TEXT NOT NULL CHECK (mode IN ('state', 'events')),
        name TEXT NOT NULL,
        config TEXT NOT NULL, -- JSON, validated by the kind's schema; names secrets, never holds them
        paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        last_success_at TEXT,
        last_error TEXT,
        last_error_at TEXT
      ) STRICT;

      CREATE TABLE sync_outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: ids order changes across restarts
        connector_id TEXT NOT NULL REFERENCES sync_connectors (id) ON DELETE CASCADE,
        asset_id INTEGER NOT NULL, -- no foreign key: a removed asset's event still goes out
        kind TEXT NOT NULL CHECK (kind IN ('created', 'changed', 'lifecycle', 'assigned', 'unassigned', 'removed')),
        change_key TEXT NOT NULL UNIQUE, -- idempotency key of the logical change
        details TEXT NOT NULL DEFAULT '{}', -- JSON facts captured at the change
        changes INTEGER NOT NULL DEFAULT 1,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL DEFAULT 0, -- ms since the epoch
        last_error TEXT,
        enqueued_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX sync_outbox_fold ON sync_outbox (connector_id, asset_id)
        WHERE state = 'pending' AND kind IN ('created', 'changed');
      CREATE INDEX sync_outbox_queue ON sync_outbox (connector_id, state, id);
      CREATE INDEX sync_outbox_asset ON sync_outbox (connector_id, asset_id, id);

      CREATE TABLE sync_apply_origin (connector_id TEXT PRIMARY KEY) STRICT;

      -- What both sides agreed on at the last sync of an asset: the base of the three-way compare.
      CREATE TABLE sync_links (
        connector_id TEXT NOT NULL REFERENCES sync_connectors (id) ON DELETE CASCADE,
        asset_id INTEGER NOT NULL,
        remote_id TEXT NOT NULL,
        base TEXT NOT NULL, -- JSON SyncValues
        remote_updated_at TEXT,
        synced_at TEXT NOT NULL,
        PRIMARY KEY (connector_id, asset_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE sync_conflicts (
        id INTEGER PRIMARY KEY,
        connector_id TEXT NOT NULL REFERENCES sync_connectors (id) ON DELETE CASCADE,
        asset_id INTEGER NOT NULL,
        field TEXT NOT NULL,
        base_value TEXT, -- JSON string or null
        local_value TEXT,
        remote_value TEXT,
        detected_at TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'resolved')),
        resolution TEXT CHECK (resolution IN ('local', 'remote')),
        resolved_by TEXT,
        resolved_at TEXT
      ) STRICT;
      CREATE UNIQUE INDEX sync_conflicts_open ON sync_conflicts (connector_id, asset_id, field) WHERE state = 'open';
      CREATE INDEX sync_conflicts_connector ON sync_conflicts (connector_id, state, id);
    `);
    createTriggers(db);
  },
};

const NOW = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;
const KEY = 'lower(hex(randomblob(16)))';
const TARGETS = (mode: string) =>
  `FROM sync_connectors c WHERE c.mode ${mode} AND c.id NOT IN (SELECT connector_id FROM sync_apply_origin)`;
const FOLD = `ON CONFLICT (connector_id, asset_id) WHERE state = 'pending' AND kind IN ('created', 'changed')
  DO UPDATE SET changes = changes + 1, updated_at = excluded.updated_at`;

function enqueue(kind: string, details: string, mode: string, fold: boolean): string {
  return `INSERT INTO sync_outbox (connector_id, asset_id, kind, change_key, details, enqueued_at, updated_at)
    SELECT c.id, new.id, '${kind}', ${KEY}, ${details}, ${NOW}, ${NOW} ${TARGETS(mode)} ${fold ? FOLD : ''};`;
}

function createTriggers(db: Parameters<Migration['up']>[0]): void {
  const anyConnector = 'EXISTS (SELECT 1 FROM sync_connectors)';
  const stateChanged = 'old.state IS NOT new.state';
  const assigneeChanged = 'old.assignee_id IS NOT new.assignee_id';
  db.exec(`
    CREATE TRIGGER sync_asset_insert AFTER INSERT ON assets WHEN ${anyConnector} BEGIN
      ${enqueue('created', "'{}'", "IN ('state', 'events')", true)}
    END;

    -- State connectors: any change to the row is one folded "make it equal" item.
    CREATE TRIGGER sync_asset_update_state AFTER UPDATE ON assets
    WHEN ${anyConnector} AND (old.updated_at IS NOT new.updated_at OR ${stateChanged} OR ${assigneeChanged}) BEGIN
      ${enqueue('changed', "'{}'", "= 'state'", true)}
    END;

    -- Events connectors: transitions and assignments are events of their own, in order.
    CREATE TRIGGER sync_asset_lifecycle AFTER UPDATE OF state ON assets
    WHEN ${anyConnector} AND ${stateChanged} BEGIN
      ${enqueue('lifecycle', `json_object('from', old.state, 'to', new.state)`, "= 'events'", false)}
    END;
    CREATE TRIGGER sync_asset_assigned AFTER UPDATE OF assignee_id ON assets
    WHEN ${anyConnector} AND ${assigneeChanged} AND new.assignee_id IS NOT NULL BEGIN
      ${enqueue('assigned', `json_object('personId', new.assignee_id, 'previousPersonId', old.assignee_id)`, "= 'events'", false)}
    END;
    CREATE TRIGGER sync_asset_unassigned AFTER UPDATE OF assignee_id ON assets
    WHEN ${anyConnector} AND ${assigneeChanged} AND new.assignee_id IS NULL BEGIN
      ${enqueue('unassigned', `json_object('previousPersonId', old.assignee_id)`, "= 'events'", false)}
    END;
    CREATE TRIGGER sync_asset_edit_events AFTER UPDATE ON assets
    WHEN ${anyConnector} AND old.updated_at IS NOT new.updated_at AND NOT (${stateChanged}) AND NOT (${assigneeChanged}) BEGIN
      ${enqueue('changed', "'{}'", "= 'events'", true)}
    END;

    CREATE TRIGGER sync_asset_delete AFTER DELETE ON assets WHEN ${anyConnector} BEGIN
      INSERT INTO sync_outbox (connector_id, asset_id, kind, change_key, details, enqueued_at, updated_at)
      SELECT c.id, old.id, 'removed', ${KEY},
        json_object('serial', old.serial, 'manufacturer', old.manufacturer, 'assetTag', old.asset_tag), ${NOW}, ${NOW}
      ${TARGETS("= 'events'")};
    END;
  `);
}

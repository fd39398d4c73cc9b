import type { ConflictView, OutboxItemView, SyncValue } from '../../common/models/sync.ts';
import type { OutboxListRow } from '../store/sync-outbox-queries.ts';
import type { ConflictRow } from '../store/sync-links-queries.ts';

function assetLabel(row: {
  asset_id: number;
  serial?: string | null;
  asset_tag?: string | null;
  model?: string | null;
}): string {
  if (!row.serial) return `asset ${row.asset_id} (removed)`;
  const name = [row.model, row.serial].filter(Boolean).join(' ');
  return row.asset_tag ? `${row.asset_tag} · ${name}` : name;
}

export function outboxItemView(row: OutboxListRow): OutboxItemView {
  return {
    id: row.id,
    connectorId: row.connector_id,
    assetId: row.asset_id,
    assetLabel: assetLabel(row),
    kind: row.kind,
    attempts: row.attempts,
    lastError: row.last_error,
    enqueuedAt: row.enqueued_at,
    updatedAt: row.updated_at,
  };
}

const parse = (text: string | null): SyncValue => (text === null ? null : (JSON.parse(text) as SyncValue));

export function conflictView(row: ConflictRow): ConflictView {
  return {
    id: row.id,
    connectorId: row.connector_id,
    assetId: row.asset_id,
    assetLabel: assetLabel(row),
    field: row.field,
    baseValue: parse(row.base_value),
    localValue: parse(row.local_value),
    remoteValue: parse(row.remote_value),
    detectedAt: row.detected_at,
  };
}

// Delivers one outbox item through its connector and commits the outcome — link, pulled
// values, conflicts, the item's removal and the audit entry — in one transaction, so a crash
// at any point leaves either the item queued (and its next delivery reads the remote first)
// or everything recorded.
import { randomBytes } from 'node:crypto';
import type { SyncField, SyncValues } from '../../common/models/sync.ts';
import type { Db } from '../store/db.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { AssetsService, Who } from '../assets/assets-service.ts';
import type { PeopleService } from '../people/people-service.ts';
import type { OutboxRow, SyncOutboxQueries } from '../store/sync-outbox-queries.ts';
import type { SyncConnectorsQueries } from '../store/sync-connectors-queries.ts';
import type { SyncLinksQueries } from '../store/sync-links-queries.ts';
import type { Connector, EventsConnector, StateConnector, SyncIo, SyncLink } from './connector.ts';
import type { RemoteApplier } from './apply-remote.ts';
import { mergeThreeWay, type FieldConflict } from './three-way.ts';

export interface DeliveryDeps {
  db: Db;
  audit: AuditLog;
  assets: AssetsService;
  people: PeopleService;
  outbox: SyncOutboxQueries;
  connectors: SyncConnectorsQueries;
  links: SyncLinksQueries;
  applier: RemoteApplier;
  station: () => string;
  now: () => Date;
}

export interface DeliveryTarget {
  id: string;
  connector: Connector;
  policies: Partial<Record<SyncField, 'local' | 'remote' | 'ask'>>;
}

export const newChangeKey = () => randomBytes(16).toString('hex');

export async function deliverItem(
  deps: DeliveryDeps,
  target: DeliveryTarget,
  row: OutboxRow,
  io: SyncIo,
): Promise<void> {
  if (target.connector.mode === 'state') await deliverState(deps, target, target.connector, row, io);
  else await deliverEvent(deps, target, target.connector, row, io);
}

function who(deps: DeliveryDeps, connectorId: string): Who {
  return { actor: `sync:${connectorId}`, station: deps.station() };
}

async function deliverState(
  deps: DeliveryDeps,
  target: DeliveryTarget,
  connector: StateConnector,
  row: OutboxRow,
  io: SyncIo,
): Promise<void> {
  const assetRow = deps.assets.queries.byId(row.asset_id);
  if (!assetRow) {
    // Merged into another asset or deleted: the central record stays as it is; say so once.
    finish(deps, target.id, row, { outcome: 'skipped', reason: 'the asset no longer exists here' });
    return;
  }
  const asset = deps.assets.toAsset(assetRow);
  const link = readLink(deps, target.id, asset.id);
  const local = connector.localValues(asset);
  const remote = await connector.read(asset, link, io);
  const merge = mergeThreeWay({
    fields: connector.fields,
    remoteOnly: connector.remoteOnly,
    local,
    remote: remote?.values ?? null,
    base: remote && link && link.remoteId === remote.remoteId ? link.base : null,
    policies: target.policies,
  });
  const pushed = Object.keys(merge.push);
  const record =
    remote === null || pushed.length > 0 ? await connector.write(asset, remote, merge.push, io) : remote;
  deps.db
    .transaction(() => {
      const at = deps.now().toISOString();
      const pulled = deps.applier.apply(target.id, asset.id, merge.pull, who(deps, target.id));
      const conflicts: FieldConflict[] = [
        ...merge.conflicts,
        ...pulled.refused.map((refusal) => ({
          field: refusal.field,
          base: link?.base[refusal.field] ?? null,
          local: local[refusal.field] ?? null,
          remote: refusal.value,
          resolution: null,
        })),
      ];
      const base: SyncValues = { ...merge.base };
      for (const refusal of pulled.refused) base[refusal.field] = link?.base[refusal.field] ?? null;
      for (const conflict of conflicts) {
        deps.links.addConflict({
          connector_id: target.id,
          asset_id: asset.id,
          field: conflict.field,
          base_value: JSON.stringify(conflict.base),
          local_value: JSON.stringify(conflict.local),
          remote_value: JSON.stringify(conflict.remote),
          detected_at: at,
          state: conflict.resolution === null ? 'open' : 'resolved',
          resolution: conflict.resolution,
          resolved_by: conflict.resolution === null ? null : `policy:${conflict.resolution}`,
        });
      }
      deps.links.saveLink({
        connector_id: target.id,
        asset_id: asset.id,
        remote_id: record.remoteId,
        base: JSON.stringify(base),
        remote_updated_at: record.updatedAt,
        synced_at: at,
      });
      finish(deps, target.id, row, {
        outcome: remote === null ? 'created' : pushed.length > 0 ? 'updated' : 'unchanged',
        remoteId: record.remoteId,
        pushed,
        pulled: pulled.applied,
        conflicts: conflicts.map((conflict) => ({ field: conflict.field, resolution: conflict.resolution })),
      });
    })
    .immediate();
}

async function deliverEvent(
  deps: DeliveryDeps,
  target: DeliveryTarget,
  connector: EventsConnector,
  row: OutboxRow,
  io: SyncIo,
): Promise<void> {
  const assetRow = deps.assets.queries.byId(row.asset_id);
  const details = JSON.parse(row.details) as Record<string, unknown>;
  for (const key of ['personId', 'previousPersonId'] as const) {
    const id = details[key];
    if (typeof id === 'number') {
      const person = deps.people.queries.byId(id);
      if (person)
        details[key.replace('Id', '')] = {
          id,
          name: person.name,
          email: person.email,
          employeeId: person.employee_id,
        };
    }
  }
  await connector.deliver(
    {
      id: row.change_key,
      kind: row.kind,
      assetId: row.asset_id,
      asset: assetRow ? deps.assets.toAsset(assetRow) : null,
      details,
      occurredAt: row.enqueued_at,
    },
    io,
  );
  deps.db.transaction(() => finish(deps, target.id, row, { outcome: 'delivered' })).immediate();
}

function readLink(deps: DeliveryDeps, connectorId: string, assetId: number): SyncLink | null {
  const row = deps.links.link(connectorId, assetId);
  if (!row) return null;
  return {
    remoteId: row.remote_id,
    base: JSON.parse(row.base) as SyncValues,
    remoteUpdatedAt: row.remote_updated_at,
    syncedAt: row.synced_at,
  };
}

/** Removes the item (or re-keys it when newer changes folded in meanwhile) and audits the sync. */
function finish(
  deps: DeliveryDeps,
  connectorId: string,
  row: OutboxRow,
  details: Record<string, unknown>,
): void {
  const at = deps.now().toISOString();
  const done = deps.outbox.complete(row, newChangeKey, at);
  deps.connectors.success(connectorId, at);
  deps.audit.append({
    ...who(deps, connectorId),
    action: 'sync.delivered',
    subject: `asset:${row.asset_id}`,
    details: {
      connector: connectorId,
      kind: row.kind,
      changeKey: row.change_key,
      attempts: row.attempts + 1,
      ...details,
      ...(done ? {} : { requeued: 'newer changes arrived during delivery' }),
    },
  });
}

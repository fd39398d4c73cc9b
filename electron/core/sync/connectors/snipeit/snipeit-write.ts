// Creating and updating Snipe-IT hardware. Updates send only the fields that differ from what
// Snipe-IT holds. Creates are duplicate-safe: Snipe-IT always enforces unique asset tags (and
// unique serials when its unique_serial setting is on), so a create for a device it already has
// — made by another station, or by our own earlier create whose answer was lost — is refused or
// ambiguous, and then the record is looked up by serial and updated instead. Never created twice.
import type { Asset } from '../../../../common/models/asset.ts';
import type { SyncField, SyncValues } from '../../../../common/models/sync.ts';
import type { RemoteRecord } from '../../connector.ts';
import { SyncError } from '../../sync-error.ts';
import { describeRefusal, type Refusal, type WriteResult } from './snipeit-api.ts';
import {
  localValues,
  payloadFor,
  serialKey,
  snapshotOfFlat,
  snapshotOfRow,
  toRemoteRecord,
  unresolved,
  type SnipeSnapshot,
} from './snipeit-mapping.ts';
import { findBySerial, type SnipeItContext } from './snipeit-read.ts';

/** Errors after which a create may have committed even though no answer arrived. */
const MAYBE_COMMITTED = new Set(['network', 'timeout', 'server']);

export async function writeAsset(
  context: SnipeItContext,
  asset: Asset,
  remote: RemoteRecord | null,
  changes: SyncValues,
): Promise<RemoteRecord> {
  const pushed = withoutRemoteOnly(changes, context.remoteOnly);
  if (remote !== null) {
    const before = context.recall(remote.remoteId) ?? (await reread(context, remote.remoteId, asset));
    return update(context, asset, before, pushed);
  }
  return create(context, asset, pushed);
}

async function create(context: SnipeItContext, asset: Asset, pushed: SyncValues): Promise<RemoteRecord> {
  const { api, config } = context;
  const local = localValues(asset, context.fields);
  // Snipe-IT requires tag, model and status: send them even when the worker's changes omit one.
  const required: SyncValues = {
    assetTag: asset.assetTag,
    serial: asset.serial,
    model: local.model ?? null,
    status: asset.state,
  };
  const payload = payloadFor({ ...required, ...pushed }, asset, config);
  const name = `${asset.manufacturer} ${asset.model}`.trim();
  if (name) payload.name = name;

  let result: WriteResult;
  try {
    result = await api.create(payload);
  } catch (error) {
    if (!(error instanceof SyncError) || !MAYBE_COMMITTED.has(error.code)) throw error;
    // The create may have committed before the connection broke: look before trying again.
    context.index?.distrust(asset.serial);
    const existing = await findBySerial(context, asset, { ask: true }).catch(() => null);
    if (!existing) throw error;
    return update(context, asset, existing, pushed);
  }
  if (!result.ok) {
    const { refusal } = result;
    if (refusal.fields.includes('asset_tag') || refusal.fields.includes('serial')) {
      const existing = await findBySerial(context, asset, { ask: true });
      if (existing) return update(context, asset, existing, pushed);
    }
    throw new SyncError(
      'rejected',
      `Snipe-IT refused the new asset (serial ${asset.serial}): ${readable(context, refusal)}`,
    );
  }
  const snapshot = snapshotOfFlat(result.asset, null);
  const complete =
    unresolved(snapshot, null, config).length === 0
      ? snapshot
      : await reread(context, String(snapshot.id), asset);
  return finish(context, asset, complete, pushed);
}

async function update(
  context: SnipeItContext,
  asset: Asset,
  before: SnipeSnapshot,
  pushed: SyncValues,
): Promise<RemoteRecord> {
  const payload = payloadFor(pushed, asset, context.config);
  for (const key of Object.keys(payload)) {
    if (held(before, key, payload[key])) delete payload[key];
  }
  // Several local names may share one Snipe-IT id (two states on one status label): nothing to send.
  if (Object.keys(payload).length === 0) return finish(context, asset, before, pushed);

  const id = String(before.id);
  const result = await context.api.update(id, payload);
  if (!result.ok) {
    const { refusal } = result;
    if (refusal.fields.length === 0 && (await context.api.asset(id)) === null) {
      context.index?.distrust(asset.serial, before.id);
      throw new SyncError(
        'rejected',
        `Snipe-IT asset ${id} no longer exists (deleted in Snipe-IT?); the next attempt looks serial ${asset.serial} up again`,
      );
    }
    throw new SyncError(
      'rejected',
      `Snipe-IT refused the change to asset ${id} (serial ${asset.serial}): ${readable(context, refusal)}`,
    );
  }
  const snapshot = snapshotOfFlat(result.asset, before);
  for (const [key, value] of Object.entries(payload)) {
    if (key.startsWith('_snipeit_') && value !== null && snapshot.custom[key] == null) {
      const field = fieldOfColumn(context, key);
      throw new SyncError(
        'rejected',
        `Snipe-IT did not keep ${field} (custom field ${key}) on asset ${id}: add the field to the fieldset of model '${before.modelName ?? before.modelId}' in Snipe-IT`,
      );
    }
  }
  const complete =
    unresolved(snapshot, before, context.config).length === 0 ? snapshot : await reread(context, id, asset);
  return finish(context, asset, complete, pushed);
}

/** Whether Snipe-IT already holds this request field's value. */
function held(before: SnipeSnapshot, key: string, value: unknown): boolean {
  switch (key) {
    case 'asset_tag':
      return before.assetTag === value;
    case 'serial':
      return (
        typeof value === 'string' && before.serial !== null && serialKey(before.serial) === serialKey(value)
      );
    case 'model_id':
      return before.modelId === value;
    case 'status_id':
      return before.statusId === value;
    case 'notes':
      return before.notes === (value ?? null);
    default:
      return key.startsWith('_snipeit_') && (before.custom[key] ?? null) === (value ?? null);
  }
}

/** The record by id as a read shows it, for when a write's flat answer lacks names. */
async function reread(context: SnipeItContext, id: string, asset: Asset): Promise<SnipeSnapshot> {
  const row = await context.api.asset(id);
  if (row === null) {
    context.index?.distrust(asset.serial, Number(id));
    throw new SyncError(
      'rejected',
      `Snipe-IT asset ${id} disappeared while it was being written; it will be looked up again`,
    );
  }
  return snapshotOfRow(row);
}

function finish(
  context: SnipeItContext,
  asset: Asset,
  snapshot: SnipeSnapshot,
  pushed: SyncValues,
): RemoteRecord {
  context.remember(snapshot);
  const local = localValues(asset, context.fields);
  return toRemoteRecord(snapshot, {
    config: context.config,
    fields: context.fields,
    local,
    prefer: [pushed, local],
  });
}

function withoutRemoteOnly(changes: SyncValues, remoteOnly: readonly SyncField[]): SyncValues {
  const pushed: SyncValues = { ...changes };
  for (const field of remoteOnly) delete pushed[field];
  return pushed;
}

/** Snipe-IT's messages, with custom field columns called by the sync field they carry. */
function readable(context: SnipeItContext, refusal: Refusal): string {
  return describeRefusal(refusal, (field) => {
    if (!field.startsWith('_snipeit_')) return field.replace(/_/g, ' ');
    const synced = fieldOfColumn(context, field);
    return synced === field ? field : `${synced} (${field})`;
  });
}

function fieldOfColumn(context: SnipeItContext, column: string): string {
  return Object.entries(context.config.customFields).find(([, mapped]) => mapped === column)?.[0] ?? column;
}

// Finding an asset's Snipe-IT record: by the link's id when linked (a deleted record falls
// back to the serial), else by serial. Answers from the drain's index when it can vouch for
// the entry, from Snipe-IT otherwise. Several records with one serial are never guessed between.
import type { Asset } from '../../../../common/models/asset.ts';
import type { SnipeItConfig, SyncField } from '../../../../common/models/sync.ts';
import type { RemoteRecord, SyncLink } from '../../connector.ts';
import { SyncError } from '../../sync-error.ts';
import type { SnipeItApi } from './snipeit-api.ts';
import type { SnipeItIndex } from './snipeit-index.ts';
import {
  localValues,
  serialKey,
  snapshotOfRow,
  toRemoteRecord,
  type SnipeSnapshot,
} from './snipeit-mapping.ts';

/** What one read or write works with: the calls, the mapping, and what the connector remembers. */
export interface SnipeItContext {
  api: SnipeItApi;
  config: SnipeItConfig;
  fields: readonly SyncField[];
  remoteOnly: readonly SyncField[];
  /** The drain's index, current to within FRESH_MS; null outside a drain. */
  index: SnipeItIndex | null;
  /** The snapshot behind a RemoteRecord this connector returned (raw ids the record does not carry). */
  recall(remoteId: string): SnipeSnapshot | undefined;
  remember(snapshot: SnipeSnapshot): void;
}

export async function readAsset(
  context: SnipeItContext,
  asset: Asset,
  link: SyncLink | null,
): Promise<RemoteRecord | null> {
  const snapshot = (link ? await byId(context, link.remoteId) : null) ?? (await findBySerial(context, asset));
  if (!snapshot) return null;
  context.remember(snapshot);
  const local = localValues(asset, context.fields);
  return toRemoteRecord(snapshot, {
    config: context.config,
    fields: context.fields,
    local,
    prefer: [local, link?.base],
  });
}

/** The linked record, or null when Snipe-IT no longer has it (deleted: the serial decides). */
async function byId(context: SnipeItContext, remoteId: string): Promise<SnipeSnapshot | null> {
  const hit = context.index?.byId(Number(remoteId));
  if (hit?.kind === 'found') return hit.snapshots[0] ?? null;
  const row = await context.api.asset(remoteId);
  return row ? snapshotOfRow(row) : null;
}

/**
 * The one record with the asset's serial, or null. `ask` skips the index (it was just proved
 * wrong, e.g. a create was refused as a duplicate). Depotline tells devices apart by serial
 * within a manufacturer, so several rows are narrowed by manufacturer before giving up.
 */
export async function findBySerial(
  context: SnipeItContext,
  asset: Asset,
  options: { ask?: boolean } = {},
): Promise<SnipeSnapshot | null> {
  const hit = options.ask
    ? { kind: 'unknown' as const }
    : (context.index?.bySerial(asset.serial) ?? { kind: 'unknown' as const });
  let snapshots: SnipeSnapshot[];
  if (hit.kind === 'found') snapshots = hit.snapshots;
  else if (hit.kind === 'absent') snapshots = [];
  else {
    const key = serialKey(asset.serial);
    // Only rows that really carry the serial: a confused path must not hand us another asset.
    snapshots = (await context.api.bySerial(asset.serial))
      .map(snapshotOfRow)
      .filter((snapshot) => snapshot.serial !== null && serialKey(snapshot.serial) === key);
    for (const snapshot of snapshots) context.index?.put(snapshot);
    // A lookup after a lost create proves nothing yet (it may still commit): stay unsure then.
    if (snapshots.length === 0 && !options.ask) context.index?.confirmAbsent(asset.serial);
  }
  if (snapshots.length <= 1) return snapshots[0] ?? null;
  const maker = asset.manufacturer.toLowerCase();
  const sameMaker = snapshots.filter((snapshot) => snapshot.manufacturer?.toLowerCase() === maker);
  if (sameMaker.length === 1) return sameMaker[0] ?? null;
  throw new SyncError(
    'rejected',
    `Snipe-IT holds ${snapshots.length} assets with serial ${asset.serial} (ids ${snapshots.map((s) => s.id).join(', ')}); merge them in Snipe-IT`,
  );
}

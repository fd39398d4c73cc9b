import type { AssetFields } from '../../common/models/asset.ts';
import type { RowConflict } from '../../common/models/asset-import.ts';
import type { AssetsQueries } from '../store/assets-queries.ts';
import { describeAsset } from './asset-rows.ts';

export type AssetConflict = Omit<RowConflict, 'row'>;
type Identity = Partial<Pick<AssetFields, 'assetTag' | 'serial' | 'manufacturer' | 'imeis'>>;

/**
 * The existing assets a device with this identity would twin: same tag, same serial from the
 * same manufacturer, or a shared IMEI. `selfId` is the asset being edited (not a conflict).
 */
export function findAssetConflicts(
  queries: AssetsQueries,
  identity: Identity,
  selfId?: number,
): AssetConflict[] {
  const conflicts: AssetConflict[] = [];
  const add = (field: string, value: string, id: number | undefined) => {
    if (id === undefined || id === selfId) return;
    conflicts.push({ field, value, existingId: id, existing: describeAsset(queries.byId(id)!) });
  };
  if (identity.assetTag) add('assetTag', identity.assetTag, queries.tagOwner(identity.assetTag));
  if (identity.serial && identity.manufacturer)
    add('serial', identity.serial, queries.deviceOwner(identity.manufacturer, identity.serial));
  for (const imei of identity.imeis ?? []) add('imei', imei, queries.imeiOwner(imei));
  return conflicts;
}

/** "asset tag DL-1 is DL-1 · Samsung A54 · issued (id 7)", for a refusal message. */
export function conflictMessage(conflicts: readonly AssetConflict[]): string {
  const names: Record<string, string> = { assetTag: 'asset tag', serial: 'serial', imei: 'IMEI' };
  return conflicts
    .map(
      (c) =>
        `${names[c.field] ?? c.field} ${c.value} is already registered as asset ${c.existingId} (${c.existing})`,
    )
    .join('; ');
}

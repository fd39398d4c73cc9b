import type { Asset, AssetFields } from '../../common/models/asset.ts';
import { CoreError } from '../core-error.ts';
import type { AssetsService, Who } from './assets-service.ts';
import { describeAsset, rowToFields } from './asset-rows.ts';

const isEmpty = (value: unknown) =>
  value === null ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && value !== null && Object.keys(value).length === 0);

/** The duplicate's values for every field the kept record has empty (custom values key by key). */
function fillEmpty(keep: AssetFields, duplicate: AssetFields): Partial<AssetFields> {
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(keep) as (keyof AssetFields)[]) {
    if (key === 'purchase' || key === 'custom') continue;
    if (isEmpty(keep[key]) && !isEmpty(duplicate[key])) changes[key] = duplicate[key];
  }
  const purchase = { ...keep.purchase };
  for (const key of Object.keys(purchase) as (keyof typeof purchase)[])
    if (purchase[key] === null && duplicate.purchase[key] !== null)
      Object.assign(purchase, { [key]: duplicate.purchase[key] });
  changes.purchase = purchase;
  changes.custom = { ...duplicate.custom, ...keep.custom };
  return changes;
}

/**
 * Merges a duplicate into the record to keep: the kept record takes the duplicate's values
 * for its empty fields, the duplicate's assignments move over, its audit entries stay (the
 * kept asset's timeline follows the merge entry to them), and the duplicate row goes.
 */
export function mergeAssets(assets: AssetsService, keepId: number, mergeId: number, who: Who): Asset {
  if (keepId === mergeId) throw new CoreError('invalid_input', 'An asset cannot be merged into itself.');
  return assets.db
    .transaction(() => {
      const keep = assets.row(keepId);
      const duplicate = assets.row(mergeId);
      const holders = [assets.assignments.current(keepId), assets.assignments.current(mergeId)];
      if (holders[0] && holders[1])
        throw new CoreError(
          'conflict',
          `Both records are issued (to ${holders[0].person_name} and ${holders[1].person_name}); return one first.`,
        );
      const duplicateFields = rowToFields(duplicate, assets.queries.imeisOf(mergeId));
      const changes = fillEmpty(rowToFields(keep, assets.queries.imeisOf(keepId)), duplicateFields);
      assets.assignments.moveToAsset(keepId, mergeId);
      if (holders[1]) assets.queries.setAssignee(keepId, holders[1].person_id, assets.now().toISOString());
      // The duplicate goes first: its tag and IMEIs are unique and are about to move over.
      assets.queries.remove(mergeId);
      assets.audit.append({
        ...who,
        action: 'asset.merged_into',
        subject: `asset:${mergeId}`,
        details: { keepId, fields: duplicateFields, state: duplicate.state },
      });
      assets.applyChanges(keep, changes, who, 'asset.merged', {
        mergedId: mergeId,
        merged: describeAsset(duplicate),
      });
      // A merge that filled nothing is still worth a line on the timeline.
      if (assets.audit.list({ subject: `asset:${keepId}`, limit: 1 }).entries[0]?.action !== 'asset.merged')
        assets.audit.append({
          ...who,
          action: 'asset.merged',
          subject: `asset:${keepId}`,
          details: { mergedId: mergeId, merged: describeAsset(duplicate), changes: {} },
        });
      return assets.get(keepId);
    })
    .immediate();
}

import type { AssetSortField } from '../../../electron/common/models/asset.ts';

/** The table's columns in order; `sortField` when the core can sort by it. `width` is a flex basis in px. */
export interface AssetColumn {
  key:
    | 'assetTag'
    | 'serial'
    | 'manufacturer'
    | 'model'
    | 'osVersion'
    | 'state'
    | 'assignee'
    | 'warrantyEnd'
    | 'updatedAt';
  sortField?: AssetSortField;
  width: number;
}

export const ASSET_COLUMNS: readonly AssetColumn[] = [
  { key: 'assetTag', sortField: 'assetTag', width: 110 },
  { key: 'serial', sortField: 'serial', width: 150 },
  { key: 'manufacturer', sortField: 'manufacturer', width: 110 },
  { key: 'model', sortField: 'model', width: 150 },
  { key: 'osVersion', sortField: 'osVersion', width: 80 },
  { key: 'state', sortField: 'state', width: 140 },
  { key: 'assignee', width: 170 },
  { key: 'warrantyEnd', sortField: 'warrantyEnd', width: 120 },
  { key: 'updatedAt', sortField: 'updatedAt', width: 170 },
];

/** Fixed so the virtualiser knows every row's place without measuring (1,000,000 × 32 px fits Chromium's 33.5 M px limit). */
export const ROW_HEIGHT = 32;
export const SELECT_COLUMN_WIDTH = 44;

/** Rows per `assets.list` request: a screenful or two, well under the contract's 500. */
export const BLOCK_SIZE = 100;

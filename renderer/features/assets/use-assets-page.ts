import { useState } from 'react';
import type { RequestInput } from '../../../electron/common/contract/index.ts';
import type { AssetSortField } from '../../../electron/common/models/asset.ts';
import { useContractQuery } from '../../api/use-contract-query.ts';

export type AssetSort = NonNullable<RequestInput<'assets.list'>['sort']>;
type Direction = NonNullable<AssetSort['direction']>;

export const PAGE_SIZE = 50;
const DATE_FIELDS: readonly AssetSortField[] = ['updatedAt', 'createdAt'];

/** Newest first for dates, A→Z for everything else; a second click on the same column reverses it. */
export function nextSort(current: AssetSort, field: AssetSortField): AssetSort {
  if (current.field === field) return { field, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  const direction: Direction = DATE_FIELDS.includes(field) ? 'desc' : 'asc';
  return { field, direction };
}

/** One page of `assets.list`, sorted by the server; changing the sort returns to page 1. */
export function useAssetsPage() {
  const [sort, setSort] = useState<AssetSort>({ field: 'updatedAt', direction: 'desc' });
  const [page, setPage] = useState(1);
  const query = useContractQuery('assets.list', { page, pageSize: PAGE_SIZE, sort });
  return {
    query,
    sort,
    page,
    setPage,
    sortBy: (field: AssetSortField) => {
      setSort((current) => nextSort(current, field));
      setPage(1);
    },
  };
}

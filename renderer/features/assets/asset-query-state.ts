import { useEffect, useMemo, useState } from 'react';
import type { AssetSortField } from '../../../electron/common/models/asset.ts';
import type { AssetFilter, AssetQuery } from '../../../electron/common/models/asset-query.ts';

export type AssetSort = AssetQuery['sort'];

export const EMPTY_FILTER: AssetFilter = {
  states: [],
  models: [],
  osVersions: [],
  departments: [],
  tags: [],
};
export const DEFAULT_SORT: AssetSort = { field: 'updatedAt', direction: 'desc' };
/** Typing pauses this long before the table asks again: one request per word, not per key. */
export const SEARCH_DEBOUNCE_MS = 250;

const DATE_FIELDS: readonly AssetSortField[] = ['updatedAt', 'createdAt', 'warrantyEnd'];

/** Newest first for dates, A→Z for everything else; a second click on the same column reverses it. */
export function nextSort(current: AssetSort, field: AssetSortField): AssetSort {
  if (current.field === field) return { field, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { field, direction: DATE_FIELDS.includes(field) ? 'desc' : 'asc' };
}

/** How many filters are set (for the filter button's badge). */
export function activeFilterCount(filter: AssetFilter): number {
  const lists = [filter.states, filter.models, filter.osVersions, filter.departments, filter.tags];
  return (
    lists.filter((list) => list.length > 0).length +
    (filter.warrantyEndFrom ? 1 : 0) +
    (filter.warrantyEndTo ? 1 : 0)
  );
}

function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

/**
 * What the table shows: the search box's text (debounced into the query), the filters and the
 * sort. `query` is the request the table and the export send; `apply` loads a saved filter.
 */
export function useAssetQueryState() {
  const [searchText, setSearchText] = useState('');
  const [filter, setFilter] = useState<AssetFilter>(EMPTY_FILTER);
  const [sort, setSort] = useState<AssetSort>(DEFAULT_SORT);
  const search = useDebounced(searchText.trim(), SEARCH_DEBOUNCE_MS);
  const query = useMemo<AssetQuery>(() => ({ search, filter, sort }), [search, filter, sort]);

  return {
    query,
    searchText,
    setSearchText,
    filter,
    setFilter,
    sort,
    sortBy: (field: AssetSortField) => setSort((current) => nextSort(current, field)),
    apply: (saved: AssetQuery) => {
      setSearchText(saved.search);
      setFilter(saved.filter);
      setSort(saved.sort);
    },
  };
}

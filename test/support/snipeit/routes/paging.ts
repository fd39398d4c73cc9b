// Snipe-IT's list mechanics, shared by every index endpoint: offset/limit as
// SettingsServiceProvider computes them, and MySQL-like ordering.

/** PHP intval: leading digits count, anything else is 0. */
export function intval(value: unknown): number {
  const source = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
  const parsed = Number.parseInt(source, 10);
  return Number.isNaN(parsed) ? 0 : parsed;
}

/**
 * `limit` is honoured only if 0 < |limit| ≤ MAX_RESULTS, otherwise MAX_RESULTS (so no limit, or
 * limit=1000, both give 500 rows); an offset past the end gives no rows, a negative one counts as 0.
 */
export function page<T>(rows: T[], input: Record<string, unknown>, maxResults: number): T[] {
  const total = rows.length;
  const asked = intval(input.limit);
  const limit = Math.abs(asked) > 0 && asked <= maxResults ? Math.abs(asked) : maxResults;
  const offset = Number(input.offset) > total ? total : Math.max(0, intval(input.offset));
  return rows.slice(offset, offset + limit);
}

export type SortValue = string | number | null;

/** MySQL order: NULL before values ascending, strings by a case-insensitive collation. */
function compare(a: SortValue, b: SortValue): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const left = String(a).toLowerCase();
  const right = String(b).toLowerCase();
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * Sorts by one key; ties (assets created in the same second) fall back to id in the same
 * direction. Real MySQL leaves their order undefined, so a client paging by created_at can
 * see a row twice or miss one — sort by id when paging matters.
 */
export function sortRows<T extends { id: number }>(
  rows: T[],
  key: (row: T) => SortValue,
  order: unknown,
): T[] {
  const sign = order === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => sign * (compare(key(a), key(b)) || a.id - b.id));
}

/** Snipe-IT's `order` parameter: "asc" or anything else = desc. */
export const orderOf = (input: Record<string, unknown>) => (input.order === 'asc' ? 'asc' : 'desc');

/** LIKE '%term%' under a case-insensitive collation. */
export function like(haystack: string | null | undefined, needle: string): boolean {
  return haystack !== null && haystack !== undefined && haystack.toLowerCase().includes(needle.toLowerCase());
}

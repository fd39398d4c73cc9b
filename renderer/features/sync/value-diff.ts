/** A value split around the part that differs from the base: `before` and `after` are unchanged. */
export interface DiffParts {
  before: string;
  changed: string;
  after: string;
}

/**
 * Where `value` differs from `base`: the longest common prefix and suffix stay plain, the
 * middle is what changed ("Shelf 4B" vs "Shelf 4" → changed "B"). No base: all of it changed.
 * Counted in code points, so a surrogate pair is never split.
 */
export function diffFromBase(base: string | null, value: string): DiffParts {
  if (base === value) return { before: value, changed: '', after: '' };
  if (base === null) return { before: '', changed: value, after: '' };
  const a = Array.from(base);
  const b = Array.from(value);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end])
    end += 1;
  return {
    before: b.slice(0, start).join(''),
    changed: b.slice(start, b.length - end).join(''),
    after: b.slice(b.length - end).join(''),
  };
}

/** One line of an audit entry's details: a change (before → after) or a plain value. */
export type DetailLine = { key: string; before: unknown; after: unknown } | { key: string; value: unknown };

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function asChange(key: string, value: unknown): DetailLine | undefined {
  if (isRecord(value) && 'before' in value && 'after' in value)
    return { key, before: value.before, after: value.after };
  return undefined;
}

/**
 * Reads the core's details: `{ changes: { field: { before, after } } }` (what settings.changed
 * records) becomes one change line per field; any other field is shown as its value.
 */
export function describeDetails(details: Record<string, unknown>): DetailLine[] {
  const lines: DetailLine[] = [];
  for (const [key, value] of Object.entries(details)) {
    if (key === 'changes' && isRecord(value)) {
      for (const [field, change] of Object.entries(value))
        lines.push(asChange(field, change) ?? { key: field, value: change });
      continue;
    }
    lines.push(asChange(key, value) ?? { key, value });
  }
  return lines;
}

/** A value as text: strings as they are, everything else as compact JSON. */
export function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return JSON.stringify(value);
}

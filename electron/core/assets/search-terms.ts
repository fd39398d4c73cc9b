import type { AssetQuery } from '../../common/models/asset-query.ts';

export type Params = Record<string, string | number>;

/**
 * One AND-ed condition of a search, in two forms: `indexed` lets SQLite drive the query from
 * this condition's index; `filter` (unary + on the column) forbids that, so the condition is
 * checked row by row while SQLite walks another index (the sort's). The planner in
 * asset-search.ts picks which condition, if any, drives.
 */
export interface Term {
  indexed: string;
  filter: string;
  /** Exact row count when the store keeps one (states, models); otherwise estimated by a capped count. */
  knownCount?: number;
  /** The search box's alternatives (tag, serial, model words, holder, IMEI), each a term of its own. */
  parts?: Term[];
}

export interface Vocabulary {
  models: { model: string; manufacturer: string; n: number }[];
  states: Map<string, number>;
}

/** The highest code point: "abc" ≤ s < "abc\u{10FFFF}" is every s starting with "abc". */
const TOP = '\u{10FFFF}';

/**
 * FTS5 query of the words typed: each a quoted prefix phrase, all required. Quoting keeps FTS
 * syntax (AND, NEAR, *, :) literal; a phrase splits on the index's own token rules.
 */
export function ftsQuery(text: string): string | null {
  const words = text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word));
  if (words.length === 0) return null;
  return words.map((word) => `"${word.replaceAll('"', '""')}"*`).join(' ');
}

/** The models whose "manufacturer model" words all start with a typed word ("xcov" → Galaxy XCover7). */
export function matchingModels(text: string, vocabulary: Vocabulary): string[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  return vocabulary.models
    .filter(({ model, manufacturer }) => {
      const tokens = `${manufacturer} ${model}`.toLowerCase().split(/[\s\-_/.]+/);
      return words.every((word) => tokens.some((token) => token.startsWith(word)));
    })
    .map(({ model }) => model);
}

/** Builds the terms of a query; every value is a parameter, only our own SQL is text. */
export function buildTerms(query: AssetQuery, vocabulary: Vocabulary): { terms: Term[]; params: Params } {
  const params: Params = {};
  const terms: Term[] = [];
  const list = (prefix: string, values: readonly string[]) =>
    values
      .map((value, i) => {
        params[`${prefix}${i}`] = value;
        return `@${prefix}${i}`;
      })
      .join(', ');
  const both = (column: string, rest: string, knownCount?: number): Term => ({
    indexed: `${column} ${rest}`,
    filter: `+${column} ${rest}`,
    ...(knownCount === undefined ? {} : { knownCount }),
  });

  const text = query.search.trim();
  if (text) {
    const parts: Term[] = [];
    // Tags and serials by prefix, either case (as typed or read off a label).
    params.textLo = text;
    params.textHi = `${text}${TOP}`;
    parts.push(both('asset_tag', '>= @textLo COLLATE NOCASE AND asset_tag < @textHi COLLATE NOCASE'));
    // Serials are printed in capitals; the (binary) serial index is searched as typed and upper-cased.
    params.upperLo = text.toUpperCase();
    params.upperHi = `${text.toUpperCase()}${TOP}`;
    parts.push(both('serial', '>= @textLo AND serial < @textHi'));
    if (params.upperLo !== text) parts.push(both('serial', '>= @upperLo AND serial < @upperHi'));
    const models = matchingModels(text, vocabulary);
    if (models.length > 0)
      parts.push(
        both(
          'model',
          `IN (${list('textModel', models)})`,
          vocabulary.models.filter((m) => models.includes(m.model)).reduce((sum, m) => sum + m.n, 0),
        ),
      );
    const fts = ftsQuery(text);
    if (fts) {
      params.personFts = fts;
      parts.push(both('assignee_id', 'IN (SELECT rowid FROM people_fts WHERE people_fts MATCH @personFts)'));
    }
    // Digits as read off a label: the end of an IMEI (or all of it), a range on the reversed digits.
    if (/^\d{4,15}$/.test(text)) {
      params.imeiReversed = [...text].reverse().join('');
      parts.push(
        both(
          'assets.id',
          "IN (SELECT asset_id FROM asset_imeis WHERE imei_reversed >= @imeiReversed AND imei_reversed < @imeiReversed || ':')",
        ),
      );
    }
    // Each alternative drives from its own index; SQLite's OR optimisation would need them
    // all to be plain column terms, so the indexed form is an explicit union of row ids.
    terms.push({
      indexed: `assets.id IN (${parts.map((part) => `SELECT id FROM assets WHERE ${part.indexed}`).join(' UNION ')})`,
      filter: `(${parts.map((part) => `(${part.filter})`).join(' OR ')})`,
      parts,
    });
  }
  const { filter } = query;
  if (filter.states.length > 0)
    terms.push(
      both(
        'state',
        `IN (${list('state', filter.states)})`,
        filter.states.reduce((sum, state) => sum + (vocabulary.states.get(state) ?? 0), 0),
      ),
    );
  if (filter.models.length > 0)
    terms.push(
      both(
        'model',
        `IN (${list('model', filter.models)})`,
        vocabulary.models.filter((m) => filter.models.includes(m.model)).reduce((sum, m) => sum + m.n, 0),
      ),
    );
  if (filter.osVersions.length > 0) terms.push(both('os_version', `IN (${list('os', filter.osVersions)})`));
  if (filter.departments.length > 0)
    terms.push(
      both(
        'assignee_id',
        `IN (SELECT id FROM people WHERE department IN (${list('dept', filter.departments)}))`,
      ),
    );
  if (filter.tags.length > 0)
    terms.push(
      both('assets.id', `IN (SELECT asset_id FROM asset_tags WHERE tag IN (${list('tag', filter.tags)}))`),
    );
  if (filter.warrantyEndFrom || filter.warrantyEndTo) {
    params.warrantyFrom = filter.warrantyEndFrom ?? '0000-00-00';
    params.warrantyTo = filter.warrantyEndTo ?? '9999-99-99';
    terms.push(both('warranty_end', 'BETWEEN @warrantyFrom AND @warrantyTo'));
  }
  return { terms, params };
}

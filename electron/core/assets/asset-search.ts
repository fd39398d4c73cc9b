import type { AssetQuery } from '../../common/models/asset-query.ts';
import type { Db } from '../store/db.ts';
import { SORT_COLUMNS, type AssetRow } from '../store/assets-queries.ts';

type Params = Record<string, string | number>;

/**
 * An FTS5 query of the words typed: each word a quoted prefix phrase, all required. Quoting
 * keeps FTS syntax (AND, NEAR, *, :) in a search box literal; the phrase splits on the same
 * token rules as the index, so "DL-004" matches tag DL-00042 and "sm-a546" model SM-A546B.
 */
export function ftsQuery(text: string): string | null {
  const words = text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word));
  if (words.length === 0) return null;
  return words.map((word) => `"${word.replaceAll('"', '""')}"*`).join(' ');
}

/** The WHERE clause of a query; values go in as parameters, only our own SQL is text. */
export function searchWhere(query: AssetQuery): { where: string; params: Params } {
  const clauses: string[] = [];
  const params: Params = {};
  const list = (prefix: string, values: readonly string[]) =>
    values
      .map((value, i) => {
        params[`${prefix}${i}`] = value;
        return `@${prefix}${i}`;
      })
      .join(', ');

  const text = query.search.trim();
  if (text) {
    const sources: string[] = [];
    const fts = ftsQuery(text);
    if (fts) {
      params.fts = fts;
      sources.push('SELECT rowid FROM assets_fts WHERE assets_fts MATCH @fts');
      sources.push(
        'SELECT id FROM assets WHERE assignee_id IN (SELECT rowid FROM people_fts WHERE people_fts MATCH @fts)',
      );
    }
    // Digits as read off a label: the end of an IMEI (or all of it), an index range on the reversed digits.
    if (/^\d{4,15}$/.test(text)) {
      params.imeiReversed = [...text].reverse().join('');
      sources.push(
        "SELECT asset_id FROM asset_imeis WHERE imei_reversed >= @imeiReversed AND imei_reversed < @imeiReversed || ':'",
      );
    }
    clauses.push(sources.length > 0 ? `assets.id IN (${sources.join(' UNION ')})` : '0');
  }
  const { filter } = query;
  if (filter.states.length > 0) clauses.push(`state IN (${list('state', filter.states)})`);
  if (filter.models.length > 0) clauses.push(`model IN (${list('model', filter.models)})`);
  if (filter.osVersions.length > 0) clauses.push(`os_version IN (${list('os', filter.osVersions)})`);
  if (filter.departments.length > 0)
    clauses.push(
      `assignee_id IN (SELECT id FROM people WHERE department IN (${list('dept', filter.departments)}))`,
    );
  if (filter.tags.length > 0) {
    // The index narrows to rows with those words among their tags; json_each keeps exact tags only.
    params.tagFts = `tags : (${filter.tags.map((tag) => `"${tag.replaceAll('"', '""')}"`).join(' OR ')})`;
    clauses.push(
      `assets.id IN (SELECT rowid FROM assets_fts WHERE assets_fts MATCH @tagFts)` +
        ` AND EXISTS (SELECT 1 FROM json_each(assets.tags) WHERE value IN (${list('tag', filter.tags)}))`,
    );
  }
  if (filter.warrantyEndFrom) {
    params.warrantyFrom = filter.warrantyEndFrom;
    clauses.push('warranty_end >= @warrantyFrom');
  }
  if (filter.warrantyEndTo) {
    params.warrantyTo = filter.warrantyEndTo;
    clauses.push('warranty_end <= @warrantyTo');
  }
  return { where: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** The page SQL: sorted by the chosen column with the id breaking ties (no row twice across pages). */
export function searchSql(query: AssetQuery): { sql: string; countSql: string; params: Params } {
  const { where, params } = searchWhere(query);
  const dir = query.sort.direction === 'asc' ? 'ASC' : 'DESC';
  return {
    sql: `SELECT assets.* FROM assets ${where} ORDER BY ${SORT_COLUMNS[query.sort.field]} ${dir}, id ${dir}`,
    countSql: `SELECT count(*) AS n FROM assets ${where}`,
    params,
  };
}

/** Runs searches, caching the prepared statement of each query shape. */
export class AssetSearch {
  readonly #db: Db;
  readonly #statements = new Map<string, ReturnType<Db['prepare']>>();

  constructor(db: Db) {
    this.#db = db;
  }

  #prepare(sql: string) {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      if (this.#statements.size > 200) this.#statements.clear();
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  page(query: AssetQuery, offset: number, limit: number): { rows: AssetRow[]; total: number } {
    const { sql, countSql, params } = searchSql(query);
    const read = this.#db.transaction(() => ({
      rows: this.#prepare(`${sql} LIMIT @limit OFFSET @offset`).all({
        ...params,
        limit,
        offset,
      }) as AssetRow[],
      total: (this.#prepare(countSql).get(params) as { n: number }).n,
    }));
    // One read transaction: the page and its total come from the same snapshot.
    return read.deferred();
  }

  iterate(query: AssetQuery): IterableIterator<AssetRow> {
    const { sql, params } = searchSql(query);
    return this.#prepare(sql).iterate(params) as IterableIterator<AssetRow>;
  }
}

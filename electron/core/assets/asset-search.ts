import type { AssetQuery } from '../../common/models/asset-query.ts';
import type { Db } from '../store/db.ts';
import { SORT_COLUMNS, type AssetRow } from '../store/assets-queries.ts';
import { buildTerms, type Params, type Term, type Vocabulary } from './search-terms.ts';

export { ftsQuery } from './search-terms.ts';

/**
 * Up to this many matches, the most selective condition drives the query through its index
 * and the matches are sorted (cheap); beyond it, SQLite walks the sort column's index and
 * checks conditions row by row, which finds a page of a large result without sorting it.
 */
export const SELECTIVE_ROWS = 5_000;

interface Plan {
  sql: string;
  countSql: string | null;
  knownTotal: number | null;
  params: Params;
}

/** Runs the asset table's searches over a million rows within the table's time budget. */
export class AssetSearch {
  readonly #db: Db;
  readonly #statements = new Map<string, ReturnType<Db['prepare']>>();
  readonly #models;
  readonly #states;
  readonly #selective: number;

  /** `selectiveRows` moves the driven/walked boundary (tests check both plans on small tables). */
  constructor(db: Db, selectiveRows = SELECTIVE_ROWS) {
    this.#db = db;
    this.#selective = selectiveRows;
    this.#models = db.prepare<[], Vocabulary['models'][number]>(
      'SELECT model, manufacturer, n FROM asset_models WHERE n > 0',
    );
    this.#states = db.prepare<[], { state: string; n: number }>('SELECT state, n FROM asset_state_counts');
  }

  #prepare(sql: string) {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      if (this.#statements.size > 500) this.#statements.clear();
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  #vocabulary(): Vocabulary {
    const states = this.#states.all();
    return { models: this.#models.all(), states: new Map(states.map((row) => [row.state, row.n])) };
  }

  /** How many rows a term matches, counting at most `selectiveRows` + 1 of them. */
  #estimate(term: Term, params: Params): number {
    if (term.knownCount !== undefined) return term.knownCount;
    const sql = `SELECT count(*) AS n FROM (SELECT 1 FROM assets WHERE ${term.indexed} LIMIT ${this.#selective + 1})`;
    return (this.#prepare(sql).get(params) as { n: number }).n;
  }

  plan(query: AssetQuery): Plan {
    const vocabulary = this.#vocabulary();
    const { terms, params } = buildTerms(query, vocabulary);
    const dir = query.sort.direction === 'asc' ? 'ASC' : 'DESC';
    const order = `ORDER BY ${SORT_COLUMNS[query.sort.field]} ${dir}, id ${dir}`;
    if (terms.length === 0) {
      const total = [...vocabulary.states.values()].reduce((sum, n) => sum + n, 0);
      return { sql: `SELECT assets.* FROM assets ${order}`, countSql: null, knownTotal: total, params };
    }
    const estimates = terms.map((term) => this.#estimate(term, params));
    const best = estimates.indexOf(Math.min(...estimates));
    const drive = estimates[best]! <= this.#selective ? best : -1;
    const where = terms.map((term, i) => (i === drive ? term.indexed : term.filter)).join(' AND ');
    // The count is driven by the most selective index whatever the page does.
    const countWhere = terms.map((term, i) => (i === best ? term.indexed : term.filter)).join(' AND ');
    const only = terms.length === 1 ? terms[0]!.knownCount : undefined;
    return {
      sql: `SELECT assets.* FROM assets WHERE ${where} ${order}`,
      countSql: only === undefined ? `SELECT count(*) AS n FROM assets WHERE ${countWhere}` : null,
      knownTotal: only ?? null,
      params,
    };
  }

  page(query: AssetQuery, offset: number, limit: number): { rows: AssetRow[]; total: number } {
    // One read transaction: the page and its total come from the same snapshot.
    return this.#db
      .transaction(() => {
        const { sql, countSql, knownTotal, params } = this.plan(query);
        const rows = this.#prepare(`${sql} LIMIT @limit OFFSET @offset`).all({
          ...params,
          limit,
          offset,
        }) as AssetRow[];
        const total =
          countSql === null ? knownTotal! : (this.#prepare(countSql).get(params) as { n: number }).n;
        return { rows, total };
      })
      .deferred();
  }

  iterate(query: AssetQuery): IterableIterator<AssetRow> {
    const { sql, params } = this.plan(query);
    return this.#prepare(sql).iterate(params) as IterableIterator<AssetRow>;
  }
}

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

/** A result larger than this is counted only this far (the list says the total is a floor). */
export const COUNT_CAP = 10_000;

interface Plan {
  sql: string;
  /** Null when the total is known without counting. */
  countSql: string | null;
  knownTotal: number | null;
  /** The count stops at COUNT_CAP + 1 rows. */
  capped: boolean;
  params: Params;
}

/** Runs the asset table's searches over a million rows within the table's time budget. */
export class AssetSearch {
  readonly #db: Db;
  readonly #statements = new Map<string, ReturnType<Db['prepare']>>();
  readonly #models;
  readonly #states;
  readonly #selective: number;
  readonly #countCap: number;

  /** `selectiveRows` and `countCap` move the boundaries (tests check both sides on small tables). */
  constructor(db: Db, selectiveRows = SELECTIVE_ROWS, countCap = COUNT_CAP) {
    this.#db = db;
    this.#selective = selectiveRows;
    this.#countCap = countCap;
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
    const built = buildTerms(query, vocabulary);
    const { params } = built;
    let { terms } = built;
    const dir = query.sort.direction === 'asc' ? 'ASC' : 'DESC';
    const order = `ORDER BY ${SORT_COLUMNS[query.sort.field]} ${dir}, id ${dir}`;
    const known = (total: number, where: string): Plan => ({
      sql: `SELECT assets.* FROM assets ${where} ${order}`,
      countSql: null,
      knownTotal: total,
      capped: false,
      params,
    });
    if (terms.length === 0)
      return known(
        [...vocabulary.states.values()].reduce((sum, n) => sum + n, 0),
        '',
      );
    // A search box text that only names models ("xcover") is those models: an IN-list on the
    // model index, counted from the model counts.
    const text = terms[0]!.parts;
    if (text?.some((part) => part.knownCount !== undefined)) {
      const live = text.filter((part) => this.#estimate(part, params) > 0);
      if (live.length === 1 && live[0]!.knownCount !== undefined) terms = [live[0]!, ...terms.slice(1)];
    }
    const estimates = terms.map((term) => this.#estimate(term, params));
    const best = estimates.indexOf(Math.min(...estimates));
    const drive = estimates[best]! <= this.#selective ? best : -1;
    const where = terms.map((term, i) => (i === drive ? term.indexed : term.filter)).join(' AND ');
    if (terms.length === 1 && terms[0]!.knownCount !== undefined)
      return known(terms[0]!.knownCount, `WHERE ${where}`);
    // Few matches: counted exactly from the driving index. Many: counted up to COUNT_CAP,
    // from the best index unless that is the search box's union (which would be built whole).
    const countTerm = drive >= 0 || !terms[best]!.parts ? best : -1;
    const countWhere = terms.map((term, i) => (i === countTerm ? term.indexed : term.filter)).join(' AND ');
    const capped = drive < 0;
    return {
      sql: `SELECT assets.* FROM assets WHERE ${where} ${order}`,
      countSql: capped
        ? `SELECT count(*) AS n FROM (SELECT 1 FROM assets WHERE ${countWhere} LIMIT ${this.#countCap + 1})`
        : `SELECT count(*) AS n FROM assets WHERE ${countWhere}`,
      knownTotal: null,
      capped,
      params,
    };
  }

  page(
    query: AssetQuery,
    offset: number,
    limit: number,
  ): { rows: AssetRow[]; total: number; totalCapped: boolean } {
    // One read transaction: the page and its total come from the same snapshot.
    return this.#db
      .transaction(() => {
        const { sql, countSql, knownTotal, capped, params } = this.plan(query);
        const rows = this.#prepare(`${sql} LIMIT @limit OFFSET @offset`).all({
          ...params,
          limit,
          offset,
        }) as AssetRow[];
        const counted =
          countSql === null ? knownTotal! : (this.#prepare(countSql).get(params) as { n: number }).n;
        const totalCapped = capped && counted > this.#countCap;
        // A page past the cap still counts: the total is never less than what was shown.
        const total = totalCapped ? Math.max(this.#countCap, offset + rows.length) : counted;
        return { rows, total, totalCapped };
      })
      .deferred();
  }

  iterate(query: AssetQuery): IterableIterator<AssetRow> {
    const { sql, params } = this.plan(query);
    return this.#prepare(sql).iterate(params) as IterableIterator<AssetRow>;
  }
}

import type { AssetFields } from '../../common/models/asset.ts';
import type { Db } from './db.ts';
import { FIELD_COLUMN_NAMES } from './assets-queries.ts';

/** A row that meets an existing asset: the staged row's ordinal and the asset's id. */
export type Hit = [k: number, id: number];
/** An IMEI hit also names which of the row's IMEIs (0 or 1) matched. */
export type ImeiHit = [k: number, position: number, id: number];

let sessions = 0;
/** Imports staged on each connection right now, and TEMP's cache size before the first. */
const live = new WeakMap<Db, { imports: number; everyday: number }>();
/**
 * TEMP's page cache while an import is staged (SQLite's default is 2 MiB): 100,000 staged rows
 * are ~60 MB, and a smaller cache writes them out to a temp file and reads them back. Pages
 * are allocated as used and freed when the cache is set back.
 */
const STAGING_CACHE_KIB = 262_144;

/** A staged row: its fields' columns, its IMEIs (at most two) reversed too, its audit details. */
const STAGED_COLUMNS = [
  ...FIELD_COLUMN_NAMES,
  'imei0',
  'imei0_reversed',
  'imei1',
  'imei1_reversed',
  'details',
] as const;

/**
 * One import's TEMP table and the set statements over it. Rows are staged first — in chunks
 * across event-loop turns, holding no lock on the registry (TEMP is the connection's own
 * database) — so the one write transaction is a few statements instead of 100,000 of each.
 * That matters beyond the calls: assets has triggers and NOT NULL/CHECK constraints, so
 * SQLite opens a statement journal for every INSERT into it (any trigger at all, even one
 * that never fires, cost ~20 µs a row); INSERT … SELECT pays that once. `k` is the row's
 * ordinal in the import, from 1.
 */
export function assetImportQueries(db: Db) {
  // Two imports may be staged at once (a preview and a commit): each has its own table.
  sessions += 1;
  const staged = `temp.import_assets_${sessions}`;
  // No declared types: values reach the STRICT assets table exactly as bound, and it checks them.
  db.exec(`CREATE TABLE ${staged} (k INTEGER PRIMARY KEY, ${STAGED_COLUMNS.join(', ')})`);
  const staging = live.get(db) ?? {
    imports: 0,
    everyday: db.pragma('temp.cache_size', { simple: true }) as number,
  };
  if (staging.imports === 0) db.pragma(`temp.cache_size = ${-STAGING_CACHE_KIB}`);
  staging.imports += 1;
  live.set(db, staging);
  const stage = db.prepare<unknown[]>(
    `INSERT INTO ${staged} (k, ${STAGED_COLUMNS.join(', ')}) VALUES (?, ${STAGED_COLUMNS.map(() => '?').join(', ')})`,
  );
  // A dry run only checks: the identity columns are all its queries read.
  const stageIdentity = db.prepare<[number, string | null, string, string, string | null, string | null]>(
    `INSERT INTO ${staged} (k, asset_tag, serial, manufacturer, imei0, imei1) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  // CROSS JOIN keeps the staged rows as the outer loop: one index probe of the registry per
  // row (the same probes as the single-asset checks), whatever the planner guesses of TEMP.
  const tagHits = db
    .prepare<[], Hit>(
      `SELECT s.k, a.id FROM ${staged} AS s CROSS JOIN assets AS a
       ON a.asset_tag = s.asset_tag COLLATE NOCASE WHERE s.asset_tag IS NOT NULL`,
    )
    .raw();
  const serialHits = db
    .prepare<[], Hit>(
      `SELECT s.k, a.id FROM ${staged} AS s CROSS JOIN assets AS a
       ON a.manufacturer = s.manufacturer COLLATE NOCASE AND a.serial = s.serial`,
    )
    .raw();
  const imeiHits = db
    .prepare<[], ImeiHit>(
      `SELECT s.k, 0, o.asset_id FROM ${staged} AS s CROSS JOIN asset_imeis AS o ON o.imei = s.imei0
       UNION ALL
       SELECT s.k, 1, o.asset_id FROM ${staged} AS s CROSS JOIN asset_imeis AS o ON o.imei = s.imei1
       ORDER BY 1, 2`,
    )
    .raw();
  const unstage = db.prepare<[number]>(`DELETE FROM ${staged} WHERE k = ?`);
  const maxId = db.prepare<[], number>('SELECT coalesce(max(id), 0) FROM assets').pluck();
  // New ids follow the file's order, dense from the registry's highest id (what SQLite would
  // give one by one), so the audit entries can name them without reading them back. While no
  // row was unstaged, k is dense and the id is base + k; after, a window numbers the rest.
  const writers = (dense: boolean) => {
    const from = dense
      ? `${staged} AS s`
      : `(SELECT k, @base + row_number() OVER (ORDER BY k) AS id FROM ${staged}) AS n JOIN ${staged} AS s USING (k)`;
    const id = dense ? '@base + s.k' : 'n.id';
    return {
      assets: db.prepare<{ base: number; state: string; at: string }>(
        `INSERT INTO assets (id, ${FIELD_COLUMN_NAMES.join(', ')}, state, created_at, updated_at)
         SELECT ${id}, ${FIELD_COLUMN_NAMES.map((c) => `s.${c}`).join(', ')}, @state, @at, @at
         FROM ${from} ORDER BY s.k`,
      ),
      imeis: db.prepare<{ base: number }>(
        `INSERT INTO asset_imeis (imei, imei_reversed, asset_id, position)
         SELECT imei, imei_reversed, id, position FROM (
           SELECT s.k, s.imei0 AS imei, s.imei0_reversed AS imei_reversed, ${id} AS id, 0 AS position
           FROM ${from} WHERE s.imei0 IS NOT NULL
           UNION ALL
           SELECT s.k, s.imei1, s.imei1_reversed, ${id}, 1 FROM ${from} WHERE s.imei1 IS NOT NULL
         ) ORDER BY k, position`,
      ),
      // Tag rows, which the insert trigger leaves to the bulk writer while
      // asset_structures_deferred has its row (migration 0060).
      tags: db.prepare<{ base: number }>(
        `INSERT INTO asset_tags (tag, asset_id)
         SELECT DISTINCT j.value, ${id} FROM ${from}, json_each(s.tags) AS j WHERE s.tags <> '[]'`,
      ),
    };
  };
  let unstaged = false;
  // And the counts, the same way: one statement each.
  const defer = db.prepare('INSERT INTO asset_structures_deferred (id) VALUES (1)');
  const undefer = db.prepare('DELETE FROM asset_structures_deferred');
  const countModels = db.prepare(
    `INSERT INTO asset_models (model, manufacturer, n)
     SELECT model, manufacturer, count(*) FROM ${staged} WHERE true GROUP BY model, manufacturer
     ON CONFLICT DO UPDATE SET n = n + excluded.n`,
  );
  const countState = db.prepare<{ state: string; n: number }>(
    'INSERT INTO asset_state_counts (state, n) VALUES (@state, @n) ON CONFLICT DO UPDATE SET n = n + excluded.n',
  );
  const details = db
    .prepare<[number, number], [number, string]>(
      `SELECT k, details FROM ${staged} WHERE k > ? ORDER BY k LIMIT ?`,
    )
    .raw();

  return {
    stage: (k: number, fieldValues: readonly unknown[], imeis: readonly string[], details: string) => {
      const [imei0 = null, imei1 = null] = imeis;
      return stage.run(k, ...fieldValues, imei0, reversed(imei0), imei1, reversed(imei1), details);
    },
    /** What the conflict queries read, and nothing more: for a dry run, which writes nothing. */
    stageIdentity: (k: number, fields: Pick<AssetFields, 'assetTag' | 'serial' | 'manufacturer' | 'imeis'>) =>
      stageIdentity.run(
        k,
        fields.assetTag,
        fields.serial,
        fields.manufacturer,
        fields.imeis[0] ?? null,
        fields.imeis[1] ?? null,
      ),
    /** The conflict queries' SQL, for the query-plan test (each must probe an index per row). */
    hitSql: { tag: tagHits.source, serial: serialHits.source, imei: imeiHits.source },
    tagHits: () => tagHits.all(),
    serialHits: () => serialHits.all(),
    imeiHits: () => imeiHits.all(),
    /** Takes a row out of the insert (it updates an existing asset instead). */
    unstage(k: number) {
      unstage.run(k);
      unstaged = true;
    },
    /**
     * Inserts every staged row as a new asset, ids from the current highest up in `k` order,
     * with their IMEIs and tag rows; count() must follow in the same transaction. Returns the
     * highest id before them and how many were inserted.
     */
    insert(state: string, at: string): { base: number; inserted: number } {
      const base = maxId.get()!;
      const insert = writers(!unstaged);
      defer.run();
      const inserted = insert.assets.run({ base, state, at }).changes;
      insert.imeis.run({ base });
      insert.tags.run({ base });
      return { base, inserted };
    },
    /** The model and state counts for what insert() wrote; the triggers count again after. */
    count(state: string, inserted: number) {
      countModels.run();
      if (inserted > 0) countState.run({ state, n: inserted });
      undefer.run();
    },
    /** The staged rows' audit details in `k` order, a page at a time (no JS copy of them all). */
    *details(page = 5_000): Generator<string> {
      for (let after = 0; ;) {
        const rows = details.all(after, page);
        for (const [, json] of rows) yield json;
        if (rows.length < page) return;
        after = rows.at(-1)![0];
      }
    },
    drop() {
      db.exec(`DROP TABLE IF EXISTS ${staged}`);
      staging.imports -= 1;
      if (staging.imports === 0) db.pragma(`temp.cache_size = ${staging.everyday}`);
    },
  };
}
export type AssetImportQueries = ReturnType<typeof assetImportQueries>;

const reversed = (imei: string | null) => (imei === null ? null : [...imei].reverse().join(''));

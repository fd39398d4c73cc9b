import { setImmediate as nextTurn } from 'node:timers/promises';
import type { AssetFields } from '../../common/models/asset.ts';
import type { RowConflict, RowIssue } from '../../common/models/asset-import.ts';
import { CoreError } from '../core-error.ts';
import { assetImportQueries, type AssetImportQueries } from '../store/asset-import-queries.ts';
import type { AssetsService } from './assets-service.ts';
import type { AssetConflict } from './asset-conflicts.ts';
import { describeAsset, fieldValues } from './asset-rows.ts';
import { createdDetailsJson } from './asset-created-details.ts';
import { customFieldsValidator } from './custom-fields.ts';
import type { ImportPhase } from './import-phases.ts';
import type { BulkImportOptions, BulkImportResult, ImportRow } from './import-types.ts';

/** Rows staged per event-loop turn (~20 ms of work): the core answers other requests between. */
const CHUNK_ROWS = 1_000;

type Row = ImportRow<AssetFields>;

/**
 * One bulk import of assets, in two steps. Staging (any number of calls, each its own
 * event-loop turn if the caller likes) checks each row on its own — custom fields, duplicates
 * within the file — and copies it into the import's TEMP tables. `finish` then runs the
 * checks against the registry and the writes in ONE transaction, so nothing can slip in
 * between check and write, and any issue, refusing conflict or a dry run writes nothing.
 */
class AssetImport {
  readonly #assets: AssetsService;
  readonly #rows: readonly Row[];
  readonly #options: BulkImportOptions;
  readonly #state: string;
  readonly #queries: AssetImportQueries;
  readonly #validate: ReturnType<typeof customFieldsValidator>;
  /** Canonical JSON of a row's `asset.created` details, built (and staged) before the commit. */
  readonly #detailsOf: (fields: AssetFields) => string;
  readonly #duplicates: RowIssue[] = [];
  readonly #customIssues: RowIssue[] = [];
  /** Per identity (tag any case, serial per manufacturer, IMEI), the file row that has it first. */
  readonly #seen = {
    tag: new Map<string, number>(),
    serial: new Map<string, number>(),
    imei: new Map<string, number>(),
  };
  #staged = 0;

  constructor(assets: AssetsService, rows: readonly Row[], options: BulkImportOptions) {
    this.#assets = assets;
    this.#rows = rows;
    this.#options = options;
    this.#state = options.state ?? 'in_stock';
    this.#validate = customFieldsValidator(assets.customFields.list());
    this.#detailsOf = createdDetailsJson({
      source: 'import',
      fileName: options.fileName,
      state: this.#state,
    });
    this.#queries = assetImportQueries(assets.db);
  }

  get staged(): boolean {
    return this.#staged === this.#rows.length;
  }

  #time<T>(phase: ImportPhase, work: () => T): T {
    return this.#options.phases ? this.#options.phases.time(phase, work) : work();
  }

  /** Stages the next `count` rows, in one transaction of the TEMP database only. */
  stageNext(count: number): void {
    const end = Math.min(this.#rows.length, this.#staged + count);
    this.#time('stage', () =>
      this.#assets.db.transaction(() => {
        for (let index = this.#staged; index < end; index += 1) this.#stage(this.#rows[index]!, index + 1);
      })(),
    );
    this.#staged = end;
  }

  #stage({ row, fields }: Row, k: number): void {
    for (const issue of this.#validate(fields.custom))
      this.#customIssues.push({ row, column: `custom:${issue.key}`, message: issue.message });
    const { tag, serial, imei } = this.#seen;
    if (fields.assetTag)
      this.#once(tag, fields.assetTag.toLowerCase(), 'assetTag', row, 'asset tag', fields.assetTag);
    this.#once(
      serial,
      `${fields.manufacturer.toLowerCase()}\0${fields.serial}`,
      'serial',
      row,
      'serial',
      fields.serial,
    );
    for (const value of fields.imeis) this.#once(imei, value, 'imeis', row, 'IMEI', value);
    // The schema allows two; a caller that skipped it is refused here, not halfway.
    if (fields.imeis.length > 2) throw new Error(`row ${row} has ${fields.imeis.length} IMEIs; at most two`);
    if (this.#options.dryRun) this.#queries.stageIdentity(k, fields);
    else this.#queries.stage(k, fieldValues(fields), fields.imeis, this.#detailsOf(fields));
  }

  /** Rows of the same file that name the same device twice (tag, serial per manufacturer, IMEI). */
  #once(
    seen: Map<string, number>,
    key: string,
    column: string,
    row: number,
    name: string,
    value: string,
  ): void {
    const first = seen.get(key);
    if (first === undefined) seen.set(key, row);
    else
      this.#duplicates.push({
        row,
        column,
        message: `${name} ${value} is also on row ${first} of this file`,
      });
  }

  /** The registry checks and, when nothing refuses the file and it is no dry run, the writes. */
  finish(): BulkImportResult {
    if (!this.staged) throw new Error('finish() before every row was staged');
    const run = (): BulkImportResult => {
      const { updates, conflicts, conflictRows } = this.#time('conflicts', () => this.#conflicts());
      const issues = [...this.#duplicates, ...this.#customIssues];
      const created = this.#rows.length - conflictRows - updates.size;
      const result = { created, updated: updates.size, issues, conflicts };
      if (issues.length > 0 || conflicts.length > 0 || this.#options.dryRun)
        return { ...result, committed: false };
      this.#write(updates);
      return { ...result, committed: true };
    };
    const db = this.#assets.db;
    // Read-only work still runs in a transaction: a consistent snapshot for the whole report.
    if (this.#options.dryRun) return db.transaction(run).deferred();
    try {
      return withLargeCache(db, () => {
        const start = performance.now();
        let ranMs = 0;
        const result = db
          .transaction(() => {
            const value = run();
            ranMs = performance.now() - start;
            return value;
          })
          .immediate();
        this.#options.phases?.add('commit', performance.now() - start - ranMs);
        return result;
      });
    } catch (error) {
      // The registry's own constraints (a UDID on two rows, …) refuse the file as a whole.
      if (error instanceof Error && (error as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT'))
        throw new CoreError(
          'conflict',
          `Nothing was imported: the registry refused a row (${error.message}).`,
        );
      throw error;
    }
  }

  /**
   * The staged rows against the registry, one set query per identity. A row matching one
   * asset updates it under updateExisting; otherwise each match is a conflict, listed as the
   * single-asset check lists them: tag, serial, then each IMEI.
   */
  #conflicts(): { updates: Map<number, number>; conflicts: RowConflict[]; conflictRows: number } {
    const found = new Map<number, AssetConflict[]>();
    const described = new Map<number, string>();
    const add = (k: number, field: string, value: string, id: number) => {
      let existing = described.get(id);
      if (existing === undefined)
        described.set(id, (existing = describeAsset(this.#assets.queries.byId(id)!)));
      const list = found.get(k) ?? [];
      list.push({ field, value, existingId: id, existing });
      found.set(k, list);
    };
    const fields = (k: number) => this.#rows[k - 1]!.fields;
    for (const [k, id] of this.#queries.tagHits()) add(k, 'assetTag', fields(k).assetTag!, id);
    for (const [k, id] of this.#queries.serialHits()) add(k, 'serial', fields(k).serial, id);
    for (const [k, position, id] of this.#queries.imeiHits()) add(k, 'imei', fields(k).imeis[position]!, id);

    const updates = new Map<number, number>();
    const conflicts: RowConflict[] = [];
    let conflictRows = 0;
    for (const k of [...found.keys()].sort((a, b) => a - b)) {
      const matches = found.get(k)!;
      const ids = new Set(matches.map((match) => match.existingId));
      if (ids.size === 1 && this.#options.updateExisting) updates.set(k, matches[0]!.existingId);
      else {
        conflictRows += 1;
        const row = this.#rows[k - 1]!.row;
        conflicts.push(...matches.map((match) => ({ row, ...match })));
      }
    }
    return { updates, conflicts, conflictRows };
  }

  /** New assets with their IMEIs, tags and counts in set statements, their audit entries in one pass; then the updates. */
  #write(updates: Map<number, number>): void {
    const at = this.#assets.now().toISOString();
    const { base, inserted } = this.#time('insert', () => {
      for (const k of updates.keys()) this.#queries.unstage(k);
      return this.#queries.insert(this.#state, at);
    });
    if (inserted !== this.#rows.length - updates.size)
      throw new Error(`bulk insert wrote ${inserted} assets of ${this.#rows.length - updates.size}`);
    this.#time('counts', () => this.#queries.count(this.#state, inserted));
    const staged = this.#queries;
    // The staged rows left are the new assets, in id order.
    function* created() {
      let id = base;
      for (const details of staged.details()) yield { subject: `asset:${(id += 1)}`, details };
    }
    if (inserted > 0)
      this.#time('audit', () =>
        this.#assets.audit.appendMany(
          { actor: this.#options.actor, station: this.#options.station, action: 'asset.created', at },
          created(),
        ),
      );
    this.#time('insert', () => {
      for (const [k, existingId] of updates) this.#update(this.#rows[k - 1]!, existingId);
    });
  }

  /** Changes only the fields the file has columns for, audited (as an edit is). */
  #update(row: Row, existingId: number): void {
    const assets = this.#assets;
    const existing = assets.queries.byId(existingId)!;
    const given = row.given ?? (Object.keys(row.fields) as (keyof AssetFields)[]);
    const changes: Partial<AssetFields> = Object.fromEntries(given.map((key) => [key, row.fields[key]]));
    if (changes.custom)
      changes.custom = { ...(JSON.parse(existing.custom) as AssetFields['custom']), ...changes.custom };
    // Purchase is one field of several columns: the ones a row leaves empty keep their values.
    if (changes.purchase) {
      const before = assets.toAsset(existing).purchase;
      const after = changes.purchase;
      changes.purchase = Object.fromEntries(
        (Object.keys(after) as (keyof typeof after)[]).map((key) => [key, after[key] ?? before[key]]),
      ) as AssetFields['purchase'];
    }
    const who = { actor: this.#options.actor, station: this.#options.station };
    assets.applyChanges(existing, changes, who, 'asset.imported', {
      source: 'import',
      fileName: this.#options.fileName,
    });
  }

  dispose(): void {
    this.#queries.drop();
  }
}

/**
 * The import's all-or-nothing commit, in one synchronous call (tests, the bulk benchmark).
 * IMEIs, tag rows and model and state counts are written by the same commit (migration 0060).
 */
export function importAssets(
  assets: AssetsService,
  rows: readonly Row[],
  options: BulkImportOptions,
): BulkImportResult {
  const job = new AssetImport(assets, rows, options);
  try {
    job.stageNext(rows.length);
    return job.finish();
  } finally {
    job.dispose();
  }
}

/**
 * The same commit with the rows staged CHUNK_ROWS per event-loop turn. Only the final
 * transaction holds the loop: SQLite's transaction cannot span turns safely here, as every
 * request of the core shares this connection and would run inside it (its writes rolled back
 * with ours, our uncommitted rows in its reads).
 */
export async function importAssetsInSteps(
  assets: AssetsService,
  rows: readonly Row[],
  options: BulkImportOptions,
): Promise<BulkImportResult> {
  const job = new AssetImport(assets, rows, options);
  try {
    while (!job.staged) {
      job.stageNext(CHUNK_ROWS);
      await nextTurn();
    }
    return job.finish();
  } finally {
    job.dispose();
  }
}

/**
 * A bulk commit inserts into a dozen indexes at random places; with the everyday 64 MiB page
 * cache, a 100,000-row transaction spills dirty pages to the WAL and re-reads them. 512 MiB
 * for the one transaction made it ~1.8× faster (30,000 rows into 300,000: 13.0 s → 7.0 s);
 * SQLite allocates cache pages only as they are used and shrinks back when reset.
 */
export function withLargeCache<T>(db: AssetsService['db'], work: () => T): T {
  const everyday = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -524288');
  try {
    return work();
  } finally {
    db.pragma(`cache_size = ${everyday}`);
  }
}

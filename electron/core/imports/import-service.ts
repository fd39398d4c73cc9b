import { basename } from 'node:path';
import type { AssetFields, CustomFieldDefinition } from '../../common/models/asset.ts';
import type { PersonFields } from '../../common/models/person.ts';
import {
  CUSTOM_TARGET_PREFIX,
  type ColumnMapping,
  type ImportKind,
  type ImportReport,
  type RowConflict,
  type RowIssue,
} from '../../common/models/asset-import.ts';
import type { BulkImportOptions, BulkImportResult, ImportRow } from '../assets/import-types.ts';
import type { ImportPhases } from '../assets/import-phases.ts';
import { openCsv, type CsvRecord } from './csv-reader.ts';
import { planColumns, suggestMapping, type ColumnPlan } from './column-mapping.ts';
import { assetFromRow, isBlank, personFromRow, type RowResult } from './row-fields.ts';

/** The report lists this many issues and conflicts; the counts are always complete. */
export const REPORTED_MAX = 500;
const SAMPLE_ROWS = 10;
/** Preview cells are cut here: a 10 MB cell is reported, not sent to the window. */
const SAMPLE_CELL_CHARS = 200;

type BulkWriter<F> = (
  rows: readonly ImportRow<F>[],
  options: BulkImportOptions,
) => BulkImportResult | Promise<BulkImportResult>;

/** What the import needs from the registry: its custom fields, its bulk writers and who is working. */
export interface ImportTargets {
  customFields(): readonly CustomFieldDefinition[];
  importAssets: BulkWriter<AssetFields>;
  /** People imports; with `rosterDay`, the same transaction makes them that day's roster. */
  importPeople(
    rows: readonly ImportRow<PersonFields>[],
    options: BulkImportOptions & { rosterDay?: string },
  ): BulkImportResult;
  who(): { actor: string; station: string };
}

export interface ImportSource {
  importId: string;
  kind: ImportKind;
  fileName: string;
  path: string;
}

export interface ImportOptions {
  mapping?: ColumnMapping;
  /** False: check everything, write nothing (preview, dry run). */
  commit: boolean;
  updateExisting: boolean;
  rosterDay?: string;
  /** Filled with the time each phase took (the benchmark's breakdown). */
  phases?: ImportPhases;
}

/** Keeps the first REPORTED_MAX entries and counts them all. */
class Capped<T> {
  readonly items: T[] = [];
  count = 0;
  push(...items: T[]): void {
    for (const item of items) {
      this.count += 1;
      if (this.items.length < REPORTED_MAX) this.items.push(item);
    }
  }
}

/** What the streaming pass over the file found, before the writer sees the good rows. */
interface ReadSummary {
  rows: number;
  sample: string[][];
  issues: Capped<RowIssue>;
  badRows: Set<number>;
}
interface FileRead<F> extends ReadSummary {
  good: ImportRow<F>[];
}

/** One pass over the records: counts, a sample for the preview, each row into fields or issues. */
async function readRows<F>(
  records: AsyncIterable<CsvRecord>,
  readRow: (record: CsvRecord) => RowResult<F>,
  given: (record: CsvRecord) => readonly (keyof F)[],
  headerIssues: readonly RowIssue[],
  phases: ImportPhases | undefined,
): Promise<FileRead<F>> {
  const read: FileRead<F> = { rows: 0, sample: [], issues: new Capped(), badRows: new Set(), good: [] };
  read.issues.push(...headerIssues);
  // Parsing and validation interleave row by row: the rows' own work is summed as
  // validation, the rest of the loop (reading, decoding, splitting) is parsing.
  const start = performance.now();
  let validateMs = 0;
  for await (const record of records) {
    if (isBlank(record)) continue;
    read.rows += 1;
    if (read.sample.length < SAMPLE_ROWS)
      read.sample.push(record.cells.map((cell) => cell.slice(0, SAMPLE_CELL_CHARS)));
    const rowStart = phases ? performance.now() : 0;
    const result = readRow(record);
    if (result.ok) read.good.push({ row: record.row, fields: result.fields, given: given(record) });
    else {
      read.badRows.add(record.row);
      read.issues.push(...result.issues);
    }
    if (phases) validateMs += performance.now() - rowStart;
  }
  phases?.add('validate', validateMs);
  phases?.add('parse', performance.now() - start - validateMs);
  return read;
}

/**
 * Reads an import file as a stream, maps its columns, validates every row into the model's
 * fields, then hands the good rows to the registry's bulk writer, which finds duplicates and
 * conflicts and writes all rows or none. A commit is made only when the whole file is clean.
 */
export async function runImport(
  targets: ImportTargets,
  source: ImportSource,
  options: ImportOptions,
): Promise<ImportReport> {
  const opened = performance.now();
  const file = await openCsv(source.path);
  options.phases?.add('parse', performance.now() - opened);
  const customFields = source.kind === 'assets' ? targets.customFields() : [];
  const mapping = options.mapping ?? suggestMapping(source.kind, file.headers, customFields);
  const { plan, headerIssues } = planColumns(source.kind, file.headers, mapping, customFields);
  const writerOptions = (read: ReadSummary) => ({
    updateExisting: options.updateExisting,
    // The writer refuses the file on any issue it finds; with issues of our own it only checks.
    dryRun: !options.commit || read.issues.count > 0,
    ...targets.who(),
    fileName: source.fileName,
    ...(options.phases ? { phases: options.phases } : {}),
  });
  let read: ReadSummary;
  let written: BulkImportResult;
  if (source.kind === 'assets') {
    const assets = await readRows(
      file.records,
      (record) => assetFromRow(record, plan, file.headers, customFields),
      sharedPerShape(plan, assetFieldsGiven),
      headerIssues,
      options.phases,
    );
    [read, written] = [assets, await targets.importAssets(assets.good, writerOptions(assets))];
  } else {
    const people = await readRows(
      file.records,
      (record) => personFromRow(record, plan, file.headers),
      sharedPerShape(plan, (targets) => targets as (keyof PersonFields)[]),
      headerIssues,
      options.phases,
    );
    const rosterDay = options.rosterDay ? { rosterDay: options.rosterDay } : {};
    [read, written] = [people, targets.importPeople(people.good, { ...writerOptions(people), ...rosterDay })];
  }
  const { issues, badRows, rows, sample } = read;
  const dryRun = writerOptions(read).dryRun;

  const header = headerOf(plan, file.headers);
  const writerIssues = written.issues.map((issue) => ({ ...issue, column: header(issue.column) }));
  const merged = new Capped<RowIssue>();
  merged.push(...mergeByRow(issues.items, writerIssues));
  merged.count = issues.count + written.issues.length;
  for (const issue of written.issues) badRows.add(issue.row);
  const conflicts = new Capped<RowConflict>();
  conflicts.push(...written.conflicts);
  if (!options.updateExisting) for (const conflict of written.conflicts) badRows.add(conflict.row);

  return {
    importId: source.importId,
    kind: source.kind,
    fileName: basename(source.fileName),
    encoding: file.encoding,
    delimiter: file.delimiter,
    headers: file.headers,
    mapping,
    sample,
    rows,
    validRows: rows - [...badRows].filter((row) => row > 1).length,
    issues: merged.items,
    issueCount: merged.count,
    conflicts: conflicts.items,
    conflictCount: conflicts.count,
    committed: written.committed && !dryRun,
    created: written.created,
    updated: written.updated,
  };
}

/**
 * The targets this row has text for, as one string of 0/1 per target of the plan. An update
 * changes only those: an empty cell in a delivery list means "not known here", and must not
 * blank an IMEI or a note the registry has.
 */
function filledShape(plan: readonly (readonly [string, readonly number[]])[], record: CsvRecord): string {
  let shape = '';
  for (const [, columns] of plan)
    shape += columns.some((index) => (record.cells[index] ?? '').trim() !== '') ? '1' : '0';
  return shape;
}

/**
 * Rows of a delivery list mostly fill the same columns: one `given` array per pattern of
 * filled columns, shared by its rows, instead of one per row held until the commit.
 */
function sharedPerShape<K>(
  plan: ColumnPlan,
  fieldsOf: (targets: readonly string[]) => K[],
): (record: CsvRecord) => readonly K[] {
  const targets = [...plan];
  const byShape = new Map<string, readonly K[]>();
  return (record) => {
    const shape = filledShape(targets, record);
    let fields = byShape.get(shape);
    if (!fields) {
      fields = fieldsOf(targets.filter((_, index) => shape[index] === '1').map(([target]) => target));
      byShape.set(shape, fields);
    }
    return fields;
  };
}

/** The record fields a row's filled targets set. */
function assetFieldsGiven(targets: readonly string[]): (keyof AssetFields)[] {
  const fields = new Set<keyof AssetFields>();
  for (const target of targets) {
    if (target.startsWith(CUSTOM_TARGET_PREFIX)) fields.add('custom');
    else if (target === 'imei') fields.add('imeis');
    else if (PURCHASE_TARGETS.has(target)) fields.add('purchase');
    else fields.add(target as keyof AssetFields);
  }
  return [...fields];
}

const PURCHASE_TARGETS = new Set([
  'orderNumber',
  'supplier',
  'purchaseDate',
  'price',
  'currency',
  'warrantyEnd',
]);

/** The writer names record fields (imeis, custom:KEY, email); the report names the file's headers. */
function headerOf(plan: ColumnPlan, headers: readonly string[]): (field: string | null) => string | null {
  return (field) => {
    if (field === null) return null;
    const columns = plan.get(field === 'imeis' ? 'imei' : field);
    return columns ? headers[columns[0]!]! : field;
  };
}

/** Two row-ordered lists as one, so the report reads top to bottom like the file. */
function mergeByRow(a: readonly RowIssue[], b: readonly RowIssue[]): RowIssue[] {
  return [...a, ...b].sort((x, y) => x.row - y.row);
}

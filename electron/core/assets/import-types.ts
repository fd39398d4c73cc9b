import type { AssetState } from '../../common/models/asset.ts';
import type { RowConflict, RowIssue } from '../../common/models/asset-import.ts';
import type { ImportPhases } from './import-phases.ts';

/**
 * The bulk writer's contract with the import (CSV) engineer: rows arrive parsed and
 * schema-valid; the writer checks what only the store can (uniqueness, required custom
 * fields, duplicates within the file) and commits all rows or none, in one transaction.
 */

/** One parsed row of an import file and its spreadsheet row number (the header is row 1). */
export interface ImportRow<F> {
  row: number;
  fields: F;
  /**
   * The fields the file actually has columns for. An update of an existing record changes only
   * these (custom values are merged key by key), so an unmapped column never blanks a value.
   * Omitted: every field.
   */
  given?: readonly (keyof F)[];
}

export interface BulkImportOptions {
  /**
   * A row that matches exactly one existing record (assets: by tag, serial per manufacturer
   * or IMEI; people: by employee id, email or badge) updates it, field by field and audited,
   * instead of refusing the file. A row matching two different records still refuses it.
   */
  updateExisting: boolean;
  /** Check everything and write nothing: the result says what a commit would do. */
  dryRun?: boolean;
  actor: string;
  station: string;
  /** Named in every audit entry, so an asset's timeline says which file it came from. */
  fileName: string;
  /** Assets only: the state new assets start in (default in_stock, ready to stage or issue). */
  state?: AssetState;
  /** Filled with the time each phase took (the benchmark's breakdown). */
  phases?: ImportPhases;
}

export interface BulkImportResult {
  /** True only when every row was written; any issue or conflict (or dryRun) writes nothing. */
  committed: boolean;
  /** What was (or, on a dry run / refusal, would have been) created and updated. */
  created: number;
  updated: number;
  /** Rows that cannot be imported: duplicates within the file, missing required custom fields, … */
  issues: RowIssue[];
  /** Rows that meet an existing record and refuse the file (all matches unless updateExisting). */
  conflicts: RowConflict[];
}

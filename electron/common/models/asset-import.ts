import { z } from 'zod';

export const IMPORT_KINDS = ['assets', 'people'] as const;
export const ImportKindSchema = z.enum(IMPORT_KINDS);
export type ImportKind = z.infer<typeof ImportKindSchema>;

/** Source column (as in the file's header) → target field key (asset or person field, or custom:KEY); null ignores it. */
export const ColumnMappingSchema = z.record(z.string().max(500), z.string().max(100).nullable());
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

export const RowIssueSchema = z.strictObject({
  /** 1-based data row number as a spreadsheet shows it (the header is row 1). */
  row: z.number().int().positive(),
  column: z.string().nullable(),
  message: z.string(),
});
export type RowIssue = z.infer<typeof RowIssueSchema>;

export const RowConflictSchema = z.strictObject({
  row: z.number().int().positive(),
  /** What matched: asset tag, serial or IMEI (or email / employee id for people). */
  field: z.string(),
  value: z.string(),
  existingId: z.number().int().positive(),
  /** One line describing the existing record, e.g. "DL-00042 · Samsung SM-A546B · issued". */
  existing: z.string(),
});
export type RowConflict = z.infer<typeof RowConflictSchema>;

/** What an import found, before (dry run / preview) or after committing. */
export const ImportReportSchema = z.strictObject({
  importId: z.string(),
  kind: ImportKindSchema,
  fileName: z.string(),
  encoding: z.string(),
  delimiter: z.string(),
  headers: z.array(z.string()),
  mapping: ColumnMappingSchema,
  /** The first rows as parsed, for the mapping preview. */
  sample: z.array(z.array(z.string())),
  rows: z.number().int().nonnegative(),
  validRows: z.number().int().nonnegative(),
  /** Capped; `issueCount` is the full number. */
  issues: z.array(RowIssueSchema),
  issueCount: z.number().int().nonnegative(),
  conflicts: z.array(RowConflictSchema),
  conflictCount: z.number().int().nonnegative(),
  committed: z.boolean(),
  created: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;

/** A file the core made for the user to save (CSV export, PDF labels, day report). */
export const GeneratedFileSchema = z.strictObject({
  fileName: z.string(),
  contentType: z.string(),
  contentBase64: z.string(),
  rows: z.number().int().nonnegative().optional(),
});
export type GeneratedFile = z.infer<typeof GeneratedFileSchema>;

/**
 * What a column can be mapped to (besides `custom:KEY` for an asset's custom field). `imei`
 * may take two columns (imei1, imei2); every other target takes one.
 */
export const ASSET_IMPORT_TARGETS = [
  'assetTag',
  'serial',
  'platform',
  'manufacturer',
  'model',
  'storageGb',
  'osVersion',
  'imei',
  'udid',
  'ecid',
  'orderNumber',
  'supplier',
  'purchaseDate',
  'price',
  'currency',
  'warrantyEnd',
  'location',
  'roleProfile',
  'conditionGrade',
  'batteryHealth',
  'tags',
  'notes',
] as const;
export type AssetImportTarget = (typeof ASSET_IMPORT_TARGETS)[number];
export const PERSON_IMPORT_TARGETS = [
  'name',
  'email',
  'employeeId',
  'badge',
  'department',
  'costCentre',
] as const;
export type PersonImportTarget = (typeof PERSON_IMPORT_TARGETS)[number];
export const CUSTOM_TARGET_PREFIX = 'custom:';

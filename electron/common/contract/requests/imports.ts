import { z } from 'zod';
import { defineRequest } from '../define.ts';
import { ColumnMappingSchema, ImportKindSchema, ImportReportSchema } from '../../models/asset-import.ts';

/** 64 MiB of file, base64-encoded, fits one request; the CLI reads larger files from disk. */
const MAX_UPLOAD_BASE64 = Math.ceil((64 * 1024 * 1024 * 4) / 3) + 4;

/**
 * CSV imports of supplier delivery lists and people rosters: upload (kept in the data
 * folder, parsed as a stream), preview with a column mapping and a row-level report, then an
 * all-or-nothing commit.
 */
export const importRequests = {
  'imports.upload': defineRequest(
    'Hand the core a CSV file from this computer; nothing is imported yet.',
    z.strictObject({
      kind: ImportKindSchema,
      fileName: z.string().trim().min(1).max(255),
      contentBase64: z
        .string()
        .max(MAX_UPLOAD_BASE64)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
    }),
    z.strictObject({ importId: z.string() }),
  ),
  'imports.preview': defineRequest(
    'Parse an uploaded file with a column mapping (suggested from the headers when omitted) and report every bad row and conflict; writes nothing.',
    z.strictObject({ importId: z.string().min(1).max(100), mapping: ColumnMappingSchema.optional() }),
    ImportReportSchema,
  ),
  'imports.commit': defineRequest(
    'Import every row or none: refused while any row is invalid, or conflicts with an existing record unless `updateExisting`.',
    z.strictObject({
      importId: z.string().min(1).max(100),
      mapping: ColumnMappingSchema.optional(),
      updateExisting: z.boolean().default(false),
      /** For a people import: also make them the roster of this rollout day. */
      rosterDay: z.iso.date().optional(),
    }),
    ImportReportSchema,
  ),
};

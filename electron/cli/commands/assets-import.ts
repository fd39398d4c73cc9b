import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { ColumnMappingSchema, type ImportReport } from '../../common/models/asset-import.ts';
import { createCore } from '../../core/core.ts';
import { importTargetsOf } from '../../core/imports/imports-handlers.ts';
import { runImport } from '../../core/imports/import-service.ts';
import { IsoDateSchema } from '../../common/models/asset.ts';
import { dataDirFrom, dataDirOption } from '../options.ts';
import { printJson } from '../in-process.ts';

/** Exit code when the file was read but rows are invalid or conflict: nothing was committed. */
export const EXIT_ROWS_REFUSED = 2;

interface ImportOptions {
  dataDir?: string;
  people?: boolean;
  dryRun?: boolean;
  updateExisting?: boolean;
  mapping?: string;
  rosterDay?: string;
  json?: boolean;
}

function readMapping(path: string) {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`--mapping ${path}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  const parsed = ColumnMappingSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(`--mapping ${path} must be a JSON object of "column header": "field" (or null)`);
  return parsed.data;
}

function printReport(report: ImportReport, dryRun: boolean): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(
    `${report.fileName}: ${report.rows} rows (${report.encoding}, "${report.delimiter === '\t' ? 'tab' : report.delimiter}"-separated), ${report.validRows} valid`,
  );
  const mapped = Object.entries(report.mapping).filter(([, target]) => target !== null);
  out(`columns: ${mapped.map(([header, target]) => `${header} → ${target}`).join(', ')}`);
  for (const issue of report.issues)
    out(`  row ${issue.row}${issue.column ? `, ${issue.column}` : ''}: ${issue.message}`);
  if (report.issueCount > report.issues.length)
    out(`  … and ${report.issueCount - report.issues.length} more problems`);
  for (const conflict of report.conflicts)
    out(
      `  row ${conflict.row}: ${conflict.field} ${conflict.value} is already registered: ${conflict.existing}`,
    );
  if (report.conflictCount > report.conflicts.length)
    out(`  … and ${report.conflictCount - report.conflicts.length} more conflicts`);
  const would = `${report.created} new, ${report.updated} updated`;
  if (report.committed) out(`Imported: ${would}.`);
  else if (dryRun && report.issueCount === 0)
    out(`Dry run: the file is clean and would import ${would}. Nothing was written.`);
  else
    out(
      `Nothing was imported: fix the rows above${report.conflictCount > 0 ? ', or pass --update-existing to update the matching records' : ''}.`,
    );
}

/** `depotline assets import FILE`: the same pipeline as the window, reading the file where it is. */
export function registerAssetsImportCommand(assets: Command): void {
  assets
    .command('import')
    .description(
      'Import a supplier delivery list (or with --people a roster) from a CSV file: all rows or none.',
    )
    .argument('<file>', 'CSV file (comma, semicolon or tab separated; UTF-8, UTF-16 or Windows-1252)')
    .addOption(dataDirOption())
    .option('--people', 'the file is a people roster, not a delivery list')
    .option('--dry-run', 'check every row and report; write nothing')
    .option('--update-existing', 'rows matching a registered asset (tag, serial, IMEI) or person update it')
    .option('--mapping <file>', 'JSON object mapping column headers to fields, e.g. {"Ser.nr": "serial"}')
    .option('--roster-day <YYYY-MM-DD>', 'with --people: make these people the roster of that rollout day')
    .option('--json', 'print the report as JSON')
    .action(async (file: string, options: ImportOptions) => {
      if (
        options.rosterDay !== undefined &&
        (!options.people || !IsoDateSchema.safeParse(options.rosterDay).success)
      )
        throw new Error('--roster-day takes a date (YYYY-MM-DD) and goes with --people');
      const mapping = options.mapping ? readMapping(options.mapping) : undefined;
      const core = createCore({
        dataDir: dataDirFrom(options),
        frontDoor: 'cli',
        log: (m) => process.stderr.write(`${m}\n`),
      });
      try {
        const report = await runImport(
          importTargetsOf(core.context),
          {
            importId: randomUUID(),
            kind: options.people ? 'people' : 'assets',
            fileName: basename(file),
            path: file,
          },
          {
            ...(mapping ? { mapping } : {}),
            commit: !options.dryRun,
            updateExisting: options.updateExisting ?? false,
            ...(options.rosterDay ? { rosterDay: options.rosterDay } : {}),
          },
        );
        if (options.json) printJson(report);
        else printReport(report, options.dryRun ?? false);
        const clean = report.issueCount === 0 && (report.conflictCount === 0 || options.updateExisting);
        if (!clean) process.exitCode = EXIT_ROWS_REFUSED;
      } finally {
        core.close();
      }
    });
}

import type { CoreContext } from '../core-context.ts';
import type { HandlerTable } from '../contract-server/dispatcher.ts';
import { CoreError } from '../core-error.ts';
import { TooManyRows, writeAssetsCsv } from './asset-csv.ts';
import { labelsPdf } from './labels-pdf.ts';
import { dayReportCsv, dayReportPdf, handoversForReport } from './day-report.ts';

/** What one export request may carry (the file travels base64 in one answer); the CLI has no cap. */
export const EXPORT_MAX_ROWS = 100_000;

/** "assets-2026-11-28.csv": the local date the file was made, for a Downloads folder that sorts. */
function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export function setupDocuments({
  assets,
  rollout,
  db,
}: CoreContext): Pick<HandlerTable, 'assets.export' | 'assets.labels' | 'rollout.report'> {
  return {
    'assets.export': async (query) => {
      const chunks: string[] = [];
      let rows: number;
      try {
        rows = await writeAssetsCsv(
          assets.iterate(query),
          assets.customFields.list(),
          (chunk) => void chunks.push(chunk),
          EXPORT_MAX_ROWS,
        );
      } catch (error) {
        if (!(error instanceof TooManyRows)) throw error;
        throw new CoreError(
          'invalid_input',
          `The view has more than ${EXPORT_MAX_ROWS.toLocaleString('en')} assets: narrow it with a search or filter, or export all with "depotline assets export FILE".`,
        );
      }
      return {
        fileName: `assets-${today()}.csv`,
        contentType: 'text/csv; charset=utf-8',
        contentBase64: Buffer.from(chunks.join(''), 'utf8').toString('base64'),
        rows,
      };
    },
    'assets.labels': async ({ ids, layout }) => {
      const pdf = await labelsPdf(
        ids.map((id) => assets.get(id)),
        layout,
      );
      return {
        fileName: `asset-labels-${today()}.pdf`,
        contentType: 'application/pdf',
        contentBase64: pdf.toString('base64'),
        rows: ids.length,
      };
    },
    'rollout.report': async ({ day, format }) => {
      const handovers = handoversForReport(db, rollout, day);
      const content = format === 'csv' ? dayReportCsv(handovers) : await dayReportPdf(day, handovers);
      return {
        fileName: `rollout-${day}.${format}`,
        contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/pdf',
        contentBase64: content.toString('base64'),
        rows: handovers.length,
      };
    },
  };
}

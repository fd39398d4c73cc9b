import type { Handover } from '../../common/models/rollout.ts';
import type { Db } from '../store/db.ts';
import type { RolloutService } from '../rollout/rollout-service.ts';
import { dayBounds } from '../rollout/rollout-service.ts';
import { csvLine, UTF8_BOM } from './csv-lines.ts';
import { renderPdf } from './pdf-file.ts';

/**
 * Every handover of a day, oldest first, with the ones undone at the scanner (which the live
 * board leaves out) kept and marked: the report is the record of what happened at the desk.
 */
export function handoversForReport(db: Db, rollout: RolloutService, day: string): Handover[] {
  const { from, to } = dayBounds(day);
  const undone = db
    .prepare<{ from: string; to: string }, { id: number }>(
      `SELECT id FROM assignments WHERE assigned_at >= @from AND assigned_at < @to AND end_reason = 'undone'`,
    )
    .all({ from, to })
    .map(({ id }) => rollout.handover(id));
  return [...rollout.handoversOf(day), ...undone].sort(
    (a, b) =>
      a.assignment.assignedAt.localeCompare(b.assignment.assignedAt) || a.assignment.id - b.assignment.id,
  );
}

/** The station's local clock time, as the technicians saw it on the wall. */
function clock(iso: string): string {
  const at = new Date(iso);
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
}

function status(handover: Handover): string {
  const { endReason, endedAt } = handover.assignment;
  if (endReason === null) return 'issued';
  return `${endReason} ${clock(endedAt!)}`;
}

const COLUMNS: readonly [string, (h: Handover) => string][] = [
  ['time', (h) => clock(h.assignment.assignedAt)],
  ['asset_tag', (h) => h.asset.assetTag ?? ''],
  ['serial', (h) => h.asset.serial],
  ['model', (h) => `${h.asset.manufacturer} ${h.asset.model}`.trim()],
  ['person', (h) => h.person.name],
  ['employee_id', (h) => h.person.employeeId ?? ''],
  ['department', (h) => h.person.department ?? ''],
  ['technician', (h) => h.assignment.assignedBy],
  ['station', (h) => h.assignment.station],
  ['status', status],
];

export function dayReportCsv(handovers: readonly Handover[]): Buffer {
  const lines = [csvLine(COLUMNS.map(([header]) => header))];
  for (const handover of handovers) lines.push(csvLine(COLUMNS.map(([, value]) => value(handover))));
  return Buffer.from(UTF8_BOM + lines.join(''), 'utf8');
}

/** Column widths in points on a landscape A4 page (842 wide, 36 margins). */
const PDF_WIDTHS = [36, 64, 86, 110, 120, 60, 96, 86, 60, 52];

export function dayReportPdf(day: string, handovers: readonly Handover[]): Promise<Buffer> {
  const undone = handovers.filter((h) => h.assignment.endReason === 'undone').length;
  return renderPdf(
    { size: 'A4', layout: 'landscape', margin: 36, info: { Title: `Rollout day ${day}` } },
    (doc) => {
      const left = 36;
      const bottom = 595 - 36;
      const right = left + PDF_WIDTHS.reduce((sum, w) => sum + w, 0);
      const row = (cells: string[], y: number, bold: boolean) => {
        doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
        let x = left;
        cells.forEach((cell, i) => {
          doc.text(cell, x, y, { width: PDF_WIDTHS[i]! - 4, lineBreak: false, ellipsis: true });
          x += PDF_WIDTHS[i]!;
        });
      };
      let y = 0;
      const newPage = () => {
        doc.addPage();
        y = 36;
        row(
          COLUMNS.map(([header]) => header.replace('_', ' ')),
          y,
          true,
        );
        y += 14;
      };
      doc.addPage();
      doc.font('Helvetica-Bold').fontSize(16).text(`Rollout day ${day}`, left, 36);
      doc
        .font('Helvetica')
        .fontSize(10)
        .text(
          `${handovers.length - undone} devices issued${undone > 0 ? `, ${undone} handovers undone (marked)` : ''}.`,
          left,
          58,
        );
      y = 82;
      row(
        COLUMNS.map(([header]) => header.replace('_', ' ')),
        y,
        true,
      );
      y += 14;
      for (const handover of handovers) {
        if (y > bottom - 12) newPage();
        row(
          COLUMNS.map(([, value]) => value(handover)),
          y,
          false,
        );
        // An undone handover stays readable but struck through, as on a paper list.
        if (handover.assignment.endReason === 'undone')
          doc
            .moveTo(left, y + 3.5)
            .lineTo(right, y + 3.5)
            .lineWidth(0.5)
            .stroke('#555555');
        y += 12;
      }
    },
  );
}

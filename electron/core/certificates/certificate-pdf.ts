// The erasure certificate for people: one A4 page with every field of the signed document, the
// verification checks, and the fingerprints that tie the paper to its JSON file. The PDF is not
// what proves anything (the signed JSON is); it says how to check that file.
// Deterministic for a given document: the only date in it is the document's own issuedAt.
import type { ErasureCertificate } from '../../common/models/erasure-certificate.ts';
import { renderPdf, type Pdf } from '../documents/pdf-file.ts';
import { signatureFingerprint } from './verify-certificate.ts';
import { X509Certificate } from 'node:crypto';
import { commonNameOf } from './station-certificates.ts';

const MARGIN = 42;
const PAGE_WIDTH = 595.28; // A4
const FULL = PAGE_WIDTH - 2 * MARGIN;
const GAP = 16;
const HALF = (FULL - GAP) / 2;
const SIZE = 8.5;
const LINE = 11;
/** More checks than this would not fit on the page; the rest are counted, and all are in the JSON. */
const MAX_CHECK_ROWS = 10;

interface Column {
  x: number;
  width: number;
  labelWidth: number;
  y: number;
}

/**
 * The standard PDF fonts have glyphs for Windows-1252 only. Anything else (a serial in CJK, a
 * control character) is printed as [U+XXXX] rather than as whatever glyph its code happens to
 * hit, so the paper never shows a plausible but wrong serial.
 */
const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
function printable(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    const latin1 = (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff);
    out +=
      latin1 || WIN_ANSI_EXTRAS.has(char) ? char : `[U+${code.toString(16).toUpperCase().padStart(4, '0')}]`;
  }
  return out;
}
const or = (value: string | null, none = '—') => (value === null || value === '' ? none : value);
const capital = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);

/** Text in a box of `lines` lines at most; what does not fit ends in an ellipsis, never spills. */
function boxed(doc: Pdf, value: string, x: number, y: number, width: number, lines: number): number {
  const options = { width, lineGap: LINE - doc.currentLineHeight(true) };
  const text = printable(value);
  const used = Math.min(lines, Math.max(1, Math.round(doc.heightOfString(text, options) / LINE)));
  // Half a line of slack, or pdfkit's ellipsis drops the last line that does fit.
  doc.text(text, x, y, { ...options, height: used * LINE + LINE / 2, ellipsis: true });
  return used;
}

function heading(doc: Pdf, column: Column, title: string): void {
  column.y += 6;
  doc
    .font('Helvetica-Bold')
    .fontSize(10)
    .fillColor('black')
    .text(title, column.x, column.y, { lineBreak: false });
  column.y += 13;
  doc
    .moveTo(column.x, column.y)
    .lineTo(column.x + column.width, column.y)
    .lineWidth(0.5)
    .strokeColor('#999999')
    .stroke();
  column.y += 4;
}

/** A label and its value; long values wrap to at most `maxLines` lines, then end in an ellipsis. */
function row(doc: Pdf, column: Column, label: string, value: string, maxLines = 2): void {
  doc.font('Helvetica').fontSize(SIZE).fillColor('#555555');
  boxed(doc, label, column.x, column.y, column.labelWidth - 4, 1);
  doc.fillColor('black');
  const used = boxed(
    doc,
    value,
    column.x + column.labelWidth,
    column.y,
    column.width - column.labelWidth,
    maxLines,
  );
  column.y += used * LINE;
}

function checksTable(doc: Pdf, column: Column, document: ErasureCertificate): void {
  const checks = document.verification.checks;
  if (checks.length === 0) {
    row(doc, column, 'Checks', 'none: the device could not be read back after the wipe');
    return;
  }
  const widths = [190, 130, 130, FULL - 450];
  const cells = (values: string[], bold: boolean) => {
    doc
      .font(bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(SIZE)
      .fillColor('black');
    let x = column.x;
    values.forEach((value, i) => {
      boxed(doc, value, x, column.y, widths[i]! - 6, 1);
      x += widths[i]!;
    });
    column.y += LINE;
  };
  cells(['Check', 'Expected', 'Observed', 'Result'], true);
  for (const check of checks.slice(0, MAX_CHECK_ROWS))
    cells([check.name, check.expected, check.observed, check.passed ? 'passed' : 'FAILED'], false);
  if (checks.length > MAX_CHECK_ROWS)
    cells(
      [`… and ${checks.length - MAX_CHECK_ROWS} more checks, all listed in the JSON file`, '', '', ''],
      false,
    );
}

function draw(doc: Pdf, document: ErasureCertificate, jsonFileName: string): void {
  const { device, media, sanitization: s, verification: v, station, technician, signature } = document;
  doc.addPage();
  doc
    .font('Helvetica-Bold')
    .fontSize(20)
    .fillColor('black')
    .text('Certificate of Sanitization', MARGIN, MARGIN);
  doc.font('Helvetica').fontSize(9).fillColor('#555555');
  doc.text('Erasure certificate following NIST SP 800-88 Rev. 1, Appendix G', MARGIN, MARGIN + 25);
  doc.text(`Certificate ${document.id}, issued ${document.issuedAt}`, MARGIN, MARGIN + 36);
  const top = MARGIN + 48;
  const left: Column = { x: MARGIN, width: HALF, labelWidth: 88, y: top };
  const right: Column = { x: MARGIN + HALF + GAP, width: HALF, labelWidth: 88, y: top };

  heading(doc, left, 'Device and media');
  row(doc, left, 'Manufacturer', device.manufacturer);
  row(doc, left, 'Model', device.model);
  row(doc, left, 'Serial number', device.serial);
  row(doc, left, 'IMEI', device.imeis.length > 0 ? device.imeis.join(', ') : '—');
  row(doc, left, 'UDID', or(device.udid));
  row(doc, left, 'Asset tag', or(device.assetTag));
  row(doc, left, 'Asset record', `#${document.assetId}`);
  row(
    doc,
    left,
    'Platform / OS',
    `${device.platform === 'ios' ? 'iOS' : 'Android'} ${device.osVersionBefore}`,
  );
  row(doc, left, 'Media type', media.type);
  row(doc, left, 'Encryption', media.encryption);
  row(doc, left, 'Media source', or(media.source, 'not recorded'));

  heading(doc, right, 'Sanitization');
  row(doc, right, 'Method', capital(s.method));
  row(doc, right, 'Method used', s.methodUsed);
  row(doc, right, 'Technique', s.technique);
  row(doc, right, 'Tool', `${s.tool.name} ${s.tool.version}`);
  row(doc, right, 'Started', s.startedAt);
  row(doc, right, 'Finished', s.finishedAt);
  row(doc, right, 'Destination', capital(document.destination));
  heading(doc, right, 'Performed by');
  row(
    doc,
    right,
    'Technician',
    technician.title ? `${technician.name}, ${technician.title}` : technician.name,
  );
  row(doc, right, 'Station', station.name);
  row(doc, right, 'Location', or(station.location));
  row(doc, right, 'Contact', or(station.contact));

  const full: Column = { x: MARGIN, width: FULL, labelWidth: 88, y: Math.max(left.y, right.y) };
  heading(doc, full, 'Verification');
  row(doc, full, 'Method', v.method);
  row(doc, full, 'Result', v.result);
  if (v.note) row(doc, full, 'Note', v.note, 3);
  full.y += 3;
  checksTable(doc, full, document);

  const stationCertificate = new X509Certificate(signature.certificate);
  heading(doc, full, 'Signature');
  row(doc, full, 'Algorithm', signature.algorithm);
  row(doc, full, 'Signature SHA-256', signatureFingerprint(signature.value));
  row(doc, full, 'Signed by', commonNameOf(stationCertificate.subject));
  row(doc, full, 'Certificate SHA-256', stationCertificate.fingerprint256);
  row(doc, full, 'Issued by', commonNameOf(stationCertificate.issuer));

  full.y += 10;
  doc.font('Helvetica-Bold').fontSize(9.5).fillColor('black');
  full.y +=
    LINE * boxed(doc, `verify with: depotline verify-certificate ${jsonFileName}`, MARGIN, full.y, FULL, 2);
  doc.font('Helvetica').fontSize(SIZE).fillColor('#555555');
  boxed(
    doc,
    'This page is a copy for people. The signed JSON file is the certificate: its signature covers every field above.',
    MARGIN,
    full.y + 3,
    FULL,
    1,
  );
}

/** The PDF bytes; `jsonFileName` is named in the "verify with" line (default "<file>.json"). */
export function erasureCertificatePdf(
  document: ErasureCertificate,
  jsonFileName = '<file>.json',
): Promise<Buffer> {
  const device = `${document.device.manufacturer} ${document.device.model}`;
  return renderPdf(
    {
      size: 'A4',
      margin: MARGIN,
      info: {
        Title: `Certificate of Sanitization – ${device} – ${document.device.serial}`,
        Subject: 'Erasure certificate (NIST SP 800-88 Rev. 1)',
        Creator: 'Depotline',
        CreationDate: new Date(document.issuedAt),
      },
    },
    (doc) => draw(doc, document, jsonFileName),
  );
}

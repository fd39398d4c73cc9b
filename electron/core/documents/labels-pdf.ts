import QRCode from 'qrcode';
import bwipjs from 'bwip-js';
import type { Asset } from '../../common/models/asset.ts';
import { mm, renderPdf, type Pdf } from './pdf-file.ts';

export type LabelLayout = 'a4-3x8' | 'letter-3x10';

interface Sheet {
  size: 'A4' | 'LETTER';
  columns: number;
  rows: number;
  width: number;
  height: number;
  /** Offsets of the first label and the pitch from one label to the next. */
  left: number;
  top: number;
  pitchX: number;
  pitchY: number;
}

/** Standard sheets: 70 × 37 mm (A4, 24 a page, e.g. Avery L7159) and 2⅝ × 1 in (Letter, Avery 5160). */
const SHEETS: Record<LabelLayout, Sheet> = {
  'a4-3x8': {
    size: 'A4',
    columns: 3,
    rows: 8,
    width: mm(70),
    height: mm(37),
    left: 0,
    top: mm(0.5),
    pitchX: mm(70),
    pitchY: mm(37),
  },
  'letter-3x10': {
    size: 'LETTER',
    columns: 3,
    rows: 10,
    width: 189,
    height: 72,
    left: 13.5,
    top: 36,
    pitchX: 198,
    pitchY: 72,
  },
};

/** What a label shows: the tag when the asset has one (else its serial) is also what both codes encode. */
export function labelCode(asset: Asset): string {
  return asset.assetTag ?? asset.serial;
}

/** The QR code as filled squares, one horizontal run of dark modules per rectangle. */
function drawQr(doc: Pdf, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const unit = size / modules.size;
  for (let row = 0; row < modules.size; row += 1) {
    let start = -1;
    for (let col = 0; col <= modules.size; col += 1) {
      const dark = col < modules.size && modules.get(row, col) === 1;
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        doc.rect(x + start * unit, y + row * unit, (col - start) * unit, unit);
        start = -1;
      }
    }
  }
  doc.fill('black');
}

/** Code 128 as vector bars (sharp at any printer resolution), with a 10-module quiet zone each side. */
function drawCode128(doc: Pdf, text: string, x: number, y: number, width: number, height: number): void {
  const [symbol] = bwipjs.raw('code128', text, {}) as { sbs: number[] }[];
  const widths = symbol!.sbs;
  const modules = widths.reduce((sum, w) => sum + w, 0);
  const unit = width / (modules + 20);
  let at = x + 10 * unit;
  widths.forEach((w, i) => {
    if (i % 2 === 0) doc.rect(at, y, w * unit, height);
    at += w * unit;
  });
  doc.fill('black');
}

function drawLabel(doc: Pdf, asset: Asset, x: number, y: number, sheet: Sheet): void {
  const pad = Math.min(mm(2.5), sheet.height * 0.08);
  const qrSize = sheet.height - 2 * pad;
  drawQr(doc, labelCode(asset), x + pad, y + pad, qrSize);
  const textX = x + 2 * pad + qrSize;
  const textWidth = sheet.width - (textX - x) - pad;
  const big = sheet.height > 90 ? 12 : 9;
  const small = big - 3;
  doc
    .font('Helvetica-Bold')
    .fontSize(big)
    .text(labelCode(asset), textX, y + pad, { width: textWidth, lineBreak: false, ellipsis: true });
  const detail = [
    `${asset.manufacturer} ${asset.model}`.trim(),
    asset.assetTag ? `S/N ${asset.serial}` : '',
  ].filter(Boolean);
  doc.font('Helvetica').fontSize(small);
  detail.forEach((line, i) =>
    doc.text(line, textX, y + pad + big + 1 + i * (small + 1), {
      width: textWidth,
      lineBreak: false,
      ellipsis: true,
    }),
  );
  const barsTop = y + pad + big + 2 + detail.length * (small + 1);
  drawCode128(
    doc,
    labelCode(asset),
    textX - pad,
    barsTop,
    textWidth + 2 * pad,
    y + sheet.height - pad - barsTop,
  );
}

/** Print-ready label sheets, labels in reading order, as many pages as it takes. */
export function labelsPdf(assets: readonly Asset[], layout: LabelLayout): Promise<Buffer> {
  const sheet = SHEETS[layout];
  const perPage = sheet.columns * sheet.rows;
  return renderPdf({ size: sheet.size, margin: 0, info: { Title: 'Depotline asset labels' } }, (doc) => {
    assets.forEach((asset, index) => {
      const slot = index % perPage;
      if (slot === 0) doc.addPage();
      const x = sheet.left + (slot % sheet.columns) * sheet.pitchX;
      const y = sheet.top + Math.floor(slot / sheet.columns) * sheet.pitchY;
      drawLabel(doc, asset, x, y, sheet);
    });
  });
}

import PDFDocument from 'pdfkit';

export type Pdf = InstanceType<typeof PDFDocument>;

/** Draws a PDF with pdfkit and returns its bytes once the document has ended. */
export async function renderPdf(
  options: ConstructorParameters<typeof PDFDocument>[0],
  draw: (doc: Pdf) => void,
): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false, ...options });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  draw(doc);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** Millimetres to PDF points. */
export const mm = (value: number) => (value * 72) / 25.4;

import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Parses a PDF as a viewer would (Mozilla's pdf.js) and returns its page count and each page's text. */
export async function readPdf(bytes: Buffer): Promise<{ header: string; pages: number; text: string[] }> {
  const task = getDocument({ data: new Uint8Array(bytes), verbosity: VerbosityLevel.ERRORS });
  const doc = await task.promise;
  const text: string[] = [];
  for (let number = 1; number <= doc.numPages; number += 1) {
    const content = await (await doc.getPage(number)).getTextContent();
    text.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  const pages = doc.numPages;
  await task.destroy();
  return { header: bytes.subarray(0, 8).toString('latin1'), pages, text };
}

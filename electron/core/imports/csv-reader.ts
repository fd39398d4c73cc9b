import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { parse, CsvError } from 'csv-parse';
import { CoreError } from '../core-error.ts';

/** Longer cells are a row error; nothing a depot imports (notes hold 10,000) comes near it. */
export const MAX_CELL_CHARS = 100_000;
/**
 * A record larger than this stops the parse with a file error instead of growing the heap
 * without end (an unclosed quote in a big file reads everything after it as one cell).
 */
const MAX_RECORD_CHARS = 32 * 1024 * 1024;
/** How much of the file's start is decoded to find the header line and its delimiter. */
const SNIFF_BYTES = 64 * 1024;

export const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface CsvRecord {
  /** The spreadsheet row number (the header is row 1), also across quoted newlines. */
  row: number;
  cells: string[];
}

/**
 * UTF-8 (with or without BOM) when every byte of the file is valid UTF-8; UTF-16 when it has
 * its BOM (Excel's "Unicode text"); otherwise Windows-1252, what Excel on a Western-European
 * Windows writes. Checks the whole file, in chunks: a single "ø" on row 90,000 decides.
 */
export async function detectEncoding(path: string): Promise<Encoding> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(3);
    const { bytesRead } = await handle.read(head, 0, 3, 0);
    if (bytesRead >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
    if (bytesRead >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
    if (bytesRead === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  } finally {
    await handle.close();
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(path)) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/** The delimiter that occurs most often in the header line, counting only outside quotes. */
export function detectDelimiter(text: string): Delimiter {
  const counts = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char as Delimiter))
      counts.set(char as Delimiter, counts.get(char as Delimiter)! + 1);
  }
  let best: Delimiter = ',';
  for (const [delimiter, count] of counts) if (count > counts.get(best)!) best = delimiter;
  return best;
}

async function sniff(path: string, encoding: Encoding): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return iconv.decode(buffer.subarray(0, bytesRead), encoding);
  } finally {
    await handle.close();
  }
}

export interface CsvFile {
  encoding: Encoding;
  delimiter: Delimiter;
  /** Trimmed header cells, in file order. */
  headers: string[];
  /** The data records after the header, streamed; read once. */
  records: AsyncIterable<CsvRecord>;
}

/**
 * Opens a CSV file as a stream of records: decoded by its detected encoding, split by its
 * detected delimiter, quoted newlines kept inside their cell. Never holds the whole file.
 */
export async function openCsv(path: string): Promise<CsvFile> {
  const encoding = await detectEncoding(path);
  const delimiter = detectDelimiter(await sniff(path, encoding));
  // relax_quotes: a quote inside an unquoted cell (6" screen) is text, as spreadsheets read it.
  const options = {
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    max_record_size: MAX_RECORD_CHARS,
  };
  // csv-parse reads UTF-8 bytes itself (BOM included); other encodings are decoded first.
  const parser =
    encoding === 'utf-8'
      ? createReadStream(path).pipe(parse({ ...options, bom: true }))
      : createReadStream(path).pipe(iconv.decodeStream(encoding)).pipe(parse(options));
  const iterator = (parser as AsyncIterable<string[]>)[Symbol.asyncIterator]();
  const first = await next(iterator);
  if (first.done) throw new CoreError('invalid_input', 'The file is empty: it has no header row.');
  const headers = first.value.map((cell) => cell.trim());
  async function* records(): AsyncGenerator<CsvRecord> {
    let row = 1;
    try {
      for (;;) {
        const result = await next(iterator);
        if (result.done) return;
        row += 1;
        yield { row, cells: result.value };
      }
    } finally {
      // A reader that stops early (an error in a row's handling) closes the file.
      await iterator.return?.();
    }
  }
  return { encoding, delimiter, headers, records: records() };
}

/** A parse error ends the import with a message naming the line, never a stack trace. */
async function next(iterator: AsyncIterator<string[]>): Promise<IteratorResult<string[]>> {
  try {
    return await iterator.next();
  } catch (error) {
    if (error instanceof CsvError) {
      const message =
        error.code === 'CSV_MAX_RECORD_SIZE'
          ? `A row near line ${lineOf(error)} is larger than ${MAX_RECORD_CHARS / 1024 / 1024} MB (an unclosed quote?).`
          : error.code === 'CSV_QUOTE_NOT_CLOSED'
            ? `A quote opened near line ${lineOf(error)} is never closed.`
            : `The file is not valid CSV near line ${lineOf(error)}: ${error.message}`;
      throw new CoreError('invalid_input', `${message} Nothing was imported.`);
    }
    throw error;
  }
}

function lineOf(error: CsvError): number | string {
  const lines = (error as unknown as { lines?: number }).lines;
  return typeof lines === 'number' ? lines : '?';
}

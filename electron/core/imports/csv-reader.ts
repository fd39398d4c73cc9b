import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { parse, CsvError } from 'csv-parse';
import { CoreError } from '../core-error.ts';
import { plainRecords } from './plain-csv.ts';

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
  return (await scanFile(path)).encoding;
}

/**
 * The encoding, and whether a quote occurs anywhere (in UTF-8 and Windows-1252 the byte 0x22
 * is always a quote): a file without one is read by plainRecords instead of csv-parse.
 */
async function scanFile(path: string): Promise<{ encoding: Encoding; quotes: boolean }> {
  const head = await readHead(path);
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', quotes: true };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', quotes: true };
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // A UTF-8 BOM decides the encoding by itself; the bytes are still read for quotes.
  let utf8 = true;
  let quotes = false;
  for await (const chunk of createReadStream(path)) {
    quotes ||= (chunk as Buffer).includes(0x22);
    if (utf8 && !bom) {
      try {
        decoder.decode(chunk as Buffer, { stream: true });
      } catch {
        utf8 = false;
      }
    }
  }
  if (utf8 && !bom) {
    try {
      decoder.decode();
    } catch {
      utf8 = false;
    }
  }
  return { encoding: utf8 ? 'utf-8' : 'windows-1252', quotes };
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

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(3);
    const { bytesRead } = await handle.read(head, 0, 3, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
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
export async function openCsv(path: string, options: ReadOptions = {}): Promise<CsvFile> {
  const { encoding, quotes } = await scanFile(path);
  const delimiter = detectDelimiter(await sniff(path, encoding));
  const plain =
    !quotes && encoding !== 'utf-16le' && encoding !== 'utf-16be' && options.reader !== 'csv-parse';
  // Records come in batches (a chunk of the file's lines), so a record costs no promise.
  const batches: AsyncIterator<string[][]> = plain
    ? plainRecords(path, encoding, delimiter, {
        maxRecordChars: MAX_RECORD_CHARS,
        tooLong: (line) => fileError(tooLongMessage(line)),
        ...(options.chunkBytes ? { chunkBytes: options.chunkBytes } : {}),
      })
    : oneByOne(parsed(path, encoding, delimiter));
  const first = await next(batches);
  if (first.done) throw new CoreError('invalid_input', 'The file is empty: it has no header row.');
  const [header, ...rest] = first.value;
  const headers = header!.map((cell) => cell.trim());
  async function* records(): AsyncGenerator<CsvRecord> {
    let row = 1;
    try {
      for (let batch = rest; ;) {
        for (const cells of batch) {
          row += 1;
          yield { row, cells };
        }
        const result = await next(batches);
        if (result.done) return;
        batch = result.value;
      }
    } finally {
      // A reader that stops early (an error in a row's handling) closes the file.
      await batches.return?.();
    }
  }
  return { encoding, delimiter, headers, records: records() };
}

export interface ReadOptions {
  /** Tests: csv-parse even for a file without quotes, to compare the two readers. */
  reader?: 'auto' | 'csv-parse';
  /** Tests: small chunks, so records and line endings fall across chunk edges. */
  chunkBytes?: number;
}

/** csv-parse's records, for files with quotes (and UTF-16). */
function parsed(path: string, encoding: Encoding, delimiter: Delimiter): AsyncIterable<string[]> {
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
  return parser as AsyncIterable<string[]>;
}

async function* oneByOne(records: AsyncIterable<string[]>): AsyncGenerator<string[][]> {
  for await (const record of records) yield [record];
}

const tooLongMessage = (line: number | string) =>
  `A row near line ${line} is larger than ${MAX_RECORD_CHARS / 1024 / 1024} MB (an unclosed quote?).`;
const fileError = (message: string) => new CoreError('invalid_input', `${message} Nothing was imported.`);

/** A parse error ends the import with a message naming the line, never a stack trace. */
async function next<T>(iterator: AsyncIterator<T>): Promise<IteratorResult<T>> {
  try {
    return await iterator.next();
  } catch (error) {
    if (error instanceof CsvError) {
      const message =
        error.code === 'CSV_MAX_RECORD_SIZE'
          ? tooLongMessage(lineOf(error))
          : error.code === 'CSV_QUOTE_NOT_CLOSED'
            ? `A quote opened near line ${lineOf(error)} is never closed.`
            : `The file is not valid CSV near line ${lineOf(error)}: ${error.message}`;
      throw fileError(message);
    }
    throw error;
  }
}

function lineOf(error: CsvError): number | string {
  const lines = (error as unknown as { lines?: number }).lines;
  return typeof lines === 'number' ? lines : '?';
}

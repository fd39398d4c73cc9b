// Cell text → typed values, as suppliers and spreadsheets write them. Each parser returns the
// value or throws a CellError whose message the row report shows beside the column.

export class CellError extends Error {}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const pad = (n: number) => String(n).padStart(2, '0');

type Price = Readonly<{ minor: number; currency: string | null }>;

/**
 * A delivery list repeats a handful of dates and prices on every row: the results for the last
 * distinct texts are kept (up to 1,000), so 100,000 rows parse a few texts, not 200,000.
 * Only results are kept; a text that does not parse throws every time.
 */
function remembered<T>(parse: (text: string) => T): (text: string) => T {
  const results = new Map<string, T>();
  return (text) => {
    let result = results.get(text);
    if (result === undefined) {
      result = parse(text);
      if (results.size >= 1_000) results.clear();
      results.set(text, result);
    }
    return result;
  };
}

function isoDate(year: number, month: number, day: number, text: string): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    throw new CellError(`"${text}" is not a date in the calendar`);
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * YYYY-MM-DD, DD.MM.YYYY (Norway, Germany) and slash dates. A slash date is read day first or
 * month first only when one of its numbers is above 12 (or both are equal); "03/04/2025" could
 * be 3 April or 4 March, and guessing would shift warranties by months, so it is refused.
 */
export const parseDate = remembered(function parseDate(text: string): string {
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (match) return isoDate(Number(match[1]), Number(match[2]), Number(match[3]), text);
  match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  if (match) return isoDate(Number(match[3]), Number(match[2]), Number(match[1]), text);
  match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (match) {
    const [first, second, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (first > 12) return isoDate(year, second, first, text);
    if (second > 12 || first === second) return isoDate(year, first, second, text);
    throw new CellError(
      `"${text}" could be ${first} ${MONTHS[second - 1]} or ${second} ${MONTHS[first - 1]}: write it as YYYY-MM-DD or DD.MM.YYYY`,
    );
  }
  throw new CellError(`"${text}" is not a date: use YYYY-MM-DD, DD.MM.YYYY or MM/DD/YYYY`);
});

/** Currency codes and signs a price cell may carry; the code is returned so it can be used. */
const CURRENCY_SIGNS: Record<string, string> = { kr: 'NOK', '€': 'EUR', $: 'USD', '£': 'GBP' };
const SIGNS = Object.entries(CURRENCY_SIGNS);

/**
 * A price in minor units: "1 234,50" (Norwegian, with a space, no-break or narrow no-break
 * space between thousands) → 123450, "1,234.50" and "1.234,50" → 123450, "1234.5" → 123450.
 * A single separator followed by exactly three digits ("1,234") is refused: it is a thousands
 * separator in one country and a decimal point in another.
 */
export const parsePrice = remembered(function parsePrice(text: string): Price {
  let rest = text.replace(/[\s\u00a0\u202f]/g, '');
  let currency: string | null = null;
  // Two anchored patterns, not one alternation: `|…$` tried a match at every position.
  const code = /^[A-Z]{3}/.exec(rest) ?? /[A-Z]{3}$/.exec(rest);
  if (code) {
    currency = code[0];
    rest = rest.replace(currency, '');
  } else {
    const lower = rest.toLowerCase(); // once, not per sign: an import reads 100,000 prices
    for (const [sign, iso] of SIGNS) {
      if (lower.startsWith(sign) || lower.endsWith(sign)) {
        currency = iso;
        rest = lower.startsWith(sign) ? rest.slice(sign.length) : rest.slice(0, -sign.length);
        break;
      }
    }
  }
  rest = rest.replace(/,-$/, ''); // "1 234,-" is how Norwegian price lists write whole kroner
  if (!/^\d[\d.,]*$/.test(rest)) throw new CellError(`"${text}" is not a price`);
  const lastComma = rest.lastIndexOf(',');
  const lastDot = rest.lastIndexOf('.');
  let decimal: ',' | '.' | null = null;
  if (lastComma >= 0 && lastDot >= 0) decimal = lastComma > lastDot ? ',' : '.';
  else if (lastComma >= 0 || lastDot >= 0) {
    const separator = lastComma >= 0 ? ',' : '.';
    const parts = rest.split(separator);
    if (parts.length > 2)
      decimal = null; // "1.234.567": only thousands
    else if (parts[1]!.length === 3)
      throw new CellError(`"${text}" is ambiguous: write 1234.50 or 1 234,50 (two decimals)`);
    else decimal = separator;
  }
  const [whole, fraction = ''] = decimal === null ? [rest] : splitLast(rest, decimal);
  if (decimal !== null && whole.includes(decimal)) throw new CellError(`"${text}" is not a price`);
  const wholeDigits = whole.replace(/[.,]/g, '');
  if (fraction.length > 2) throw new CellError(`"${text}" has more than two decimals`);
  const minor = Number(wholeDigits) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(minor)) throw new CellError(`"${text}" is too large`);
  return Object.freeze({ minor, currency });
});

function splitLast(text: string, separator: string): [string, string] {
  const at = text.lastIndexOf(separator);
  return [text.slice(0, at), text.slice(at + 1)];
}

/** "128", "128 GB", "128GB", "1 TB" → gigabytes. */
export function parseStorage(text: string): number {
  const match = /^(\d+)\s*(gb|tb)?$/i.exec(text);
  if (!match) throw new CellError(`"${text}" is not a storage size (e.g. 128 or 128 GB)`);
  return Number(match[1]) * (match[2]?.toLowerCase() === 'tb' ? 1024 : 1);
}

/** "87", "87%" → 87. */
export function parsePercent(text: string): number {
  const match = /^(\d{1,3})\s*%?$/.exec(text);
  if (!match) throw new CellError(`"${text}" is not a percentage`);
  return Number(match[1]);
}

/** A cell may hold several values: "a, b", "a; b", "a | b" or "a / b". */
export function splitList(text: string): string[] {
  return text
    .split(/[,;|/]/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/** "Shared device", "shared-device" → "shared_device", for enum columns. */
export function enumKey(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

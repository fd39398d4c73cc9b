// How Snipe-IT writes values into JSON: Laravel's e() escaping, the {datetime, formatted}
// date objects of the transformers, and Eloquent's own ISO dates in create/update payloads.

/**
 * Laravel's e(): htmlspecialchars with ENT_QUOTES. The transformers pass names, tags, serials
 * and custom field values through it, so "Bob's iPhone" comes back as "Bob&#039;s iPhone",
 * and null comes back as "" — a connector must not compare these with what it sent raw.
 */
export function e(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#039;');
}

/** htmlspecialchars(ENT_QUOTES) that leaves entities already written ("&amp;", "&#039;") alone, as Parsedown does. */
const escapeText = (text: string) => e(text).replace(/&amp;(#?[0-9a-zA-Z]+;)/g, '&$1');

const INLINE: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^`([^`]+)`/, (m) => `<code>${e(m[1])}</code>`],
  [/^\*\*(?=\S)(.+?)(?<=\S)\*\*/, (m) => `<strong>${parsedownInline(m[1]!)}</strong>`],
  [/^__(?=\S)(.+?)(?<=\S)__(?!\w)/, (m) => `<strong>${parsedownInline(m[1]!)}</strong>`],
  [/^\*(?=\S)(.+?)(?<=\S)\*/, (m) => `<em>${parsedownInline(m[1]!)}</em>`],
  [/^_(?=\S)(.+?)(?<=\S)_(?!\w)/, (m) => `<em>${parsedownInline(m[1]!)}</em>`],
  [/^~~(?=\S)(.+?)(?<=\S)~~/, (m) => `<del>${parsedownInline(m[1]!)}</del>`],
  [/^\[([^\]]*)\]\(([^)\s]+)\)/, (m) => `<a href="${escapeText(m[2]!)}">${parsedownInline(m[1]!)}</a>`],
  [/^https?:\/\/[^\s<]*[\w/]/i, (m) => `<a href="${escapeText(m[0])}">${escapeText(m[0])}</a>`],
  [/^ {2,}\n/, () => '<br />\n'],
];

/**
 * Helper::parseEscapedMarkedownInline: Parsedown's line() in safe mode, which the transformer
 * applies to notes — text escaped, and the common inline Markdown (code, strong, em, del,
 * links, bare http(s) URLs, two-space line breaks) turned into HTML. "**new** <3" comes back
 * as "<strong>new</strong> &lt;3".
 */
export function parsedownInline(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    // Underscore emphasis only opens at a word's start, as in Parsedown.
    const rule = INLINE.find(
      ([pattern]) => (rest[0] !== '_' || i === 0 || /\W/.test(text[i - 1]!)) && pattern.test(rest),
    );
    const found = rule?.[0].exec(rest);
    if (rule && found) {
      out += rule[1](found);
      i += found[0].length;
    } else {
      const plain = /^[^`*_~[h ]+|^./s.exec(rest)![0];
      out += escapeText(plain);
      i += plain.length;
    }
  }
  return out;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "2026-11-28 22:00:00": the database's datetime text (the double's app timezone is UTC). */
export function dbDateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

export function dbDate(ms: number): string {
  return dbDateTime(ms).slice(0, 10);
}

/**
 * Helper::getFormattedDateObject(…, 'datetime'): the machine form plus the form the UI shows,
 * here with Snipe-IT's default display settings (date "Y-m-d", time "h:i A").
 */
export function dateTimeObject(ms: number | null): { datetime: string; formatted: string } | null {
  if (ms === null) return null;
  const d = new Date(ms);
  const hours = d.getUTCHours();
  const twelve = hours % 12 === 0 ? 12 : hours % 12;
  return {
    datetime: dbDateTime(ms),
    formatted: `${dbDate(ms)} ${pad(twelve)}:${pad(d.getUTCMinutes())} ${hours < 12 ? 'AM' : 'PM'}`,
  };
}

/** getFormattedDateObject(…, 'date') for a stored "Y-m-d" (or datetime) text. */
export function dateObject(text: string | null): { date: string; formatted: string } | null {
  if (text === null || text === '') return null;
  const day = text.slice(0, 10);
  return { date: day, formatted: day };
}

/**
 * Eloquent's toJSON of a date ("2026-11-28T22:00:00.000000Z"). POST and PATCH /hardware answer
 * with the raw model (not the transformer), so their dates look like this, not like GET's.
 */
export function eloquentDate(ms: number | null): string | null {
  if (ms === null) return null;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '.000000Z');
}

/** "2026-11-28 22:00:00" or "2026-11-28" (as the app's UTC) → epoch ms; null when it is not one. */
export function parseDbDateTime(text: string): number | null {
  const found = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(text);
  if (!found) return null;
  const [year, month, day, hour = 0, minute = 0, second = 0] = found
    .slice(1)
    .map((part) => Number(part ?? 0));
  return Date.UTC(year!, month! - 1, day, hour, minute, second);
}

/** Database timestamps have second resolution: two writes in one second share updated_at. */
export function toSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

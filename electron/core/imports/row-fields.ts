import type { z } from 'zod';
import {
  AssetFieldsSchema,
  type AssetFields,
  type CustomFieldDefinition,
  type CustomFieldValue,
} from '../../common/models/asset.ts';
import { PersonFieldsSchema, type PersonFields } from '../../common/models/person.ts';
import { CUSTOM_TARGET_PREFIX, type RowIssue } from '../../common/models/asset-import.ts';
import type { ColumnPlan } from './column-mapping.ts';
import { MAX_CELL_CHARS, type CsvRecord } from './csv-reader.ts';
import {
  CellError,
  enumKey,
  parseDate,
  parsePercent,
  parsePrice,
  parseStorage,
  splitList,
} from './cell-values.ts';

export type RowResult<F> = { ok: true; fields: F } | { ok: false; issues: RowIssue[] };

/** Reads one record's cells by target, collecting a message per bad cell under its header. */
class RowReader {
  readonly issues: RowIssue[] = [];
  readonly #record: CsvRecord;
  readonly #plan: ColumnPlan;
  readonly #headers: readonly string[];

  constructor(record: CsvRecord, plan: ColumnPlan, headers: readonly string[]) {
    this.#record = record;
    this.#plan = plan;
    this.#headers = headers;
  }

  column(target: string): string | null {
    const columns = this.#plan.get(target);
    return columns ? this.#headers[columns[0]!]! : null;
  }

  /** The trimmed texts of a target's columns that are not empty. */
  texts(target: string): string[] {
    return (this.#plan.get(target) ?? [])
      .map((index) => (this.#record.cells[index] ?? '').trim())
      .filter((text) => text.length > 0);
  }

  /** texts(target)[0], without the arrays: it runs ~15 times a row. */
  text(target: string): string | null {
    for (const index of this.#plan.get(target) ?? []) {
      const text = (this.#record.cells[index] ?? '').trim();
      if (text.length > 0) return text;
    }
    return null;
  }

  /** A typed value, or null (and an issue) when the cell does not parse. */
  parsed<T>(target: string, parse: (text: string) => T): T | null {
    const text = this.text(target);
    if (text === null) return null;
    try {
      return parse(text);
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      this.add(this.column(target), error.message);
      return null;
    }
  }

  add(column: string | null, message: string): void {
    this.issues.push({ row: this.#record.row, column, message });
  }

  /** Cells over the cap, or more cells than headers, are a row error; the rest is not read. */
  malformed(): boolean {
    this.#record.cells.forEach((cell, index) => {
      if (cell.length > MAX_CELL_CHARS)
        this.add(
          this.#headers[index] ?? `column ${index + 1}`,
          `the cell is ${cell.length.toLocaleString('en')} characters long; at most ${MAX_CELL_CHARS.toLocaleString('en')}`,
        );
    });
    const extra = this.#record.cells.slice(this.#headers.length).filter((cell) => cell.trim() !== '');
    if (extra.length > 0)
      this.add(
        null,
        `the row has ${this.#record.cells.length} cells but the header has ${this.#headers.length}: is a value with the delimiter in it not in quotes?`,
      );
    return this.issues.length > 0;
  }

  /** zod's messages under the header of the column the bad field came from. */
  schemaIssues(error: z.ZodError, columnOf: (path: PropertyKey[]) => string | null): void {
    for (const issue of error.issues) {
      const empty = issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1;
      this.add(columnOf(issue.path), empty ? 'empty, but every row needs it' : issue.message);
    }
  }
}

/** A row with no text in any cell (a blank line, a row of empty cells) is skipped, not an error. */
export function isBlank(record: CsvRecord): boolean {
  return record.cells.every((cell) => cell.trim() === '');
}

function customValue(definition: CustomFieldDefinition | undefined, text: string): CustomFieldValue {
  switch (definition?.type) {
    case 'number': {
      const number = Number(text.replace(/[\s\u00a0]/g, '').replace(',', '.'));
      if (!Number.isFinite(number)) throw new CellError(`"${text}" is not a number`);
      return number;
    }
    case 'boolean': {
      const key = text.toLowerCase();
      if (['yes', 'true', '1', 'ja', 'y', 'x'].includes(key)) return true;
      if (['no', 'false', '0', 'nei', 'n'].includes(key)) return false;
      throw new CellError(`"${text}" is not yes or no`);
    }
    case 'date':
      return parseDate(text);
    default:
      return text;
  }
}

/** One delivery-list row as AssetFields, checked by the model's own schema. */
export function assetFromRow(
  record: CsvRecord,
  plan: ColumnPlan,
  headers: readonly string[],
  customFields: readonly CustomFieldDefinition[],
): RowResult<AssetFields> {
  const row = new RowReader(record, plan, headers);
  if (row.malformed()) return { ok: false, issues: row.issues };
  const manufacturer = row.text('manufacturer') ?? '';
  const price = row.parsed('price', parsePrice);
  const custom: Record<string, CustomFieldValue> = {};
  for (const target of plan.keys()) {
    if (!target.startsWith(CUSTOM_TARGET_PREFIX)) continue;
    const key = target.slice(CUSTOM_TARGET_PREFIX.length);
    const definition = customFields.find((field) => field.key === key);
    const value = row.parsed(target, (text) => customValue(definition, text));
    if (value !== null) custom[key] = value;
  }
  const candidate = {
    assetTag: row.text('assetTag'),
    serial: row.text('serial') ?? '',
    platform: row.parsed('platform', enumKey) ?? (/^apple$/i.test(manufacturer) ? 'ios' : 'android'),
    manufacturer,
    model: row.text('model') ?? '',
    storageGb: row.parsed('storageGb', parseStorage),
    osVersion: row.text('osVersion') ?? '',
    imeis: row.texts('imei').flatMap(splitList),
    udid: row.text('udid'),
    ecid: row.text('ecid'),
    purchase: {
      orderNumber: row.text('orderNumber'),
      supplier: row.text('supplier'),
      date: row.parsed('purchaseDate', parseDate),
      priceMinor: price?.minor ?? null,
      currency: row.text('currency')?.toUpperCase() ?? price?.currency ?? null,
      warrantyEnd: row.parsed('warrantyEnd', parseDate),
    },
    location: row.text('location'),
    roleProfile: row.parsed('roleProfile', enumKey),
    conditionGrade: row.text('conditionGrade')?.toUpperCase() ?? null,
    batteryHealth: row.parsed('batteryHealth', parsePercent),
    tags: row.texts('tags').flatMap(splitList),
    notes: row.text('notes') ?? '',
    custom,
  };
  if (row.issues.length > 0) return { ok: false, issues: row.issues };
  const parsed = AssetFieldsSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, fields: parsed.data };
  row.schemaIssues(parsed.error, (path) => row.column(assetTargetOf(path)));
  return { ok: false, issues: row.issues };
}

/** Which import target an AssetFields path comes from, to name its column. */
function assetTargetOf(path: PropertyKey[]): string {
  const [head, sub] = path.map(String);
  if (head === 'imeis') return 'imei';
  if (head === 'custom') return `${CUSTOM_TARGET_PREFIX}${sub}`;
  if (head === 'purchase') return sub === 'priceMinor' ? 'price' : sub === 'date' ? 'purchaseDate' : sub!;
  return head!;
}

/** One roster row as PersonFields, checked by the model's own schema. */
export function personFromRow(
  record: CsvRecord,
  plan: ColumnPlan,
  headers: readonly string[],
): RowResult<PersonFields> {
  const row = new RowReader(record, plan, headers);
  if (row.malformed()) return { ok: false, issues: row.issues };
  const parsed = PersonFieldsSchema.safeParse({
    name: row.text('name') ?? '',
    email: row.text('email')?.toLowerCase() ?? null,
    employeeId: row.text('employeeId'),
    badge: row.text('badge'),
    department: row.text('department'),
    costCentre: row.text('costCentre'),
  });
  if (parsed.success) return { ok: true, fields: parsed.data };
  row.schemaIssues(parsed.error, (path) => row.column(String(path[0])));
  return { ok: false, issues: row.issues };
}

// "Read from server" on the Snipe-IT setup form as data: the request built from the draft, the
// server's suggestion merged into the mapping tables (never over a row a person filled), and
// the server's models, status labels and custom fields as choices for the tables' value cells.
import { issuesFromZod, requests, type RequestInput } from '../../../electron/common/contract/index.ts';
import { SecretNameSchema, type SnipeItSetupView } from '../../../electron/common/models/sync.ts';
import {
  defaultSecretName,
  type FieldErrors,
  type FormMessages,
  type MappingRow,
  type SnipeItDraft,
} from './connector-form.ts';

export const MAPPINGS = ['models', 'statusLabels', 'customFields'] as const;
export type Mapping = (typeof MAPPINGS)[number];

export type SetupReadInput = RequestInput<'sync.snipeit.setup'>;

/** A value a mapping row can take: what is stored (an id or a column) and what a person reads. */
export interface ValueChoice {
  value: string;
  text: string;
}

/** A local name the server had no single match for, and the row that now waits for a pick. */
export interface UnmatchedRow {
  mapping: Mapping;
  key: string;
  index: number;
}

export interface MergedSuggestion {
  patch: Pick<SnipeItDraft, Mapping>;
  /** Rows filled (or added) from the suggestion. */
  filled: number;
  /** Sections that gained or filled a row, to be opened. */
  touched: Mapping[];
  unmatched: UnmatchedRow[];
}

/** The custom field columns the connector settings accept (see SnipeItConfigSchema). */
const COLUMN = /^_snipeit_[a-z0-9_]+$/;
/** Used only when the typed token is sent and the form's own secret name is not yet a valid one. */
const READ_ONLY_SECRET = defaultSecretName('snipeit', 'setup');

/**
 * The setup request for the draft: its address, its token's secret name, and the token typed
 * in the form (without it the stored one is used). Field errors instead when it cannot be sent.
 */
export function buildSetupRead(
  draft: SnipeItDraft,
  /** The name the form stores the token under (`secretNameOf`). */
  secretName: string,
  tokenStored: boolean,
  messages: Pick<FormMessages, 'required' | 'httpUrl'>,
): { input: SetupReadInput; errors?: undefined } | { input?: undefined; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const baseUrl = draft.baseUrl.trim();
  if (!baseUrl) errors.baseUrl = messages.required;
  else if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol))
    errors.baseUrl = messages.httpUrl;
  const token = draft.token;
  if (!token && !tokenStored) errors.token = messages.required;
  if (Object.keys(errors).length > 0) return { errors };

  const valid = SecretNameSchema.safeParse(secretName).success;
  const tokenSecret = token && !valid ? READ_ONLY_SECRET : secretName;
  const input: SetupReadInput = { baseUrl, tokenSecret, ...(token ? { token } : {}) };
  const parsed = requests['sync.snipeit.setup'].input.safeParse(input);
  if (parsed.success) return { input };
  for (const issue of issuesFromZod(parsed.error)) {
    const field = issue.path === 'baseUrl' ? 'baseUrl' : 'token';
    errors[field] ??= issue.message;
  }
  return { errors };
}

/**
 * The suggestion merged into the tables: a row with the same key and no value gets the
 * suggested one, a missing key gets a new row, a row with a value is kept as the person left it.
 * Local names without a match get an empty row (or keep theirs) for a person to pick.
 */
export function mergeSuggestion(
  draft: Pick<SnipeItDraft, Mapping>,
  suggested: SnipeItSetupView['suggested'],
): MergedSuggestion {
  let filled = 0;
  const touched: Mapping[] = [];
  const unmatched: UnmatchedRow[] = [];
  const patch = {} as Pick<SnipeItDraft, Mapping>;
  for (const mapping of MAPPINGS) {
    const rows: MappingRow[] = draft[mapping].map((row) => ({ ...row }));
    const before = filled;
    const indexOf = (key: string) => rows.findIndex((row) => row.key.trim() === key);
    for (const [key, value] of Object.entries(suggested[mapping])) {
      if (value === undefined) continue;
      const at = indexOf(key);
      if (at === -1) rows.push({ key, value: String(value) });
      else if (!rows[at]!.value.trim()) rows[at] = { key: rows[at]!.key, value: String(value) };
      else continue;
      filled += 1;
    }
    const open = mapping === 'customFields' ? [] : suggested.unmatched[mapping];
    for (const key of open) {
      let at = indexOf(key);
      if (at === -1) at = rows.push({ key, value: '' }) - 1;
      if (!rows[at]!.value.trim()) unmatched.push({ mapping, key, index: at });
    }
    if (filled > before || unmatched.some((row) => row.mapping === mapping)) touched.push(mapping);
    patch[mapping] = rows;
  }
  return { patch, filled, touched, unmatched };
}

export interface ChoiceWords {
  /** "Pixel 8 (Google)", "Ready to Deploy (Deployable)", "IMEI (_snipeit_imei_1)". */
  withDetail: (name: string, detail: string) => string;
  /** A status label type (deployable, pending, undeployable, archived) in the UI's language. */
  labelType: (type: string) => string;
}

const byText = (a: ValueChoice, b: ValueChoice) => a.text.localeCompare(b.text);

/** What the server offers, as the value choices of each mapping table (sorted by what people read). */
export function choicesOf(setup: SnipeItSetupView, words: ChoiceWords): Record<Mapping, ValueChoice[]> {
  return {
    models: setup.models
      .map((model) => ({
        value: String(model.id),
        text: model.manufacturer ? words.withDetail(model.name, model.manufacturer) : model.name,
      }))
      .sort(byText),
    statusLabels: setup.statusLabels
      .map((label) => {
        const type = words.labelType(label.type);
        // "Pending", not "Pending (Pending)".
        const same = label.name.trim().toLowerCase() === type.toLowerCase();
        return { value: String(label.id), text: same ? label.name : words.withDetail(label.name, type) };
      })
      .sort(byText),
    customFields: setup.customFields
      .filter((field) => COLUMN.test(field.dbColumn))
      .map((field) => ({ value: field.dbColumn, text: words.withDetail(field.name, field.dbColumn) }))
      .sort(byText),
  };
}

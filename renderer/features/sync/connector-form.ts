// The connector setup form as data: a draft of text fields per kind, the save request built
// from it, and every problem (ours or the core's) named by the form field it belongs to.
import {
  issuesFromZod,
  requests,
  type FieldIssue,
  type RequestInput,
  type RequestOutput,
} from '../../../electron/common/contract/index.ts';
import {
  IntuneConfigSchema,
  MAX_ATTEMPTS_BEFORE_DEAD_LETTER,
  SnipeItConfigSchema,
  WebhookConfigSchema,
  type ConnectorKind,
  type FieldPolicy,
  type SyncField,
} from '../../../electron/common/models/sync.ts';

export interface MappingRow {
  key: string;
  value: string;
}

export interface SnipeItDraft {
  baseUrl: string;
  /** The secret's name in the store; '' until the connector has an id. */
  tokenSecret: string;
  /** A new token typed into the form; '' keeps the stored one. */
  token: string;
  ratePerMinute: string;
  models: MappingRow[];
  statusLabels: MappingRow[];
  customFields: MappingRow[];
  fieldPolicies: Partial<Record<SyncField, FieldPolicy>>;
}

export interface WebhookDraft {
  url: string;
  signingSecretName: string;
  signingSecret: string;
  ratePerMinute: string;
}

export interface IntuneDraft {
  tenantId: string;
  clientId: string;
  clientSecretName: string;
  clientSecret: string;
  ratePerMinute: string;
  /** Not on the form; kept as they were (sovereign clouds, tests). */
  graphUrl: string | undefined;
  loginUrl: string | undefined;
}

export interface ConnectorDraft {
  id: string;
  name: string;
  kind: ConnectorKind;
  /** Until the user types an id, it follows the name. */
  idTouched: boolean;
  /** Every kind's: failed attempts of one change before it is a dead letter. */
  attemptsBeforeDeadLetter: string;
  snipeit: SnipeItDraft;
  webhook: WebhookDraft;
  intune: IntuneDraft;
}

export type ConnectorDetails = RequestOutput<'sync.connectors.get'>;
export type SaveInput = RequestInput<'sync.connectors.save'>;
/** Form field → message. Keys: name, id, baseUrl, token, ratePerMinute, models, … */
export type FieldErrors = Partial<Record<string, string>>;

/** The form field that holds each kind's secret value. */
export const SECRET_FIELD: Record<ConnectorKind, string> = {
  snipeit: 'token',
  webhook: 'signingSecret',
  intune: 'clientSecret',
};

/** The schemas' own defaults (a ZodDefault parses `undefined` to its default). */
export const DEFAULT_RATE: Record<ConnectorKind, number> = {
  snipeit: SnipeItConfigSchema.shape.ratePerMinute.parse(undefined),
  webhook: WebhookConfigSchema.shape.ratePerMinute.parse(undefined),
  intune: IntuneConfigSchema.shape.ratePerMinute.parse(undefined),
};
const MAX_RATE = 100_000;
export const DEFAULT_ATTEMPTS_BEFORE_DEAD_LETTER =
  SnipeItConfigSchema.shape.attemptsBeforeDeadLetter.parse(undefined);

/** "Snipe-IT (head office)" → "snipe-it-head-office": a valid connector id, or '' for a name with no letters. */
export function idFromName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug;
}

/** Secret names for a new connector: one per connector, so two Snipe-IT servers keep their own tokens. */
export function defaultSecretName(kind: ConnectorKind, id: string): string {
  const suffix = { snipeit: 'token', webhook: 'signing-secret', intune: 'client-secret' }[kind];
  return `${kind}.${id}.${suffix}`;
}

export function emptyDraft(): ConnectorDraft {
  return {
    id: '',
    name: '',
    kind: 'snipeit',
    idTouched: false,
    attemptsBeforeDeadLetter: String(DEFAULT_ATTEMPTS_BEFORE_DEAD_LETTER),
    snipeit: {
      baseUrl: '',
      tokenSecret: '',
      token: '',
      ratePerMinute: String(DEFAULT_RATE.snipeit),
      models: [],
      statusLabels: [],
      customFields: [],
      fieldPolicies: {},
    },
    webhook: {
      url: '',
      signingSecretName: '',
      signingSecret: '',
      ratePerMinute: String(DEFAULT_RATE.webhook),
    },
    intune: {
      tenantId: '',
      clientId: '',
      clientSecretName: '',
      clientSecret: '',
      ratePerMinute: String(DEFAULT_RATE.intune),
      graphUrl: undefined,
      loginUrl: undefined,
    },
  };
}

function rows(record: Partial<Record<string, string | number>>): MappingRow[] {
  return Object.entries(record).map(([key, value]) => ({ key, value: String(value ?? '') }));
}

export function draftFromDetails(details: ConnectorDetails): ConnectorDraft {
  const draft = emptyDraft();
  const { connector } = details;
  const base = {
    ...draft,
    id: details.id,
    name: details.name,
    idTouched: true,
    attemptsBeforeDeadLetter: String(connector.config.attemptsBeforeDeadLetter),
  };
  switch (connector.kind) {
    case 'snipeit': {
      const config = connector.config;
      return {
        ...base,
        kind: 'snipeit',
        snipeit: {
          baseUrl: config.baseUrl,
          tokenSecret: config.tokenSecret,
          token: '',
          ratePerMinute: String(config.ratePerMinute),
          models: rows(config.models),
          statusLabels: rows(config.statusLabels),
          customFields: rows(config.customFields),
          fieldPolicies: { ...config.fieldPolicies },
        },
      };
    }
    case 'webhook': {
      const config = connector.config;
      return {
        ...base,
        kind: 'webhook',
        webhook: {
          url: config.url,
          signingSecretName: config.signingSecret,
          signingSecret: '',
          ratePerMinute: String(config.ratePerMinute),
        },
      };
    }
    case 'intune': {
      const config = connector.config;
      return {
        ...base,
        kind: 'intune',
        intune: {
          tenantId: config.tenantId,
          clientId: config.clientId,
          clientSecretName: config.clientSecret,
          clientSecret: '',
          ratePerMinute: String(config.ratePerMinute),
          graphUrl: config.graphUrl,
          loginUrl: config.loginUrl,
        },
      };
    }
  }
}

/** The name of the secret the draft's kind uses: the stored config's, else a fresh one for its id. */
export function secretNameOf(draft: ConnectorDraft): string {
  const stored = {
    snipeit: draft.snipeit.tokenSecret,
    webhook: draft.webhook.signingSecretName,
    intune: draft.intune.clientSecretName,
  }[draft.kind];
  return stored || defaultSecretName(draft.kind, draft.id.trim());
}

export function secretValueOf(draft: ConnectorDraft): string {
  return {
    snipeit: draft.snipeit.token,
    webhook: draft.webhook.signingSecret,
    intune: draft.intune.clientSecret,
  }[draft.kind];
}

export interface FormMessages {
  required: string;
  wholeNumber: (min: number, max: number) => string;
  positiveId: string;
  duplicate: string;
  httpUrl: string;
}

type Collector = (field: string, message: string) => void;

function wholeNumber(text: string, min: number, max: number): number | undefined {
  if (!/^\s*\d+\s*$/.test(text)) return undefined;
  const value = Number(text);
  return value >= min && value <= max ? value : undefined;
}

function rate(text: string, messages: FormMessages, fail: Collector): number | undefined {
  const value = wholeNumber(text, 1, MAX_RATE);
  if (value === undefined) fail('ratePerMinute', messages.wholeNumber(1, MAX_RATE));
  return value;
}

/**
 * An http(s) address, checked here: the contract's URL refinement parses the text with `new URL`,
 * which throws on text that is no address at all instead of reporting an issue.
 */
function httpUrl(field: string, text: string, messages: FormMessages, fail: Collector): string {
  const value = text.trim();
  if (!value) fail(field, messages.required);
  else if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) fail(field, messages.httpUrl);
  return value;
}

/** Filled rows as a record; blank rows are ignored, half-filled or repeated ones are errors. */
function mapping<V>(
  field: string,
  list: readonly MappingRow[],
  parse: (value: string) => V | undefined,
  invalid: string,
  messages: FormMessages,
  fail: Collector,
): Record<string, V> {
  const record: Record<string, V> = {};
  for (const row of list) {
    const key = row.key.trim();
    const text = row.value.trim();
    if (!key && !text) continue;
    if (!key || !text) {
      fail(field, messages.required);
      continue;
    }
    if (Object.hasOwn(record, key)) fail(field, messages.duplicate);
    const value = parse(text);
    if (value === undefined) fail(field, invalid);
    else record[key] = value;
  }
  return record;
}

function connectorOf(draft: ConnectorDraft, messages: FormMessages, fail: Collector): SaveInput['connector'] {
  const secret = secretNameOf(draft);
  const attemptsBeforeDeadLetter = wholeNumber(
    draft.attemptsBeforeDeadLetter,
    1,
    MAX_ATTEMPTS_BEFORE_DEAD_LETTER,
  );
  if (attemptsBeforeDeadLetter === undefined)
    fail('attemptsBeforeDeadLetter', messages.wholeNumber(1, MAX_ATTEMPTS_BEFORE_DEAD_LETTER));
  switch (draft.kind) {
    case 'snipeit': {
      const d = draft.snipeit;
      const id = (text: string) => wholeNumber(text, 1, Number.MAX_SAFE_INTEGER);
      return {
        kind: 'snipeit',
        config: {
          baseUrl: httpUrl('baseUrl', d.baseUrl, messages, fail),
          tokenSecret: secret,
          ratePerMinute: rate(d.ratePerMinute, messages, fail),
          attemptsBeforeDeadLetter,
          models: mapping('models', d.models, id, messages.positiveId, messages, fail),
          statusLabels: mapping('statusLabels', d.statusLabels, id, messages.positiveId, messages, fail),
          customFields: mapping('customFields', d.customFields, (text) => text, '', messages, fail),
          fieldPolicies: d.fieldPolicies,
        },
      };
    }
    case 'webhook': {
      const d = draft.webhook;
      return {
        kind: 'webhook',
        config: {
          url: httpUrl('url', d.url, messages, fail),
          signingSecret: secret,
          ratePerMinute: rate(d.ratePerMinute, messages, fail),
          attemptsBeforeDeadLetter,
        },
      };
    }
    case 'intune': {
      const d = draft.intune;
      return {
        kind: 'intune',
        config: {
          tenantId: d.tenantId.trim(),
          clientId: d.clientId.trim(),
          clientSecret: secret,
          ratePerMinute: rate(d.ratePerMinute, messages, fail),
          attemptsBeforeDeadLetter,
          ...(d.graphUrl ? { graphUrl: d.graphUrl } : {}),
          ...(d.loginUrl ? { loginUrl: d.loginUrl } : {}),
        },
      };
    }
  }
}

/** The form field a contract issue path ("connector.config.baseUrl", "secretValues.x") belongs to. */
export function fieldOfIssue(path: string, kind: ConnectorKind): string | undefined {
  const [head, second, third] = path.split('.');
  if (head === 'id' || head === 'name') return head;
  if (head === 'secretValues') return SECRET_FIELD[kind];
  if (head === 'connector' && second === 'config' && third)
    return third === 'tokenSecret' ? SECRET_FIELD.snipeit : third;
  return undefined;
}

/** Issues as form field errors (the first message per field), and the ones no field shows. */
export function errorsFromIssues(
  issues: readonly FieldIssue[],
  kind: ConnectorKind,
): { fields: FieldErrors; other: FieldIssue[] } {
  const fields: FieldErrors = {};
  const other: FieldIssue[] = [];
  for (const issue of issues) {
    const field = fieldOfIssue(issue.path, kind);
    if (!field) other.push(issue);
    else fields[field] ??= issue.message;
  }
  return { fields, other };
}

/**
 * The save request for the draft, checked here first with the contract's own schema (so the
 * form says what is wrong before anything is sent), or the field errors that stop it.
 */
export function buildSave(
  draft: ConnectorDraft,
  secretsSet: readonly string[],
  messages: FormMessages,
): { input: SaveInput; errors?: undefined } | { input?: undefined; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const fail: Collector = (field, message) => {
    errors[field] ??= message;
  };
  if (!draft.name.trim()) fail('name', messages.required);
  if (!draft.id.trim()) fail('id', messages.required);
  const secretName = secretNameOf(draft);
  const secretValue = secretValueOf(draft);
  if (!secretValue && !secretsSet.includes(secretName)) fail(SECRET_FIELD[draft.kind], messages.required);
  const input: SaveInput = {
    id: draft.id.trim(),
    name: draft.name.trim(),
    connector: connectorOf(draft, messages, fail),
    secretValues: secretValue ? { [secretName]: secretValue } : {},
  };
  if (!errors.baseUrl && !errors.url) {
    const parsed = requests['sync.connectors.save'].input.safeParse(input);
    if (!parsed.success) {
      const { fields } = errorsFromIssues(issuesFromZod(parsed.error), draft.kind);
      for (const [field, message] of Object.entries(fields)) if (message) fail(field, message);
    }
  }
  return Object.keys(errors).length > 0 ? { errors } : { input };
}

// Typed calls to Snipe-IT's REST API (https://snipe-it.readme.io/reference), one function per
// endpoint the connector uses. Every answer is validated; Snipe-IT's habit of answering HTTP 200
// with {"status":"error"} is turned into a `refused` result (writes) or "not found" (reads), so
// callers never see an error envelope pretending to be data.
import type { SnipeItConfig } from '../../../../common/models/sync.ts';
import type { SyncIo } from '../../connector.ts';
import { SyncHttp, type SyncResponse } from '../../http/sync-http.ts';
import { SyncError } from '../../sync-error.ts';
import {
  listingSchema,
  parseAnswer,
  SnipeAssetListingSchema,
  SnipeAssetRowSchema,
  SnipeCustomFieldSchema,
  SnipeEnvelopeSchema,
  SnipeFlatAssetSchema,
  SnipeModelSchema,
  SnipeStatusLabelSchema,
  type SnipeAssetListing,
  type SnipeAssetRow,
  type SnipeFlatAsset,
} from './snipeit-schemas.ts';
import type { z } from 'zod';

/** Snipe-IT's largest page (config('app.max_results'), 500 unless the install changed it). */
export const MAX_PAGE = 500;

/** The API root under the configured Snipe-IT address; an address that already names it is kept. */
export function apiBaseUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
  url.pathname = `${path}/api/v1/`;
  url.search = '';
  url.hash = '';
  return url.href;
}

/** The connector's HTTP client: locked to the Snipe-IT host, paced at the token's allowance. */
export function createSnipeItHttp(config: SnipeItConfig, options: { timeoutMs?: number } = {}): SyncHttp {
  return new SyncHttp({
    baseUrl: apiBaseUrl(config.baseUrl),
    ratePerMinute: config.ratePerMinute,
    userAgent: 'Depotline-sync (Snipe-IT connector)',
    ...options,
  });
}

/** A write Snipe-IT refused: each message with the request field it is about ("" when none). */
export interface Refusal {
  messages: { field: string; text: string }[];
  /** The request fields named (asset_tag, serial, _snipeit_imei_1 …). */
  fields: string[];
}
export type WriteResult = { ok: true; asset: SnipeFlatAsset } | { ok: false; refusal: Refusal };

export interface ListQuery {
  limit: number;
  offset: number;
  sort: 'id' | 'updated_at';
  order: 'asc' | 'desc';
  /** "Archived": the listing leaves archived assets out unless asked (setting show_archived_in_list). */
  status?: 'Archived';
}

export type SnipeItApi = ReturnType<typeof snipeItApi>;

export function snipeItApi(config: Pick<SnipeItConfig, 'tokenSecret'>, io: SyncIo) {
  const send = async (
    method: string,
    path: string,
    extra: { query?: ListQuery | { limit: number }; json?: unknown } = {},
  ) => {
    const token = io.secret(config.tokenSecret);
    if (token === undefined || token === '') {
      throw new SyncError(
        'credentials',
        `the Snipe-IT API token (secret "${config.tokenSecret}") is not set on this station`,
      );
    }
    return io.http.request(method, path, {
      ...(extra.query ? { query: { ...extra.query } } : {}),
      ...(extra.json === undefined ? {} : { json: extra.json }),
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      signal: io.signal,
    });
  };

  const read = async <T extends z.ZodType>(
    schema: T,
    path: string,
    query?: ListQuery | { limit: number },
  ) => {
    const what = `GET ${path}`;
    const response = await send('GET', path, { query });
    return parseAnswer(schema, jsonOf(response, what), what);
  };

  const write = async (method: 'POST' | 'PATCH', path: string, json: unknown): Promise<WriteResult> => {
    const what = `${method} ${path}`;
    const response = await send(method, path, { json });
    const envelope = parseAnswer(SnipeEnvelopeSchema, jsonOf(response, what, true), what);
    if (envelope.status === 'error') return { ok: false, refusal: refusalOf(envelope.messages) };
    return { ok: true, asset: parseAnswer(SnipeFlatAssetSchema, envelope.payload, `${what} (payload)`) };
  };

  return {
    /** The record, or null when Snipe-IT has none with that id (or only a deleted one). */
    async asset(id: string): Promise<SnipeAssetRow | null> {
      const path = `hardware/${encodeURIComponent(id)}`;
      const response = await send('GET', path);
      if (response.status === 404 || response.status === 410) return null;
      const json = jsonOf(response, `GET ${path}`);
      if (isErrorEnvelope(json)) return null; // AssetsController::show: 200 + "does not exist"
      const row = parseAnswer(SnipeAssetRowSchema, json, `GET ${path}`);
      return row.deleted_at ? null : row; // show() includes soft-deleted records
    },

    /** Every (undeleted) record with this serial; Snipe-IT compares serials without case. */
    async bySerial(serial: string): Promise<SnipeAssetRow[]> {
      if (/^\.{1,2}$/.test(serial)) {
        // "." and ".." are path steps to every URL parser (even percent-encoded): the request
        // would reach another endpoint, so the lookup is refused rather than sent.
        throw new SyncError('rejected', `the serial "${serial}" cannot be looked up in Snipe-IT by path`);
      }
      const path = `hardware/byserial/${encodeURIComponent(serial)}`;
      const what = `GET ${path}`;
      const json = jsonOf(await send('GET', path), what);
      if (isErrorEnvelope(json)) return []; // showBySerial: 200 + "does not exist" when none
      return parseAnswer(SnipeAssetListingSchema, json, what).rows;
    },

    create: (body: Record<string, unknown>) => write('POST', 'hardware', body),
    update: (id: string, body: Record<string, unknown>) =>
      write('PATCH', `hardware/${encodeURIComponent(id)}`, body),

    listAssets: (query: ListQuery): Promise<SnipeAssetListing> =>
      read(SnipeAssetListingSchema, 'hardware', query),

    /** GET hardware?limit=1: proves the token works and says how many assets there are. */
    countAssets: async (): Promise<number> =>
      (await read(SnipeAssetListingSchema, 'hardware', { limit: 1 })).total,

    statusLabels: () => readAll(read, SnipeStatusLabelSchema, 'statuslabels'),
    models: () => readAll(read, SnipeModelSchema, 'models'),
    customFields: () => readAll(read, SnipeCustomFieldSchema, 'fields'),
  };
}

type Reader = <T extends z.ZodType>(
  schema: T,
  path: string,
  query?: ListQuery | { limit: number },
) => Promise<z.output<T>>;

/** Follows offset pagination until `total` rows have arrived (or a page comes back short). */
async function readAll<T extends z.ZodType>(read: Reader, row: T, path: string): Promise<z.output<T>[]> {
  const schema = listingSchema(row);
  const rows: z.output<T>[] = [];
  for (;;) {
    const page = await read(schema, path, { limit: MAX_PAGE, offset: rows.length, sort: 'id', order: 'asc' });
    rows.push(...(page.rows as z.output<T>[]));
    // Pages may be shorter than asked (an install's MAX_RESULTS below 500): `total` decides.
    if (page.rows.length === 0 || rows.length >= page.total) return rows;
  }
}

function jsonOf(response: SyncResponse, what: string, allowClientError = false): unknown {
  if (response.status === 404) {
    throw new SyncError(
      'bad_response',
      `Snipe-IT has no ${what} (HTTP 404): check the server address — it is the Snipe-IT root, e.g. https://snipe.example`,
      { status: 404 },
    );
  }
  if (response.status >= 400 && !(allowClientError && isErrorEnvelope(response.json))) {
    throw new SyncError('bad_response', `Snipe-IT answered ${what} with HTTP ${response.status}`, {
      status: response.status,
    });
  }
  if (response.json === undefined) {
    throw new SyncError('bad_response', `Snipe-IT sent an empty answer to ${what}`, {
      status: response.status,
    });
  }
  return response.json;
}

function isErrorEnvelope(json: unknown): boolean {
  return typeof json === 'object' && json !== null && (json as { status?: unknown }).status === 'error';
}

/** Snipe-IT's messages: a string, a list, or field → [messages] (Laravel's validation bag). */
export function refusalOf(messages: unknown): Refusal {
  const out: Refusal['messages'] = [];
  const collect = (field: string, value: unknown): void => {
    if (typeof value === 'string' && value.trim()) out.push({ field, text: value.trim() });
    else if (typeof value === 'number') out.push({ field, text: `HTTP ${value}` });
    else if (Array.isArray(value)) value.forEach((item) => collect(field, item));
    else if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value)) collect(field || key, inner);
    }
  };
  collect('', messages);
  return { messages: out, fields: [...new Set(out.map((message) => message.field).filter(Boolean))] };
}

/**
 * One readable line. `nameOf` gives a request field a person's name (a custom field column
 * becomes its sync field): Laravel's "The  snipeit imei 1 field must be a number." reads
 * "The imei field must be a number.", and a message that names no field gets it in front.
 */
export function describeRefusal(
  refusal: Refusal,
  nameOf: (field: string) => string = (field) => field.replace(/_/g, ' ').trim(),
): string {
  const lines = refusal.messages.map(({ field, text }) => {
    if (!field) return text;
    const name = nameOf(field);
    const spoken = field.replace(/_/g, ' ');
    const renamed = text
      .split(spoken)
      .join(name)
      .replace(/\s{2,}/g, ' ');
    return renamed.includes(name) || renamed.toLowerCase().includes(spoken.trim().toLowerCase())
      ? renamed
      : `${name}: ${renamed}`;
  });
  const unique = [...new Set(lines)].map((line) => (/[.!?]$/.test(line) ? line : `${line}.`));
  return unique.join(' ') || 'no reason given';
}

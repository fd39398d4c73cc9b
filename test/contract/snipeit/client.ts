// What the contract tests talk to the double with: Node's own fetch over the real socket,
// sending what Snipe-IT's docs tell API clients to send (Accept: application/json, Bearer token).
import { afterEach } from 'vitest';
import {
  startSnipeItDouble,
  type SnipeItDouble,
  type SnipeItDoubleOptions,
} from '../../support/snipeit/index.ts';

export interface Answer {
  status: number;
  headers: Headers;
  /** The parsed body (undefined when empty or not JSON). */
  body: unknown;
  text: string;
  /** The body read as one of the documented shapes below. */
  json<T>(): T;
}

/** Helper::formatStandardApiResponse. */
export interface Envelope<P = unknown> {
  status: 'success' | 'error';
  messages: string | Record<string, string[]> | null;
  payload: P;
}

/** DatatablesTransformer. */
export interface List<T> {
  total: number;
  rows: T[];
}

export interface DateTimeObject {
  datetime: string;
  formatted: string;
}

/** The parts of AssetsTransformer::transformAsset a connector reads. */
export interface AssetRow {
  id: number;
  name: string;
  asset_tag: string;
  serial: string;
  model: { id: number; name: string } | null;
  status_label: { id: number; name: string; status_type: string; status_meta: string };
  assigned_to: {
    id: number;
    username?: string;
    name: string;
    first_name?: string;
    last_name?: string | null;
    email?: string | null;
    employee_number?: string | null;
    type: string;
  } | null;
  notes: string | null;
  custom_fields: Record<string, { field: string; value: string; field_format: string; element: string }>;
  created_at: DateTimeObject;
  updated_at: DateTimeObject;
  deleted_at: DateTimeObject | null;
  user_can_checkout: boolean;
  checkout_counter: number;
  checkin_counter: number;
}

/** The raw model POST/PATCH /hardware put in `payload`. */
export type RawAsset = Record<string, unknown> & { id: number; asset_tag: string; updated_at: string };

export interface ApiClient {
  get(path: string, query?: Record<string, string | number>): Promise<Answer>;
  post(path: string, body?: unknown): Promise<Answer>;
  patch(path: string, body: unknown): Promise<Answer>;
  put(path: string, body: unknown): Promise<Answer>;
  delete(path: string): Promise<Answer>;
  /** Any request, with the default headers overridable. */
  send(
    method: string,
    path: string,
    init?: { body?: string; headers?: Record<string, string> },
  ): Promise<Answer>;
}

export function client(double: SnipeItDouble, token = double.token): ApiClient {
  const send: ApiClient['send'] = async (method, path, init = {}) => {
    const response = await fetch(`${double.apiUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        accept: 'application/json',
        authorization: `Bearer ${token}`,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...init.headers,
      },
      ...(init.body === undefined ? {} : { body: init.body }),
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: response.status, headers: response.headers, body, text, json: <T>() => body as T };
  };
  const withBody = (method: string) => (path: string, body: unknown) =>
    send(method, path, { body: JSON.stringify(body ?? {}) });
  return {
    get: (path, query) =>
      send('GET', query ? `${path}?${new URLSearchParams(stringify(query)).toString()}` : path),
    post: withBody('POST'),
    patch: withBody('PATCH'),
    put: withBody('PUT'),
    delete: (path) => send('DELETE', path),
    send,
  };
}

const stringify = (query: Record<string, string | number>) =>
  Object.fromEntries(Object.entries(query).map(([key, value]) => [key, String(value)]));

/** A clock tests move by hand; starts on a whole second so timestamps are predictable. */
export function manualClock(start = Date.UTC(2026, 10, 28, 22, 0, 0)) {
  let now = start;
  const clock = () => now;
  clock.advance = (ms: number) => {
    now += ms;
  };
  return clock;
}

/** Starts a double for one test and stops it afterwards. */
export function useDouble(): (
  options?: SnipeItDoubleOptions,
) => Promise<{ double: SnipeItDouble; api: ApiClient }> {
  const running: SnipeItDouble[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((double) => double.stop()));
  });
  return async (options = {}) => {
    const double = await startSnipeItDouble({ throttlePerMinute: 0, ...options });
    running.push(double);
    return { double, api: client(double) };
  };
}

/** The seeded reference data's ids (seed.ts inserts them in this order). */
export const SEEDED = {
  models: { pixel8: 1, xcover7: 2, iphone15: 3 },
  status: { ready: 1, pending: 2, archived: 3, broken: 4 },
  users: { api: 1, ada: 2, grace: 3 },
  locations: { north: 1, south: 2 },
  columns: {
    imei: '_snipeit_imei_1',
    osVersion: '_snipeit_os_version_2',
    profile: '_snipeit_staging_profile_3',
  },
} as const;

/** The minimum a create needs, per the docs: asset_tag, model_id, status_id. */
export function newAsset(tag: string, extra: Record<string, unknown> = {}) {
  return { asset_tag: tag, model_id: SEEDED.models.pixel8, status_id: SEEDED.status.ready, ...extra };
}

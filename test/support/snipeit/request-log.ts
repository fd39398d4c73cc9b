// Every request the double saw, for tests to count and inspect ("the connector sent exactly one
// POST /hardware", "nothing was retried after a 422-like error").

export type Outcome =
  /** A complete HTTP answer was written (whatever its status). */
  | 'answered'
  /** The socket was reset instead of answering. */
  | 'reset'
  /** No answer was ever started (hang fault, or the client gave up first). */
  | 'hung'
  /** The answer started but was cut or abandoned (truncated drop, huge body). */
  | 'cut';

export interface LoggedRequest {
  seq: number;
  /** The double's clock when the request arrived (ms). */
  at: number;
  method: string;
  /** The full path without the query ("/api/v1/hardware/12"). */
  path: string;
  /** The path below /api/v1 ("/hardware/12"), or the full path for anything outside the API. */
  apiPath: string;
  query: Record<string, string>;
  /** The status written, or null when none was (reset, hang). */
  status: number | null;
  outcome: Outcome;
  /** The fault that shaped this answer, if any. */
  fault: string | null;
  /** The request body, cut to 300 characters. */
  body: string;
  /** Wall-clock time from arrival until the answer ended (or was abandoned). */
  durationMs: number;
}

export interface RequestFilter {
  method?: string;
  /** Exact API path ("/hardware") or a pattern tested against it. */
  path?: string | RegExp;
  status?: number | null;
}

const BODY_LIMIT = 300;

export class RequestLog {
  readonly #entries: LoggedRequest[] = [];
  #seq = 0;

  start(entry: Omit<LoggedRequest, 'seq' | 'status' | 'outcome' | 'fault' | 'durationMs'>): LoggedRequest {
    const logged: LoggedRequest = {
      ...entry,
      body: entry.body.length > BODY_LIMIT ? `${entry.body.slice(0, BODY_LIMIT)}…` : entry.body,
      seq: ++this.#seq,
      status: null,
      outcome: 'hung',
      fault: null,
      durationMs: 0,
    };
    this.#entries.push(logged);
    return logged;
  }

  /** A copy of every entry, oldest first. */
  all(filter: RequestFilter = {}): LoggedRequest[] {
    return this.#entries.filter((entry) => matches(entry, filter)).map((entry) => ({ ...entry }));
  }

  count(filter: RequestFilter = {}): number {
    return this.#entries.filter((entry) => matches(entry, filter)).length;
  }

  last(filter: RequestFilter = {}): LoggedRequest | undefined {
    return this.all(filter).at(-1);
  }

  /** Requests per "METHOD /api/path", e.g. { "GET /hardware/byserial/X": 2 }. */
  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const entry of this.#entries) {
      const key = `${entry.method} ${entry.apiPath}`;
      out[key] = (out[key] ?? 0) + 1;
    }
    return out;
  }

  clear(): void {
    this.#entries.length = 0;
  }
}

function matches(entry: LoggedRequest, filter: RequestFilter): boolean {
  if (filter.method !== undefined && entry.method !== filter.method.toUpperCase()) return false;
  if (filter.status !== undefined && entry.status !== filter.status) return false;
  if (filter.path === undefined) return true;
  return typeof filter.path === 'string' ? entry.apiPath === filter.path : filter.path.test(entry.apiPath);
}

// The only way a connector reaches the network. Every request stays on the connector's
// configured origin (redirects are reported, never followed), waits for the connector's
// rate limit, gives up after a timeout, reads at most `maxBodyBytes`, and turns every way a
// server can misbehave into a SyncError that says what happened.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { SyncError } from '../sync-error.ts';
import { TokenBucket } from './token-bucket.ts';
import { describeNetworkError, retryAfterMs } from './http-errors.ts';

export interface SyncHttpOptions {
  /** Requests never leave this origin (scheme, host and port). */
  baseUrl: string;
  ratePerMinute: number;
  timeoutMs?: number;
  maxBodyBytes?: number;
  /** PEM of a private CA (a depot's internal Snipe-IT); the system's CAs otherwise. */
  ca?: string;
  userAgent?: string;
}

export interface SyncRequest {
  query?: Record<string, string | number | undefined>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is (a signed webhook body must be byte-exact). */
  body?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface SyncResponse {
  status: number;
  headers: IncomingMessage['headers'];
  /** The parsed JSON body; undefined when the body was empty. */
  json: unknown;
  text: string;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_BODY = 10 * 1024 * 1024;

export class SyncHttp {
  readonly origin: URL;
  readonly #options: SyncHttpOptions;
  readonly #bucket: TokenBucket;
  #requests = 0;

  constructor(options: SyncHttpOptions) {
    this.origin = new URL(options.baseUrl);
    this.#options = options;
    this.#bucket = new TokenBucket(options.ratePerMinute);
  }

  /** Requests sent so far (the sync benchmark's requests per change). */
  get requests(): number {
    return this.#requests;
  }

  get bucket(): TokenBucket {
    return this.#bucket;
  }

  /**
   * `path` is relative to the base URL's path (e.g. "hardware/byserial/X" under
   * https://snipe.example/api/v1/). Answers with any status below 500 except 401, 403 and 429,
   * which (like 5xx, timeouts and redirects) throw.
   */
  async request(method: string, path: string, options: SyncRequest = {}): Promise<SyncResponse> {
    const url = this.#resolve(path, options.query);
    const signal = options.signal ?? new AbortController().signal;
    await this.#bucket.acquire(signal);
    this.#requests += 1;
    const response = await this.#send(method, url, options, signal);
    const { status } = response;
    if (status >= 300 && status < 400) throw this.#redirectError(response, url);
    if (status === 429) {
      const wait = retryAfterMs(response.headers['retry-after']) ?? 60_000;
      this.#bucket.pauseFor(wait);
      throw new SyncError(
        'throttled',
        `${url.host} is throttling requests (429); retrying in ${Math.ceil(wait / 1000)} s`,
        {
          retryAfterMs: wait,
          status,
        },
      );
    }
    if (status === 401 || status === 403) {
      throw new SyncError(
        'auth',
        `${url.host} refused the credentials (HTTP ${status}); check the token or client secret`,
        { status },
      );
    }
    if (status >= 500) {
      throw new SyncError(
        'server',
        `${url.host} answered HTTP ${status} ${response.text.slice(0, 200)}`.trim(),
        { status },
      );
    }
    return response;
  }

  #resolve(path: string, query: SyncRequest['query']): URL {
    const base = this.origin.href.endsWith('/') ? this.origin.href : `${this.origin.href}/`;
    const url = new URL(path.replace(/^\//, ''), base);
    if (url.origin !== this.origin.origin) {
      throw new SyncError(
        'redirect',
        `refusing a request to ${url.origin}: this connector only talks to ${this.origin.origin}`,
      );
    }
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url;
  }

  #redirectError(response: SyncResponse, url: URL): SyncError {
    const location = String(response.headers.location ?? '');
    let target = location;
    try {
      const to = new URL(location, url);
      target = to.origin === this.origin.origin ? to.pathname : to.origin;
    } catch {
      // keep the raw header in the message
    }
    return new SyncError(
      'redirect',
      `${url.host} redirected ${url.pathname} to ${target || 'nowhere'} (HTTP ${response.status}); Depotline never follows redirects — check the server address`,
      { status: response.status },
    );
  }

  #send(method: string, url: URL, options: SyncRequest, signal: AbortSignal): Promise<SyncResponse> {
    const body = options.body ?? (options.json === undefined ? undefined : JSON.stringify(options.json));
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': this.#options.userAgent ?? 'Depotline-sync',
      ...(body === undefined
        ? {}
        : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }),
      ...options.headers,
    };
    const timeoutMs = this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const maxBody = this.#options.maxBodyBytes ?? DEFAULT_MAX_BODY;
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<SyncResponse>((resolve, reject) => {
      let settled = false;
      const fail = (error: SyncError) => {
        if (settled) return;
        settled = true;
        cleanup();
        request.destroy();
        reject(error);
      };
      const request = send(url, {
        method,
        headers,
        ...(this.#options.ca ? { ca: this.#options.ca } : {}),
        // No keep-alive agent reuse across connectors' hosts is needed; Node's global agent keeps sockets alive.
      });
      const timer = setTimeout(
        () =>
          fail(
            new SyncError(
              'timeout',
              `${url.host} did not answer ${method} ${url.pathname} within ${timeoutMs / 1000} s`,
            ),
          ),
        timeoutMs,
      );
      const onAbort = () =>
        fail(new SyncError('network', `request to ${url.host} cancelled`, { cause: signal.reason }));
      signal.addEventListener('abort', onAbort, { once: true });
      const cleanup = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
      };
      request.on('error', (error) => fail(describeNetworkError(error, url)));
      request.on('response', (response) => {
        const declared = Number(response.headers['content-length'] ?? 0);
        if (declared > maxBody) {
          fail(tooLarge(url, declared, maxBody));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBody) fail(tooLarge(url, size, maxBody));
          else chunks.push(chunk);
        });
        response.on('error', (error) => fail(describeNetworkError(error, url)));
        response.on('aborted', () =>
          fail(new SyncError('network', `${url.host} closed the connection mid-answer`)),
        );
        response.on('end', () => {
          if (settled) return;
          const text = Buffer.concat(chunks).toString('utf8');
          const status = response.statusCode ?? 0;
          try {
            const json = parseBody(text, response.headers['content-type'], status, url);
            settled = true;
            cleanup();
            resolve({ status, headers: response.headers, json, text });
          } catch (error) {
            fail(error as SyncError);
          }
        });
      });
      request.end(body);
    });
  }
}

function tooLarge(url: URL, size: number, limit: number): SyncError {
  return new SyncError(
    'too_large',
    `${url.host} sent more than ${Math.round(limit / 1024 / 1024)} MiB (at least ${size} bytes); answer discarded`,
  );
}

/** JSON or nothing: an HTML login page or a cut-off body is an error, not data. */
function parseBody(text: string, contentType: string | undefined, status: number, url: URL): unknown {
  if (text.length === 0) return undefined;
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const looksJson = type === 'application/json' || type.endsWith('+json');
  if (!looksJson) {
    // Error pages of 5xx are reported by status; only successful-looking answers must be JSON.
    if (status >= 500) return undefined;
    throw new SyncError(
      'bad_response',
      `${url.host} answered ${url.pathname} with ${type || 'no content type'} instead of JSON${/<html|<!doctype/i.test(text) ? ' (an HTML page — a login page or a proxy?)' : ''}`,
      { status },
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SyncError(
      'bad_response',
      `${url.host} sent JSON that does not parse (${text.length} bytes; truncated?)`,
      { status },
    );
  }
}

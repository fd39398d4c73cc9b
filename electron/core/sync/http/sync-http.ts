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
  /**
   * 'json' (default): the answer must be JSON. 'any': the body is returned as text and not
   * judged (a webhook receiver may answer "OK" or explain a refusal in plain text).
   */
  accept?: 'json' | 'any';
}

export interface SyncResponse {
  status: number;
  headers: IncomingMessage['headers'];
  /** The parsed JSON body; undefined when the body was empty. */
  json: unknown;
  text: string;
}

/** What came off the wire, before the status is judged and the body parsed. */
interface RawResponse {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_BODY = 10 * 1024 * 1024;
/** Of a 5xx page only an excerpt reaches the message; reading more is wasted memory. */
const ERROR_PAGE_BYTES = 16 * 1024;
const EXCERPT_CHARS = 200;

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
    try {
      await this.#bucket.acquire(signal);
    } catch (error) {
      // Only an abort ends the wait; report it like an abort during the request.
      throw cancelled(url, signal, error);
    }
    this.#requests += 1;
    const raw = await this.#send(method, url, options, signal);
    // The status is judged before the body: a redirect, a refusal or a 5xx usually comes with
    // an HTML page, and "not JSON" would hide what actually happened.
    const { status, headers } = raw;
    if (status >= 300 && status < 400) throw this.#redirectError(raw, url);
    if (status === 429) {
      const wait = retryAfterMs(headers['retry-after']) ?? 60_000;
      this.#bucket.pauseFor(wait);
      throw new SyncError(
        'throttled',
        `${url.host} is throttling requests (429); retrying in ${Math.ceil(wait / 1000)} s`,
        { retryAfterMs: wait, status },
      );
    }
    if (status === 401 || status === 403) {
      // 401: the credentials are wrong or expired; 403: they are fine but lack a permission
      // (a Snipe-IT user without asset rights, a Graph app without admin consent).
      const what =
        status === 401
          ? 'refused the credentials (HTTP 401); check the token or client secret'
          : `refused access to ${url.pathname} (HTTP 403); the token or app lacks a permission it needs`;
      throw new SyncError('auth', `${url.host} ${what}`, { status });
    }
    const text = decodeText(raw.body);
    if (status >= 500) {
      const excerpt = plainExcerpt(text);
      throw new SyncError('server', `${url.host} answered HTTP ${status}${excerpt ? `: ${excerpt}` : ''}`, {
        status,
      });
    }
    if (options.accept === 'any') return { status, headers, json: undefined, text };
    const json = parseBody(text, headers['content-type'], status, url);
    return { status, headers, json, text };
  }

  #resolve(path: string, query: SyncRequest['query']): URL {
    const base = this.origin.href.endsWith('/') ? this.origin.href : `${this.origin.href}/`;
    let url: URL;
    let asWritten: URL;
    try {
      // A leading "/" is taken as relative to the base path ("/hardware" under /api/v1/).
      url = new URL(path.replace(/^\//, ''), base);
      asWritten = new URL(path, base);
    } catch (error) {
      throw new SyncError('rejected', `"${path.slice(0, 100)}" is not a valid request path`, {
        cause: error,
      });
    }
    // Checked as written too: "//evil.example/x" names another host, and stripping its first
    // slash must not quietly turn it into a path on this one.
    for (const target of [asWritten, url]) {
      if (target.origin !== this.origin.origin) {
        throw new SyncError(
          'redirect',
          `refusing a request to ${target.origin === 'null' ? target.protocol : target.origin}: this connector only talks to ${this.origin.origin}`,
        );
      }
    }
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url;
  }

  #redirectError(response: RawResponse, url: URL): SyncError {
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

  #send(method: string, url: URL, options: SyncRequest, signal: AbortSignal): Promise<RawResponse> {
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
    return new Promise<RawResponse>((resolve, reject) => {
      let settled = false;
      // Once only: whichever of answer, error, timeout or abort comes first decides; the
      // events after it (the close that follows a destroy) are ignored.
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        outcome();
      };
      // A failure destroys the socket: it may be mid-body, and a 2 GB answer must stop
      // arriving, not be drained.
      const fail = (error: SyncError) =>
        settle(() => {
          request.destroy();
          reject(error);
        });
      const request = send(url, {
        method,
        headers,
        ...(this.#options.ca ? { ca: this.#options.ca } : {}),
      });
      const timer = setTimeout(
        () =>
          fail(
            new SyncError(
              'timeout',
              `${url.host} did not answer ${method} ${url.pathname} within ${formatSeconds(timeoutMs)}`,
            ),
          ),
        timeoutMs,
      );
      const onAbort = () => fail(cancelled(url, signal));
      signal.addEventListener('abort', onAbort, { once: true });
      // Set once the answer has begun: a socket error after that means the answer was cut off.
      let cutOff: ((cause?: Error) => void) | undefined;
      request.on('error', (error) => (cutOff ? cutOff(error) : fail(describeNetworkError(error, url))));
      request.on('response', (response) => {
        const status = response.statusCode ?? 0;
        // Redirects and refusals are judged by status alone; of a 5xx only an excerpt is used.
        const statusOnly =
          (status >= 300 && status < 400) || status === 401 || status === 403 || status === 429;
        const excerptOnly = status >= 500;
        const keep = statusOnly ? 0 : excerptOnly ? Math.min(ERROR_PAGE_BYTES, maxBody) : maxBody;
        const declared = Number(response.headers['content-length']);
        const chunks: Buffer[] = [];
        let size = 0;
        // Ends the exchange early with what was kept; the socket goes, the rest is not read.
        const enough = () =>
          settle(() => {
            request.destroy();
            resolve({ status, headers: response.headers, body: Buffer.concat(chunks) });
          });
        if (keep === 0) {
          enough();
          return;
        }
        // Refused from the headers alone, before a byte of the body is read.
        if (!excerptOnly && method.toUpperCase() !== 'HEAD' && declared > maxBody) {
          fail(tooLarge(url, declared, maxBody, 'declared'));
          return;
        }
        response.on('data', (chunk: Buffer) => {
          if (settled) return;
          size += chunk.length;
          if (size <= keep) chunks.push(chunk);
          else if (excerptOnly) {
            chunks.push(chunk.subarray(0, chunk.length - (size - keep)));
            enough();
          } else fail(tooLarge(url, size, maxBody, 'streamed'));
        });
        response.on('end', () =>
          settle(() => resolve({ status, headers: response.headers, body: Buffer.concat(chunks) })),
        );
        // A connection lost mid-body: Node says ECONNRESET "aborted"; say what it means.
        const midAnswer = (cause?: Error) =>
          fail(
            new SyncError(
              'network',
              `the connection to ${url.host} was cut before the answer was complete (${size} of ${Number.isFinite(declared) ? declared : 'an unknown number of'} bytes received)`,
              { cause },
            ),
          );
        cutOff = midAnswer;
        response.on('error', midAnswer);
        response.on('close', () => {
          if (!response.complete) midAnswer();
        });
      });
      request.end(body);
    });
  }
}

function cancelled(url: URL, signal: AbortSignal, cause: unknown = signal.reason): SyncError {
  return new SyncError('network', `request to ${url.host} cancelled`, { cause });
}

function tooLarge(url: URL, size: number, limit: number, how: 'declared' | 'streamed'): SyncError {
  const what =
    how === 'declared'
      ? `announced an answer of ${formatBytes(size)}, over the ${formatBytes(limit)} limit; it was not read`
      : `sent an answer over the ${formatBytes(limit)} limit; it was discarded after ${formatBytes(size)}`;
  return new SyncError('too_large', `${url.host} ${what}`, { scope: 'connector' });
}

function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : Number(value.toFixed(1))} ${units[unit]}`;
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/** UTF-8 without a byte-order mark (IIS and .NET send one; JSON.parse refuses it). */
function decodeText(body: Buffer): string {
  return body.toString('utf8').replace(/^\uFEFF/, '');
}

const HTML = /^\s*<(!doctype|html|head|body|\?xml)/i;

/** A one-line excerpt a technician can read: an HTML error page by its title, not its markup. */
function plainExcerpt(text: string): string {
  let plain = text;
  if (HTML.test(text) || /<\/?[a-z][^>]*>/i.test(text)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
    plain = title ?? text.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ');
  }
  return plain.replace(/\s+/g, ' ').trim().slice(0, EXCERPT_CHARS);
}

/**
 * JSON or nothing: an HTML login page or a cut-off body is an error, not data. These say
 * nothing about the change being sent (a proxy or SSO page answers every request alike), so
 * they back the connector off instead of counting towards the item's dead-letter limit.
 */
function parseBody(text: string, contentType: string | undefined, status: number, url: URL): unknown {
  if (text.trim().length === 0) return undefined;
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  // Checked on the body too: proxies and SSO gateways send login pages as application/json.
  if (HTML.test(text)) {
    throw new SyncError(
      'bad_response',
      `${url.host} answered ${url.pathname} with an HTML page instead of JSON (a login page or a proxy in the way?)`,
      { status, scope: 'connector' },
    );
  }
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw new SyncError(
      'bad_response',
      `${url.host} answered ${url.pathname} with ${type || 'no content type'} instead of JSON`,
      { status, scope: 'connector' },
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SyncError(
      'bad_response',
      `${url.host} sent JSON that does not parse (${text.length} bytes; cut off or not JSON)`,
      { status, scope: 'connector' },
    );
  }
}

// Ways a Snipe-IT server (or the proxy in front of it) misbehaves, armed by tests in-process:
// `double.faults.inject({ kind: 'status', status: 503 }, { times: 2, method: 'POST' })`.
// Each armed fault answers the next matching requests, then disarms. With `when: 'before'` the
// request never reaches Snipe-IT (nothing changes); with `when: 'after'` it is processed (an
// asset may be created) and only the answer is lost or mangled — the case that makes a naive
// client retry and create a duplicate. Going down (connection refused) is `down()`.
import type { ServerResponse } from 'node:http';
import { html, json, LOGIN_PAGE, type ApiResponse } from './http-io.ts';

export type Fault =
  /** An error status. Default bodies: 500 Laravel's JSON, 502/504 nginx's HTML page, 503 Snipe-IT's maintenance JSON. */
  | { kind: 'status'; status: number; body?: string; contentType?: string; retryAfter?: number }
  /** Never answer; the client must time out (and abort). */
  | { kind: 'hang' }
  /** TCP reset instead of an answer (ECONNRESET at the client). */
  | { kind: 'reset' }
  /** Answer normally, `delayMs` later. */
  | { kind: 'slow'; delayMs: number }
  /** 200 text/html: Snipe-IT's login page, as an SSO proxy or an expired session shows it. */
  | { kind: 'html'; status?: number; body?: string }
  /**
   * The JSON answer cut in half. 'cut' ends the HTTP message cleanly after the half (a PHP fatal
   * error mid-output); 'drop' declares the full Content-Length and closes the socket mid-body.
   */
  | { kind: 'truncated'; mode?: 'cut' | 'drop' }
  /** An endless-looking JSON list streamed lazily (default 2 GiB), stopping as soon as the client goes. */
  | { kind: 'huge'; bytes?: number; declareLength?: boolean }
  /** A redirect, by default off to another host (an SSO login or an http→https hop). */
  | { kind: 'redirect'; location?: string; status?: number };

export type FaultKind = Fault['kind'];

export interface FaultScope {
  /** How many matching requests it answers (default 1; Infinity until cleared). */
  times?: number;
  method?: string;
  /** The API path ("/hardware"); a trailing "*" matches a prefix; or a pattern. */
  path?: string | RegExp;
  /** 'before' (default) or 'after', see the file comment; truncated is always 'after', huge always 'before'. */
  when?: 'before' | 'after';
}

export interface ArmedFault {
  readonly fault: Fault;
  readonly when: 'before' | 'after';
  /** Matching requests it will still answer. */
  readonly remaining: number;
  cancel(): void;
}

interface Slot {
  fault: Fault;
  scope: FaultScope;
  when: 'before' | 'after';
  remaining: number;
}

export interface HugeStats {
  bytesWritten: number;
  /** The client went away before the end (the socket closed). */
  clientClosed: boolean;
  finished: boolean;
}

export const DEFAULT_HUGE_BYTES = 2 * 1024 ** 3;
export const DEFAULT_REDIRECT = 'https://sso.depot.invalid/login';

function pathMatches(pattern: FaultScope['path'], apiPath: string): boolean {
  if (pattern === undefined) return true;
  if (typeof pattern !== 'string') return pattern.test(apiPath);
  return pattern.endsWith('*') ? apiPath.startsWith(pattern.slice(0, -1)) : apiPath === pattern;
}

/** What the server lends the fault control to take itself off the network and back. */
export interface ServerSwitch {
  down(durationMs: number | null): Promise<void>;
  up(): Promise<void>;
  whenUp(): Promise<void>;
}

/** A truncated answer needs a real one to cut, so it always runs the request; a huge one never does. */
function whenFor(fault: Fault, scope: FaultScope): 'before' | 'after' {
  if (fault.kind === 'truncated') return 'after';
  if (fault.kind === 'huge') return 'before';
  return scope.when ?? 'before';
}

export class FaultControl {
  readonly #slots: Slot[] = [];
  readonly #switch: ServerSwitch;
  /** The last huge body streamed (for tests that the double stopped writing). */
  lastHuge: HugeStats | null = null;

  constructor(serverSwitch: ServerSwitch) {
    this.#switch = serverSwitch;
  }

  inject(fault: Fault, scope: FaultScope = {}): ArmedFault {
    const slot: Slot = { fault, scope, when: whenFor(fault, scope), remaining: scope.times ?? 1 };
    this.#slots.push(slot);
    return {
      fault,
      when: slot.when,
      get remaining() {
        return slot.remaining;
      },
      cancel: () => {
        slot.remaining = 0;
      },
    };
  }

  failNext(status: number, scope?: FaultScope): ArmedFault {
    return this.inject({ kind: 'status', status }, scope);
  }
  hangNext(scope?: FaultScope): ArmedFault {
    return this.inject({ kind: 'hang' }, scope);
  }
  resetNext(scope?: FaultScope): ArmedFault {
    return this.inject({ kind: 'reset' }, scope);
  }
  slowNext(delayMs: number, scope?: FaultScope): ArmedFault {
    return this.inject({ kind: 'slow', delayMs }, scope);
  }

  /**
   * Stops listening and drops every open connection (new ones get ECONNREFUSED); resolves once
   * down. After `durationMs` it listens on the same port again (see `whenUp`); without a
   * duration it stays down until `up()`.
   */
  down(durationMs?: number): Promise<void> {
    return this.#switch.down(durationMs ?? null);
  }

  up(): Promise<void> {
    return this.#switch.up();
  }

  /** Resolves when the double is listening (at once if it is). */
  whenUp(): Promise<void> {
    return this.#switch.whenUp();
  }

  /** Disarms everything (the server stays up or down as it is). */
  clear(): void {
    this.#slots.length = 0;
  }

  /** Armed faults still waiting for a request. */
  pending(): number {
    return this.#slots.filter((slot) => slot.remaining > 0).length;
  }

  /** Consumes one use of the first armed fault matching this request. */
  take(method: string, apiPath: string): { fault: Fault; when: 'before' | 'after' } | undefined {
    const slot = this.#slots.find(
      (candidate) =>
        candidate.remaining > 0 &&
        (candidate.scope.method === undefined || candidate.scope.method.toUpperCase() === method) &&
        pathMatches(candidate.scope.path, apiPath),
    );
    if (!slot) return undefined;
    slot.remaining -= 1;
    return { fault: slot.fault, when: slot.when };
  }
}

const NGINX_PAGE = (status: number, text: string) =>
  `<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n<center><h1>${status} ${text}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;

/** The answer a status, html or redirect fault gives instead of Snipe-IT's. */
export function substituteAnswer(fault: Fault): ApiResponse | undefined {
  if (fault.kind === 'html') return html(fault.status ?? 200, fault.body ?? LOGIN_PAGE);
  if (fault.kind === 'redirect') {
    const location = fault.location ?? DEFAULT_REDIRECT;
    const body = `<!DOCTYPE html><html><head><meta http-equiv="refresh" content="0;url='${location}'" /><title>Redirecting to ${location}</title></head><body>Redirecting to <a href="${location}">${location}</a>.</body></html>`;
    return html(fault.status ?? 302, body, { location });
  }
  if (fault.kind !== 'status') return undefined;
  const headers: Record<string, string> =
    fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) };
  if (fault.body !== undefined)
    return {
      status: fault.status,
      headers: { 'content-type': fault.contentType ?? 'text/plain', ...headers },
      body: fault.body,
    };
  if (fault.status === 500) return json(500, { message: 'Server Error' }, headers);
  if (fault.status === 502) return html(502, NGINX_PAGE(502, 'Bad Gateway'), headers);
  if (fault.status === 504) return html(504, NGINX_PAGE(504, 'Gateway Time-out'), headers);
  return json(fault.status, { status: 'error', messages: fault.status, payload: null }, headers);
}

export function writeAnswer(res: ServerResponse, answer: ApiResponse): void {
  const body = Buffer.from(answer.body, 'utf8');
  res.writeHead(answer.status, { ...answer.headers, 'content-length': String(body.length) });
  res.end(body);
}

/** Half of the answer, then either a clean end ('cut') or a dead socket ('drop'). */
export function writeTruncated(res: ServerResponse, answer: ApiResponse, mode: 'cut' | 'drop'): void {
  const body = Buffer.from(answer.body, 'utf8');
  const half = body.subarray(0, Math.max(1, Math.floor(body.length / 2)));
  if (mode === 'cut') {
    res.writeHead(answer.status, answer.headers);
    res.end(half);
    return;
  }
  res.writeHead(answer.status, { ...answer.headers, 'content-length': String(body.length) });
  res.write(half, () => res.socket?.destroy());
}

/** RST rather than FIN, so the client sees ECONNRESET, not a clean close. */
export function resetConnection(res: ServerResponse): void {
  const socket = res.socket;
  if (socket && typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket?.destroy();
}

const HUGE_ROW = '{"id":1,"name":"","asset_tag":"HUGE","serial":"HUGE","custom_fields":{}},';

/** Streams up to `bytes` of a JSON list from one reused buffer, writing only as fast as the client reads. */
export async function streamHuge(
  res: ServerResponse,
  fault: Extract<Fault, { kind: 'huge' }>,
  stats: HugeStats,
) {
  const total = fault.bytes ?? DEFAULT_HUGE_BYTES;
  const chunk = Buffer.from(HUGE_ROW.repeat(Math.ceil(65_536 / HUGE_ROW.length)), 'utf8');
  const head = Buffer.from('{"total":1000000000,"rows":[', 'utf8');
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (fault.declareLength) headers['content-length'] = String(total);
  res.writeHead(200, headers);
  let closed = false;
  res.once('close', () => {
    closed = !res.writableFinished;
    stats.clientClosed = closed;
  });
  const write = async (buffer: Buffer) => {
    stats.bytesWritten += buffer.length;
    if (res.write(buffer)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        res.off('drain', done);
        res.off('close', done);
        resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    });
  };
  await write(head.subarray(0, Math.min(head.length, total)));
  while (!closed && !res.destroyed && stats.bytesWritten < total) {
    const left = total - stats.bytesWritten;
    await write(left >= chunk.length ? chunk : chunk.subarray(0, left));
  }
  if (!closed && !res.destroyed) {
    stats.finished = true;
    res.end();
  }
}

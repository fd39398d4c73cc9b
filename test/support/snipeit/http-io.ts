// Request and response plumbing shared by the routes: how Laravel reads input (query and body
// merged, strings trimmed, "" turned into null) and the envelopes Snipe-IT answers with.
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Messages } from './types.ts';
import type { Input } from './validation.ts';

export interface ApiRequest {
  method: string;
  /** Path below /api/v1, still percent-encoded ("/hardware/byserial/A%2FB"). */
  path: string;
  query: URLSearchParams;
  /** Query and body merged, body winning, normalised like Laravel's global middleware. */
  input: Input;
}

/** A complete answer, built before anything is written (so faults can swap or cut it). */
export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function json(status: number, value: unknown, headers: Record<string, string> = {}): ApiResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-cache, private', ...headers },
    body: JSON.stringify(value),
  };
}

/** Helper::formatStandardApiResponse: {status, messages, payload}; a falsy payload becomes null. */
export function standard(
  status: 'success' | 'error',
  payload: unknown,
  messages: string | Messages | number | null,
  httpStatus = 200,
): ApiResponse {
  return json(httpStatus, { status, messages, payload: payload ?? null });
}

/** Snipe-IT's validation failure: HTTP 200, status "error", messages = field → [messages]. */
export const invalid = (messages: Messages) => standard('error', null, messages);

/** ConvertEmptyStringsToNull runs before TrimStrings, so "" → null but "  " → "". */
function normalize(value: unknown): unknown {
  if (typeof value === 'string') return value === '' ? null : value.trim();
  if (Array.isArray(value)) return value.map(normalize);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, normalize(inner)]));
  return value;
}

/** PHP's query parsing: "model_id[]=1&model_id[]=2" is a list under "model_id". */
export function paramsToInput(params: URLSearchParams): Input {
  const out: Input = {};
  for (const [rawKey, value] of params) {
    if (rawKey.endsWith('[]')) {
      const key = rawKey.slice(0, -2);
      const list = Array.isArray(out[key]) ? (out[key] as unknown[]) : [];
      out[key] = [...list, value];
    } else out[rawKey] = value;
  }
  return normalize(out) as Input;
}

/** The body as Laravel sees it; `null` when a JSON body does not parse (Snipe-IT: 422 "Invalid JSON"). */
export function parseBody(contentType: string | undefined, raw: Buffer): Input | null {
  if (raw.length === 0) return {};
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const text = raw.toString('utf8');
  if (type === 'application/x-www-form-urlencoded') return paramsToInput(new URLSearchParams(text));
  if (type.endsWith('json') || type === '') {
    try {
      const parsed: unknown = JSON.parse(text);
      return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
        ? (normalize(parsed) as Input)
        : {};
    } catch {
      return type === '' ? {} : null;
    }
  }
  return {};
}

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Request::expectsJson: the first Accept type (by q) contains "/json" or "+json", or an
 * XMLHttpRequest that accepts anything. Without it Snipe-IT answers auth failures with a
 * redirect to its login page — Node's fetch sends "Accept: *\/*" unless told otherwise.
 */
export function expectsJson(headers: IncomingHttpHeaders): boolean {
  const types = (headers.accept ?? '')
    .split(',')
    .map((part, index) => {
      const [type = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { type: type.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((entry) => entry.type !== '')
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const first = types[0]?.type ?? '';
  if (first.includes('/json') || first.includes('+json')) return true;
  const ajax = headers['x-requested-with'] === 'XMLHttpRequest';
  return ajax && (first === '' || first === '*/*' || first === '*');
}

/** Snipe-IT's login page, as a proxy or a missing Accept header shows it to an API client. */
export const LOGIN_PAGE = `<!DOCTYPE html>
<html lang="en-US">
<head>
  <meta charset="utf-8">
  <title>Snipe-IT :: Login</title>
</head>
<body class="hold-transition login-page">
  <form role="form" action="/login" method="POST" autocomplete="off">
    <input type="hidden" name="_token" value="double-csrf-token">
    <label for="username">Username</label><input type="text" name="username" id="username">
    <label for="password">Password</label><input type="password" name="password" id="password">
    <button type="submit">Login</button>
  </form>
</body>
</html>
`;

export function html(status: number, body: string, headers: Record<string, string> = {}): ApiResponse {
  return { status, headers: { 'content-type': 'text/html; charset=UTF-8', ...headers }, body };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorCode, Result } from '../common/contract/index.ts';
import type { Dispatch } from '../core/contract-server/dispatcher.ts';

const MAX_BODY_BYTES = 1024 * 1024;

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalid_input: 400,
  unknown_request: 404,
  not_found: 404,
  conflict: 409,
  unauthorized: 401,
  unavailable: 503,
  internal: 500,
};

/** `POST /api/<request name>` with a JSON body: the contract for scripts and kiosks. */
export async function handleApiRequest(
  name: string,
  request: IncomingMessage,
  response: ServerResponse,
  dispatch: Dispatch,
) {
  if (request.method !== 'POST') {
    return sendJson(response, 405, failure('invalid_input', 'Use POST with a JSON body.'), { Allow: 'POST' });
  }
  let body: unknown;
  try {
    body = await readJsonBody(request);
  } catch (error) {
    return sendJson(
      response,
      400,
      failure('invalid_input', error instanceof Error ? error.message : 'Unreadable body.'),
    );
  }
  const result = await dispatch(name, body);
  sendJson(response, result.ok ? 200 : STATUS_BY_CODE[result.error.code], result);
}

async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error(`The body is larger than ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error('The body is not valid JSON.');
  }
}

function failure(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

export function sendJson(
  response: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
) {
  const body = JSON.stringify(value);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  });
  response.end(body);
}

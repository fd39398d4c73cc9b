// The small HTTP plumbing the Graph double's two servers share.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface DoubleRequest {
  /** Which of the double's servers got it. */
  host: 'login' | 'graph';
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface DoubleReply {
  status: number;
  headers?: Record<string, string>;
  /** Sent as JSON unless a string. */
  body?: unknown;
}

export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export function send(response: ServerResponse, reply: DoubleReply): void {
  const isText = typeof reply.body === 'string';
  const text = reply.body === undefined ? '' : isText ? (reply.body as string) : JSON.stringify(reply.body);
  response.writeHead(reply.status, {
    ...(reply.body === undefined
      ? {}
      : { 'content-type': isText ? 'text/plain' : 'application/json; odata.metadata=minimal' }),
    ...reply.headers,
  });
  response.end(text);
}

/**
 * Graph's error body (learn.microsoft.com/graph/errors): { error: { code, message, innerError } },
 * with the request id and date Graph puts in innerError.
 */
export function graphError(status: number, code: string, message: string): DoubleReply {
  return {
    status,
    body: {
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString().slice(0, 19),
          'request-id': randomUUID(),
          'client-request-id': randomUUID(),
        },
      },
    },
  };
}

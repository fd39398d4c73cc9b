/**
 * Why a sync request failed, in words a technician can act on, and what the worker does next.
 * `scope: 'connector'` means the system as a whole is unreachable or refusing (every item
 * would fail the same way): the worker backs the connector off and tries one item at a time.
 * `scope: 'item'` means this change was refused: it is retried with backoff and, after the
 * connector's attempt limit, becomes a dead letter.
 */
export const SYNC_ERROR_CODES = [
  'network', // refused, reset, DNS: the server is down or the depot is offline
  'timeout',
  'throttled', // 429; retryAfterMs says when
  'server', // 5xx
  'auth', // 401/403: wrong or expired token
  'credentials', // the secret is not set on this station
  'tls', // expired, self-signed or wrong-host certificate
  'redirect', // never followed
  'bad_response', // HTML instead of JSON, truncated JSON, a shape we do not understand
  'too_large', // a body over the limit
  'rejected', // the system refused this change (validation), e.g. Snipe-IT's 200 + "status":"error"
] as const;
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];

const CONNECTOR_SCOPE: ReadonlySet<SyncErrorCode> = new Set([
  'network',
  'timeout',
  'throttled',
  'server',
  'auth',
  'credentials',
  'tls',
  'redirect',
]);

export class SyncError extends Error {
  readonly code: SyncErrorCode;
  readonly scope: 'connector' | 'item';
  /** Only a person can fix it (token, certificate, mapping): retrying on a timer will not help. */
  readonly needsPerson: boolean;
  readonly retryAfterMs: number | undefined;
  readonly status: number | undefined;

  constructor(
    code: SyncErrorCode,
    message: string,
    options: { retryAfterMs?: number; status?: number; cause?: unknown; scope?: 'connector' | 'item' } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SyncError';
    this.code = code;
    this.scope = options.scope ?? (CONNECTOR_SCOPE.has(code) ? 'connector' : 'item');
    this.needsPerson = code === 'auth' || code === 'credentials' || code === 'tls' || code === 'redirect';
    this.retryAfterMs = options.retryAfterMs;
    this.status = options.status;
  }
}

/** Any thrown value as a SyncError: a connector's own bug counts against the item, not the connector. */
export function asSyncError(error: unknown): SyncError {
  if (error instanceof SyncError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new SyncError('bad_response', message, { cause: error });
}

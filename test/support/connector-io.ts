// A SyncIo for connector tests: a real SyncHttp on the test server's origin, secrets from a
// plain object, a clock the test can move.
import type { SyncIo } from '../../electron/core/sync/connector.ts';
import { SyncHttp } from '../../electron/core/sync/http/sync-http.ts';

export interface TestIo extends SyncIo {
  /** Moves the clock the connector sees. */
  advance(ms: number): void;
}

export function testIo(
  baseUrl: string,
  secrets: Record<string, string> = {},
  options: { start?: Date; timeoutMs?: number } = {},
): TestIo {
  let now = options.start?.getTime() ?? Date.now();
  return {
    // A high rate: tests measure behaviour, not the token bucket.
    http: new SyncHttp({ baseUrl, ratePerMinute: 60_000, timeoutMs: options.timeoutMs ?? 5_000 }),
    secret: (name) => secrets[name],
    signal: new AbortController().signal,
    now: () => new Date(now),
    advance: (ms) => {
      now += ms;
    },
  };
}

/**
 * Exponential backoff with jitter: attempt n waits a random time between half and all of
 * base·2^(n-1), capped. The jitter keeps stations (and items) that failed together from
 * retrying together.
 */
export function backoffMs(
  attempt: number,
  options: { baseMs: number; capMs: number; random?: () => number },
): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** exponent);
  const random = options.random ?? Math.random;
  return Math.round(ceiling * (0.5 + random() / 2));
}

/** Per item: 2 s, 4 s, 8 s … up to 10 minutes. */
export const ITEM_BACKOFF = { baseMs: 2_000, capMs: 10 * 60_000 };
/** For the whole connector while its system is down: 1 s … 30 s, so a server back after a minute is found within half a minute. */
export const CONNECTOR_BACKOFF = { baseMs: 1_000, capMs: 30_000 };

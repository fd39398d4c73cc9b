/**
 * A token bucket per connector: `ratePerMinute` tokens a minute, at most `burst` saved up.
 * Servers such as Snipe-IT count requests in fixed one-minute windows (Laravel's throttle);
 * spacing requests evenly at just under the limit uses the allowance without tripping it,
 * where a burst at the start of each window would.
 */
export class TokenBucket {
  readonly #intervalMs: number;
  readonly #burst: number;
  readonly #now: () => number;
  #tokens: number;
  /** When #tokens was last brought up to date; in the future while a pause lasts. */
  #updatedAt: number;
  #pausedUntil = 0;

  constructor(ratePerMinute: number, options: { burst?: number; now?: () => number } = {}) {
    // A rate of 0 or NaN would make every wait Infinity/NaN, which setTimeout runs after 1 ms:
    // a busy loop instead of a limit.
    if (!Number.isFinite(ratePerMinute) || ratePerMinute <= 0) {
      throw new RangeError(`ratePerMinute must be a positive number (got ${ratePerMinute})`);
    }
    this.#intervalMs = 60_000 / ratePerMinute;
    this.#burst = Math.max(1, Math.floor(options.burst ?? 1));
    // A monotonic clock: with Date.now, setting the station clock back an hour would stall
    // every connector for that hour (the bucket would wait for "now" to catch up).
    this.#now = options.now ?? (() => performance.now());
    this.#tokens = this.#burst;
    this.#updatedAt = this.#now();
  }

  /** Milliseconds until a token is available (0: take one now with `take`). */
  waitMs(): number {
    const now = this.#now();
    this.#refill(now);
    const paused = Math.max(0, this.#pausedUntil - now);
    if (this.#tokens >= 1 && paused === 0) return 0;
    // Tokens only start coming back at #updatedAt (the end of a pause), so the wait is the
    // rest of the pause plus the time to earn the missing part of a token.
    const refillFrom = Math.max(now, this.#updatedAt);
    const earn = this.#tokens >= 1 ? 0 : (1 - this.#tokens) * this.#intervalMs;
    return Math.max(paused, Math.ceil(refillFrom - now + earn));
  }

  /** Takes a token; call only when waitMs() is 0. */
  take(): void {
    this.#refill(this.#now());
    this.#tokens -= 1;
  }

  /** The server said 429 with Retry-After: no request before then, and start again from empty. */
  pauseFor(ms: number): void {
    if (!(ms > 0)) return;
    const now = this.#now();
    const until = Math.max(this.#pausedUntil, now + ms);
    this.#pausedUntil = until;
    this.#tokens = 0;
    this.#updatedAt = until;
  }

  /** Resolves when a token is free and takes it; rejects when the signal aborts. */
  async acquire(signal: AbortSignal): Promise<void> {
    for (;;) {
      signal.throwIfAborted();
      const wait = this.waitMs();
      if (wait === 0) {
        this.take();
        return;
      }
      // setTimeout fires after 1 ms for anything over 2^31-1 ms (a Retry-After of a month):
      // sleep in pieces and look again.
      await sleep(Math.min(wait, MAX_TIMER_MS), signal);
    }
  }

  #refill(now: number): void {
    if (now <= this.#updatedAt) return;
    this.#tokens = Math.min(this.#burst, this.#tokens + (now - this.#updatedAt) / this.#intervalMs);
    this.#updatedAt = now;
  }
}

const MAX_TIMER_MS = 2 ** 31 - 1;

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

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
  #updatedAt: number;
  #pausedUntil = 0;

  constructor(ratePerMinute: number, options: { burst?: number; now?: () => number } = {}) {
    this.#intervalMs = 60_000 / ratePerMinute;
    this.#burst = Math.max(1, options.burst ?? 1);
    this.#now = options.now ?? Date.now;
    this.#tokens = this.#burst;
    this.#updatedAt = this.#now();
  }

  /** Milliseconds until a token is available (0: take one now with `take`). */
  waitMs(): number {
    const now = this.#now();
    this.#refill(now);
    const paused = Math.max(0, this.#pausedUntil - now);
    if (this.#tokens >= 1) return paused;
    return Math.max(paused, Math.ceil((1 - this.#tokens) * this.#intervalMs));
  }

  /** Takes a token; call only when waitMs() is 0. */
  take(): void {
    this.#refill(this.#now());
    this.#tokens -= 1;
  }

  /** The server said 429 with Retry-After: no request before then, and start again from empty. */
  pauseFor(ms: number): void {
    const now = this.#now();
    this.#pausedUntil = Math.max(this.#pausedUntil, now + ms);
    this.#tokens = 0;
    this.#updatedAt = now + ms;
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
      await sleep(wait, signal);
    }
  }

  #refill(now: number): void {
    if (now <= this.#updatedAt) return;
    this.#tokens = Math.min(this.#burst, this.#tokens + (now - this.#updatedAt) / this.#intervalMs);
    this.#updatedAt = now;
  }
}

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

// Laravel's `throttle:api` limiter as Snipe-IT configures it (RouteServiceProvider:
// Limit::perMinute(API_THROTTLE_PER_MINUTE), default 120). Illuminate\Cache\RateLimiter keeps a
// counter and a timer per key, both created by the first hit of a window and expiring 60 s
// later: a fixed window that starts at the first request, not at the top of the minute.
// Refused requests do not count. Time is read from the double's clock, in whole seconds like
// Laravel's, so tests can move past a window without waiting.

const DECAY_SECONDS = 60;

interface Window {
  hits: number;
  /** Unix seconds when the window (and Laravel's ":timer" cache entry) ends. */
  resetAt: number;
}

export type ThrottleDecision =
  | { allowed: true; limit: number; remaining: number }
  | { allowed: false; limit: number; retryAfter: number; resetAt: number };

export class FixedWindowThrottle {
  #limit: number;
  readonly #clock: () => number;
  readonly #windows = new Map<string, Window>();

  /** `perMinute` 0 turns throttling off. */
  constructor(perMinute: number, clock: () => number) {
    this.#limit = perMinute;
    this.#clock = clock;
  }

  get limit(): number {
    return this.#limit;
  }

  setLimit(perMinute: number): void {
    this.#limit = perMinute;
  }

  reset(): void {
    this.#windows.clear();
  }

  /** Counts one request for `key` unless it is over the limit; null when throttling is off. */
  hit(key: string): ThrottleDecision | null {
    if (this.#limit <= 0) return null;
    const now = Math.floor(this.#clock() / 1000);
    let window = this.#windows.get(key);
    if (window && now >= window.resetAt) window = undefined;
    if (window && window.hits >= this.#limit)
      return {
        allowed: false,
        limit: this.#limit,
        retryAfter: Math.max(0, window.resetAt - now),
        resetAt: window.resetAt,
      };
    if (!window) {
      window = { hits: 0, resetAt: now + DECAY_SECONDS };
      this.#windows.set(key, window);
    }
    window.hits += 1;
    return { allowed: true, limit: this.#limit, remaining: Math.max(0, this.#limit - window.hits) };
  }
}

/**
 * Gathers changes and hands them on at most once per `intervalMs`, so 64 phones updating at
 * once cost the renderer a few renders a second, not one per change.
 */
export class BatchedEmitter<K, V> {
  readonly #pending = new Map<K, V>();
  readonly #intervalMs: number;
  readonly #flush: (values: V[]) => void;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(intervalMs: number, flush: (values: V[]) => void) {
    this.#intervalMs = intervalMs;
    this.#flush = flush;
  }

  /** The latest value per key wins within one interval. */
  push(key: K, value: V): void {
    if (this.#closed) return;
    this.#pending.set(key, value);
    this.#timer ??= setTimeout(() => this.flushNow(), this.#intervalMs);
  }

  flushNow(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending.size === 0) return;
    const values = [...this.#pending.values()];
    this.#pending.clear();
    this.#flush(values);
  }

  /** Delivers what is pending and ignores anything pushed afterwards (the core is stopping). */
  close(): void {
    this.flushNow();
    this.#closed = true;
  }
}

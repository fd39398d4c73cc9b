/**
 * Lets staging sleep until a device list changes: each waiter wakes at the next change, after
 * its timeout, or when its job is cancelled, whichever comes first.
 */
export class ChangeSignal {
  readonly #waiters = new Set<() => void>();

  next(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.#waiters.delete(wake);
        signal.removeEventListener('abort', wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.#waiters.add(wake);
      signal.addEventListener('abort', wake, { once: true });
    });
  }

  notify(): void {
    for (const wake of [...this.#waiters]) wake();
  }
}

// When to restart the core after it dies. Pure, so the backoff is unit-tested: a crash
// loop (a corrupt file, a bad driver) must not spin a CPU, yet a core that ran fine for a
// while and then crashed once comes straight back.

export interface RestartPolicyOptions {
  /** First delay after a crash. */
  baseMs?: number;
  /** The delay never grows beyond this. */
  maxMs?: number;
  /** A core that ran this long before dying counts as healthy: the backoff starts over. */
  stableMs?: number;
}

export interface RestartPolicy {
  /** Call when a core process starts. */
  started(now: number): void;
  /** Call when it exits unexpectedly; returns how long to wait before the next start. */
  nextDelay(now: number): number;
}

export function createRestartPolicy({
  baseMs = 500,
  maxMs = 30_000,
  stableMs = 60_000,
}: RestartPolicyOptions = {}): RestartPolicy {
  let startedAt = 0;
  let failures = 0;
  return {
    started(now) {
      startedAt = now;
    },
    nextDelay(now) {
      failures = now - startedAt >= stableMs ? 1 : failures + 1;
      return Math.min(maxMs, baseMs * 2 ** (failures - 1));
    },
  };
}

// How long things take on a virtual phone. 'fast' keeps tests quick while keeping every
// transition asynchronous (so ordering bugs still show); 'realistic' uses figures close to
// mid-range phones so benchmarks measure something meaningful.
import type { LatencyModel } from '../virtual-device-api.ts';

export interface LatencyProfile {
  /** From "reboot" until adbd is back and sys.boot_completed=1. */
  bootMs: number;
  /** Extra time a factory reset spends wiping before the boot starts. */
  wipeMs: number;
  /** Fixed part of an install (parsing, dexopt of a tiny app, broadcasts). */
  installBaseMs: number;
  /** Install throughput: bytes verified and copied per millisecond. */
  installBytesPerMs: number;
  /** Typical cost of a shell command that talks to system_server (pm, dumpsys, settings). */
  binderCallMs: number;
}

const PROFILES: Record<LatencyModel, LatencyProfile> = {
  fast: { bootMs: 20, wipeMs: 5, installBaseMs: 1, installBytesPerMs: 1e9, binderCallMs: 0 },
  realistic: {
    bootMs: 28_000,
    wipeMs: 12_000,
    installBaseMs: 1_500,
    installBytesPerMs: 25_000,
    binderCallMs: 40,
  },
};

export class Latency {
  private readonly profile: LatencyProfile;
  private slowdown = 1;

  constructor(model: LatencyModel) {
    this.profile = PROFILES[model];
  }

  setSlowdown(factor: number): void {
    if (!(factor > 0) || !Number.isFinite(factor))
      throw new RangeError(`slowdown must be a positive number, got ${factor}`);
    this.slowdown = factor;
  }

  bootMs(): number {
    return this.profile.bootMs * this.slowdown;
  }

  wipeMs(): number {
    return this.profile.wipeMs * this.slowdown;
  }

  installMs(sizeBytes: number): number {
    return (this.profile.installBaseMs + sizeBytes / this.profile.installBytesPerMs) * this.slowdown;
  }

  binderCallMs(): number {
    return this.profile.binderCallMs * this.slowdown;
  }
}

/** Resolves after ms; rejects with the signal's reason when aborted first. Zero still yields. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

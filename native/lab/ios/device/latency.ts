// How long things take on a simulated iPhone. Same two models as the Android lab: 'fast'
// keeps every transition asynchronous but instant (tests), 'realistic' uses figures close to
// a current iPhone on a USB 2 cable so benchmarks measure something meaningful.
import type { LatencyModel } from '../../adb/virtual-device-api.ts';

export type { LatencyModel };

export interface IosLatencyProfile {
  /** From a restart until the device is back on usbmuxd. */
  bootMs: number;
  /** Extra time "Erase All Content and Settings" spends before the boot. */
  eraseMs: number;
  /** One lockdownd request answered outside any heavy work. */
  commandMs: number;
  /** Pair: the device checks certificates and writes its escrow bag. */
  pairMs: number;
  /** Fixed part of an app install (unpacking, code signature check, registration). */
  installBaseMs: number;
  /** Install throughput once the IPA is on the device (bytes per ms). */
  installBytesPerMs: number;
  /** Installing or removing one configuration profile. */
  profileMs: number;
  /** USB 2 as iPhones really use it: ~35 MB/s of payload (bytes per ms). */
  transferBytesPerMs: number;
}

const PROFILES: Record<LatencyModel, IosLatencyProfile> = {
  fast: {
    bootMs: 20,
    eraseMs: 5,
    commandMs: 0,
    pairMs: 0,
    installBaseMs: 0,
    installBytesPerMs: Number.POSITIVE_INFINITY,
    profileMs: 0,
    transferBytesPerMs: Number.POSITIVE_INFINITY,
  },
  realistic: {
    bootMs: 32_000,
    eraseMs: 45_000,
    commandMs: 4,
    pairMs: 250,
    installBaseMs: 2_000,
    installBytesPerMs: 20_000,
    profileMs: 600,
    transferBytesPerMs: 35_000,
  },
};

export type DelayKind = 'command' | 'pair' | 'install' | 'profile' | 'transfer';

export class IosLatency {
  readonly #profile: IosLatencyProfile;

  constructor(model: LatencyModel) {
    this.#profile = PROFILES[model];
  }

  bootMs(): number {
    return this.#profile.bootMs;
  }

  eraseMs(): number {
    return this.#profile.eraseMs;
  }

  /** How long `kind` of work on `bytes` takes. */
  ms(kind: DelayKind, bytes = 0): number {
    const p = this.#profile;
    switch (kind) {
      case 'command':
        return p.commandMs;
      case 'pair':
        return p.pairMs;
      case 'install':
        return p.installBaseMs + bytes / p.installBytesPerMs;
      case 'profile':
        return p.profileMs;
      case 'transfer':
        return bytes / p.transferBytesPerMs;
    }
  }

  /** Waits `ms(kind, bytes)`; zero still yields once so ordering bugs show in tests. */
  wait(kind: DelayKind, bytes = 0): Promise<void> {
    const ms = this.ms(kind, bytes);
    return new Promise((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)));
  }
}

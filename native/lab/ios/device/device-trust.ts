// Whom a simulated iPhone trusts: its own key, the hosts it has paired with (and the TLS
// identity it serves each of them), and the user's answer to "Trust This Computer?". An
// erase forgets all of it, key included, as on a real device.
import { randomBytes } from 'node:crypto';
import type { SecureContext } from 'node:tls';
import type { Pairing, PairRefusal } from '../lockdownd/lockdown-device.ts';
import type { PairRecordInput } from '../lockdownd/pairing.ts';
import { deviceSecureContext } from '../lockdownd/tls-channel.ts';
import { LazyDeviceKeys, type DeviceKeyPair } from './device-keys.ts';
import { TrustPrompt, type TrustState } from './trust-prompt.ts';

export class DeviceTrust {
  readonly #prompt: TrustPrompt;
  readonly #keys = new LazyDeviceKeys();
  readonly #pairings = new Map<string, Pairing>();
  readonly #contexts = new WeakMap<Pairing, Promise<SecureContext>>();

  /** See TrustPrompt: undefined waits for accept(), 0 trusts without a prompt, n accepts after n ms. */
  constructor(acceptTrustAfterMs: number | undefined) {
    this.#prompt = new TrustPrompt(acceptTrustAfterMs);
  }

  get state(): TrustState {
    return this.#prompt.state;
  }

  get hostIds(): string[] {
    return [...this.#pairings.keys()];
  }

  keys(): Promise<DeviceKeyPair> {
    return this.#keys.get();
  }

  pairing(hostId: string): Pairing | undefined {
    return this.#pairings.get(hostId);
  }

  unpair(hostId: string): boolean {
    return this.#pairings.delete(hostId);
  }

  /**
   * A verified Pair request. At the Hello screen there is nobody to ask, so hosts pair
   * without a prompt (that is how Configurator-style tools prepare devices); a host already
   * paired re-pairs silently; otherwise the user decides, and a locked device cannot ask.
   */
  pair(
    record: PairRecordInput,
    device: { setupDone: boolean; locked: boolean },
  ): { pairing: Pairing } | { refused: PairRefusal } {
    if (device.setupDone && !this.#pairings.has(record.hostId)) {
      if (device.locked && this.#prompt.state !== 'trusted') return { refused: 'PasswordProtected' };
      const answer = this.#prompt.ask();
      if (answer === 'pending') return { refused: 'PairingDialogResponsePending' };
      if (answer === 'denied') return { refused: 'UserDeniedPairing' };
    }
    const pairing: Pairing = { ...record, escrowBag: randomBytes(32), pairedAt: new Date() };
    this.#pairings.set(record.hostId, pairing);
    return { pairing };
  }

  accept(): void {
    this.#prompt.accept();
  }

  deny(): void {
    this.#prompt.deny();
  }

  /** The device serves a host's session with the DeviceCertificate that host made. */
  secureContext(pairing: Pairing): Promise<SecureContext> {
    let context = this.#contexts.get(pairing);
    if (context === undefined) {
      context = this.#keys.get().then((keys) =>
        deviceSecureContext({
          privateKeyPem: keys.privateKeyPem,
          certificatePem: pairing.deviceCertificatePem,
        }),
      );
      this.#contexts.set(pairing, context);
    }
    return context;
  }

  /** Erase: no pairings, the prompt as it was at first, and a new key on next use. */
  reset(): void {
    this.#pairings.clear();
    this.#prompt.reset();
    this.#keys.reset();
  }

  dispose(): void {
    this.#prompt.dispose();
  }
}

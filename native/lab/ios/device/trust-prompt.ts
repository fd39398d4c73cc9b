// "Trust This Computer?": the prompt an iPhone shows when a host first asks to pair. Until
// the user answers, Pair is refused with PairingDialogResponsePending (hosts retry); "Don't
// Trust" refuses the next attempt with UserDeniedPairing and the prompt comes back after.
// The lab's user answers after a set delay, or when the control API says so.

export type TrustState = 'untrusted' | 'prompting' | 'trusted' | 'denied';

export class TrustPrompt {
  /** undefined: wait for accept(); 0: hosts are trusted without a prompt; n: accepted n ms after it shows. */
  readonly #acceptAfterMs: number | undefined;
  #state: TrustState;
  #timer: NodeJS.Timeout | undefined;

  constructor(acceptAfterMs: number | undefined) {
    this.#acceptAfterMs = acceptAfterMs;
    this.#state = this.#initial();
  }

  get state(): TrustState {
    return this.#state;
  }

  /** A host asks to pair. 'trusted': go ahead; otherwise what the prompt says for now. */
  ask(): 'trusted' | 'pending' | 'denied' {
    switch (this.#state) {
      case 'trusted':
        return 'trusted';
      case 'denied':
        this.#state = 'untrusted';
        return 'denied';
      case 'untrusted':
        this.#state = 'prompting';
        if (this.#acceptAfterMs !== undefined) {
          this.#timer = setTimeout(() => this.accept(), this.#acceptAfterMs);
          this.#timer.unref();
        }
        return 'pending';
      case 'prompting':
        return 'pending';
    }
  }

  /** The user taps Trust (also ahead of any prompt: the next host pairs at once). */
  accept(): void {
    clearTimeout(this.#timer);
    this.#state = 'trusted';
  }

  /** The user taps Don't Trust: the next Pair gets UserDeniedPairing. */
  deny(): void {
    clearTimeout(this.#timer);
    this.#state = 'denied';
  }

  /** An erase forgets the user's answer. */
  reset(): void {
    clearTimeout(this.#timer);
    this.#state = this.#initial();
  }

  dispose(): void {
    clearTimeout(this.#timer);
  }

  #initial(): TrustState {
    return this.#acceptAfterMs === 0 ? 'trusted' : 'untrusted';
  }
}

// PackageManagerService installs one package at a time: the install itself (verification,
// dexopt, the package table) runs under mInstallLock on one handler thread, so a second
// commit on the same phone waits for the first. Streaming bytes into a session
// (`install-write`) takes no such lock: a phone takes the next app's upload while it installs
// the previous one.
export class InstallLock {
  #tail: Promise<void> = Promise.resolve();

  /** Runs `work` once every install that asked before has finished (or failed). */
  async hold<T>(work: () => Promise<T>): Promise<T> {
    const before = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((resolve) => (release = resolve));
    try {
      await before;
      return await work();
    } finally {
      release();
    }
  }
}

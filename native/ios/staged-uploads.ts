// IPAs uploaded ahead of their install (the driver's prestageApp): staging starts the app's AFC
// upload once preflight has passed, while the configuration profiles before it install over
// their own connections, and installApp later finds the package on the device. This is only the
// bookkeeping of that hand-over, kept out of usbmux-ios-driver.ts so the driver stays about
// talking to the device: one upload per IPA path, installApp taking it over (waiting for it
// while it still runs, following its progress), and the job's end dropping one never installed.

/** A package on the device, in /PublicStaging, and how to get rid of it. */
export interface UploadedPackage {
  remotePath: string;
  /** Removes the package (a no-op once installd moved it) and closes its connection; never throws. */
  remove(): Promise<void>;
}

export type UploadProgress = (written: number, total: number) => void;

interface Entry {
  uploaded: Promise<UploadedPackage>;
  /** What `prestageApp` returned, so a second call returns the very same promise. */
  settled: Promise<void>;
  written: number;
  total: number;
  listeners: Set<UploadProgress>;
}

/** An upload installApp has taken over: wait for it, and follow its progress meanwhile. */
export interface TakenUpload {
  uploaded: Promise<UploadedPackage>;
  /** Calls `listener` with the progress so far, then on every change; returns how to stop. */
  follow(listener: UploadProgress): () => void;
}

export class StagedUploads {
  readonly #entries = new Map<string, Entry>();
  /** Packages a failed upload left on the device (its connection died before it could remove them). */
  readonly #leftBehind = new Set<string>();

  /** A remote path to remove once a connection to the device is open again. */
  leftBehind(remotePath: string): void {
    this.#leftBehind.add(remotePath);
  }

  /** The remote paths left behind so far, now the caller's to remove. */
  takeLeftBehind(): string[] {
    const paths = [...this.#leftBehind];
    this.#leftBehind.clear();
    return paths;
  }

  /** Starts `upload` for `ipaPath` unless one was started already (then its promise again). */
  start(ipaPath: string, upload: (onProgress: UploadProgress) => Promise<UploadedPackage>): Promise<void> {
    const existing = this.#entries.get(ipaPath);
    if (existing) return existing.settled;
    const listeners = new Set<UploadProgress>();
    const entry: Entry = {
      uploaded: Promise.resolve({ remotePath: '', remove: () => Promise.resolve() }),
      settled: Promise.resolve(),
      written: 0,
      total: 0,
      listeners,
    };
    entry.uploaded = upload((written, total) => {
      entry.written = written;
      entry.total = total;
      for (const listener of listeners) listener(written, total);
    });
    entry.settled = entry.uploaded.then(() => undefined);
    // Whoever takes or discards the entry handles its failure; no unhandled rejection meanwhile.
    entry.uploaded.catch(() => undefined);
    this.#entries.set(ipaPath, entry);
    return entry.settled;
  }

  /** The upload started for `ipaPath`, now the caller's (it installs, then removes the package). */
  take(ipaPath: string): TakenUpload | undefined {
    const entry = this.#entries.get(ipaPath);
    if (!entry) return undefined;
    this.#entries.delete(ipaPath);
    return {
      uploaded: entry.uploaded,
      follow(listener) {
        if (entry.total > 0 || entry.written > 0) listener(entry.written, entry.total);
        entry.listeners.add(listener);
        return () => entry.listeners.delete(listener);
      },
    };
  }

  /** Removes every package uploaded and not taken (waiting for uploads still running); best effort. */
  async discard(): Promise<void> {
    const entries = [...this.#entries.values()];
    this.#entries.clear();
    await Promise.all(
      entries.map((entry) =>
        entry.uploaded.then(
          (uploaded) => uploaded.remove(),
          () => undefined,
        ),
      ),
    );
  }

  /** Forgets every upload without touching the device (it was erased: the packages are gone). */
  forget(): void {
    this.#entries.clear();
    this.#leftBehind.clear();
  }
}

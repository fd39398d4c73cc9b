// Apps uploaded ahead of their install. iOS: the driver's prestageApp starts an IPA's AFC upload
// to /PublicStaging while the configuration profiles before it install, and installApp later
// finds the package there. Android: stageInstall streams an APK into a PackageInstaller session
// while the phone installs the app before it, and install commits that session.
// This is only the bookkeeping of that hand-over, kept out of the drivers so they stay about
// talking to the device: one upload per local path, the install taking it over (waiting for it
// while it still runs, following its progress), and the job's end dropping one never installed.

/** What an upload left on the device, and how to get rid of it. */
export interface UploadedPackage {
  /** Removes what the upload left on the device (a no-op once it was installed); never throws. */
  remove(): Promise<void>;
}

export type UploadProgress = (written: number, total: number) => void;

interface Entry<P extends UploadedPackage> {
  uploaded: Promise<P>;
  /** What `prestageApp` returned, so a second call returns the very same promise. */
  settled: Promise<void>;
  written: number;
  total: number;
  listeners: Set<UploadProgress>;
}

/** An upload installApp has taken over: wait for it, and follow its progress meanwhile. */
export interface TakenUpload<P extends UploadedPackage> {
  uploaded: Promise<P>;
  /** Calls `listener` with the progress so far, then on every change; returns how to stop. */
  follow(listener: UploadProgress): () => void;
}

/**
 * P: an upload's package on the device (an IPA's remote path, an install session's id).
 * Left: what names a package left behind, to remove once a connection is open again.
 */
export class StagedUploads<P extends UploadedPackage, Left = string> {
  readonly #entries = new Map<string, Entry<P>>();
  /** Packages a failed upload left on the device (its connection died before it could remove them). */
  readonly #leftBehind = new Set<Left>();

  /** A package to remove once a connection to the device is open again. */
  leftBehind(left: Left): void {
    this.#leftBehind.add(left);
  }

  /** The packages left behind so far, now the caller's to remove. */
  takeLeftBehind(): Left[] {
    const paths = [...this.#leftBehind];
    this.#leftBehind.clear();
    return paths;
  }

  /** Starts `upload` for `localPath` unless one was started already (then its promise again). */
  start(localPath: string, upload: (onProgress: UploadProgress) => Promise<P>): Promise<void> {
    const existing = this.#entries.get(localPath);
    if (existing) return existing.settled;
    const listeners = new Set<UploadProgress>();
    const entry: Entry<P> = {
      uploaded: new Promise<P>(() => undefined),
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
    this.#entries.set(localPath, entry);
    return entry.settled;
  }

  /** Whether an upload of `localPath` was started and not yet taken or discarded. */
  has(localPath: string): boolean {
    return this.#entries.has(localPath);
  }

  /** The upload started for `localPath`, now the caller's (it installs, then removes the package). */
  take(localPath: string): TakenUpload<P> | undefined {
    const entry = this.#entries.get(localPath);
    if (!entry) return undefined;
    this.#entries.delete(localPath);
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

// Uploads in progress, by size, so that phones receiving the same APK at the same time compare
// their chunks with the first one's instead of each keeping all of its own. A batch sends the
// same APKs to every phone nearly in step: before this, every phone that began an APK before
// the first had finished it kept (and joined) a full copy. A console that kept its phones more
// in step made the one lab process do more copying and collecting, for no reason a real phone
// would have: each phone's cost must not depend on when its neighbours receive the same bytes.

/** One upload's bytes as they arrive, readable by others at any offset it has reached. */
export class GrowingUpload {
  readonly size: number;
  readonly #pieces: Buffer[] = [];
  /** Where each piece starts in the upload. */
  readonly #starts: number[] = [];
  #received = 0;
  /** The whole upload as the lab keeps it, once it is complete. */
  final: Buffer | undefined;
  /** It ended before it was complete (a yanked cable): it will not grow any more. */
  abandoned = false;

  constructor(size: number) {
    this.size = size;
  }

  get received(): number {
    return this.#received;
  }

  get pieces(): readonly Buffer[] {
    return this.#pieces;
  }

  add(piece: Buffer): void {
    this.#starts.push(this.#received);
    this.#pieces.push(piece);
    this.#received += piece.length;
  }

  /** Whether `piece` equals this upload's bytes from `offset` (which it must have received). */
  equalsAt(offset: number, piece: Buffer): boolean {
    let index = this.#pieceAt(offset);
    let at = offset;
    let checked = 0;
    while (checked < piece.length) {
      const own = this.#pieces[index]!;
      const from = at - this.#starts[index]!;
      const length = Math.min(own.length - from, piece.length - checked);
      if (!own.subarray(from, from + length).equals(piece.subarray(checked, checked + length))) return false;
      checked += length;
      at += length;
      index += 1;
    }
    return true;
  }

  /** A copy of the first `length` bytes (which it must have received). */
  prefix(length: number): Buffer {
    return Buffer.concat(this.#pieces, length);
  }

  #pieceAt(offset: number): number {
    let low = 0;
    let high = this.#starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.#starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }
}

/** The uploads in progress that others may follow: at most one per size. */
export class GrowingUploads {
  readonly #bySize = new Map<number, GrowingUpload>();

  leaderFor(size: number): GrowingUpload | undefined {
    return this.#bySize.get(size);
  }

  /** A new upload of `size` that others may follow until it is finished. */
  lead(size: number): GrowingUpload {
    const upload = new GrowingUpload(size);
    if (!this.#bySize.has(size)) this.#bySize.set(size, upload);
    return upload;
  }

  finish(upload: GrowingUpload): void {
    if (upload.final === undefined) upload.abandoned = true;
    if (this.#bySize.get(upload.size) === upload) this.#bySize.delete(upload.size);
  }
}

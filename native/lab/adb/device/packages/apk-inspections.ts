// What the lab's package managers learnt from APKs they parsed, shared by every phone of the
// lab process. Inspecting an APK (zip layout, manifest, v2 and v3 signatures, each checked
// against a SHA-256 content digest of the whole file) costs about 10 ms of CPU per MB; a batch
// stages the same few APKs on every phone, and real phones each do that work on their own
// CPU, so repeating it for each phone in the one lab process was most of the lab's cost per
// phone staged. An inspection is remembered together with the exact bytes it was made on: a
// later APK gets the remembered answer only if it is byte-for-byte the same (a memcmp, not a
// hash), so a corrupted or tampered upload is still inspected, and refused, on its own.
import { readApkInfo, type ApkInfo } from '../../../../apk/index.ts';
import { GrowingUploads, type GrowingUpload } from './growing-uploads.ts';

export interface InspectionLimits {
  /** Bytes of APKs kept (least recently used go first); a bigger APK is inspected but not kept. */
  maxBytes: number;
  maxEntries: number;
}

interface Entry {
  /** The lab's own copy, or an upload's joined bytes that only the lab holds: never modified. */
  bytes: Buffer;
  /** Started by the first inspect(): an upload is remembered before anyone asks. */
  info: Promise<ApkInfo> | undefined;
}

export class ApkInspections {
  readonly #limits: InspectionLimits;
  /** Uploads its phones are receiving now, which others of the same size may follow. */
  readonly uploads = new GrowingUploads();
  /** In least-recently-used-first order. */
  readonly #entries = new Set<Entry>();
  #bytes = 0;

  constructor(limits: InspectionLimits = { maxBytes: 256 * 1024 * 1024, maxEntries: 16 }) {
    this.#limits = limits;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The APKs of exactly this size the lab holds: what an upload of that size may turn out to be. */
  sameSize(size: number): Buffer[] {
    return [...this.#entries].filter((entry) => entry.bytes.length === size).map((entry) => entry.bytes);
  }

  /**
   * readApkInfo(apk), or the answer for identical bytes inspected before (or being inspected
   * now, for phones that finish uploading the same APK together). Each caller gets its own copy
   * of the answer: the package tables of different phones must not share arrays.
   */
  async inspect(apk: Buffer): Promise<ApkInfo> {
    // A copy to keep: the caller's buffer may be a view of memory that is reused or written.
    const entry = this.#find(apk) ?? this.#add(this.#keeps(apk) ? Buffer.from(apk) : apk);
    entry.info ??= this.#start(entry);
    return structuredClone(await entry.info);
  }

  /**
   * Keeps `bytes` (which the caller owns and will never modify) as a candidate for later
   * uploads of its size, inspected on first use; returns the Buffer kept for those bytes.
   */
  remember(bytes: Buffer): Buffer {
    return (this.#find(bytes) ?? this.#add(bytes)).bytes;
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  #find(apk: Buffer): Entry | undefined {
    for (const entry of this.#entries) {
      if (entry.bytes.length !== apk.length) continue;
      if (entry.bytes !== apk && !entry.bytes.equals(apk)) continue;
      // Most recently used last.
      this.#entries.delete(entry);
      this.#entries.add(entry);
      return entry;
    }
    return undefined;
  }

  /** `bytes` must be the lab's own: a copy, or a Buffer no one else will write to. */
  #add(bytes: Buffer): Entry {
    const entry: Entry = { bytes, info: undefined };
    if (!this.#keeps(bytes)) return entry; // inspected, not kept
    this.#entries.add(entry);
    this.#bytes += bytes.length;
    for (const oldest of this.#entries) {
      if (this.#bytes <= this.#limits.maxBytes && this.#entries.size <= this.#limits.maxEntries) break;
      this.#remove(oldest);
    }
    return entry;
  }

  #keeps(apk: Buffer): boolean {
    return apk.length <= this.#limits.maxBytes;
  }

  #start(entry: Entry): Promise<ApkInfo> {
    const info = readApkInfo(entry.bytes);
    // Not an APK (or a broken one): the callers get the error; only good answers are worth keeping.
    info.catch(() => this.#remove(entry));
    return info;
  }

  #remove(entry: Entry): void {
    if (this.#entries.delete(entry)) this.#bytes -= entry.bytes.length;
  }
}

/** The lab process's one memory of inspected APKs (its phones all install from it). */
export const labApkInspections = new ApkInspections();

/** How far a phone may get ahead of the upload it follows before it keeps its own bytes. */
const MAX_AHEAD_BYTES = 4 * 1024 * 1024;

/**
 * Reads exactly `size` bytes of stdin (what `cmd package install -S N` does) into one Buffer,
 * which the caller must not modify: phones that upload the same bytes get the same Buffer.
 * While the bytes arriving match an APK of that size the lab already holds, each chunk is
 * only compared with it (memcmp) and dropped. With none held, but another phone receiving an
 * upload of that size now, each chunk is compared with that upload's bytes as far as they have
 * come (growing-uploads.ts). Otherwise the chunks are kept as they arrived; at the end they are
 * compared with what a neighbour finished uploading meanwhile, and only the first of them is
 * joined and remembered. A stream that ends (or is aborted) early yields the bytes that came.
 */
export async function readApkUpload(
  stdin: AsyncIterable<Buffer>,
  size: number,
  signal: AbortSignal,
  inspections: ApkInspections = labApkInspections,
): Promise<Buffer> {
  if (size <= 0) return Buffer.alloc(0);
  let candidates = inspections.sameSize(size);
  let leader = candidates.length === 0 ? inspections.uploads.leaderFor(size) : undefined;
  const own = candidates.length === 0 && !leader ? inspections.uploads.lead(size) : undefined;
  /**
   * The chunks kept by a phone that neither leads nor compares (its bytes differed); undefined
   * while they are only compared (with a held APK or the leader). A leader keeps them in `own`.
   */
  let pieces: Buffer[] | undefined;
  /** Following: the bytes found equal to the leader's, and the chunks it has not received yet. */
  let matched = 0;
  const ahead: Buffer[] = [];
  let aheadBytes = 0;
  let received = 0;
  const stopFollowing = (from: GrowingUpload) => {
    pieces = [from.prefix(matched), ...ahead];
    leader = undefined;
  };
  try {
    for await (const chunk of stdin) {
      const piece = chunk.length > size - received ? chunk.subarray(0, size - received) : chunk;
      if (leader) {
        ahead.push(piece);
        aheadBytes += piece.length;
        while (ahead.length > 0 && leader.received >= matched + ahead[0]!.length) {
          const next = ahead[0]!;
          if (!leader.equalsAt(matched, next)) break;
          ahead.shift();
          aheadBytes -= next.length;
          matched += next.length;
        }
        const differs = ahead.length > 0 && leader.received >= matched + ahead[0]!.length;
        if (differs || leader.abandoned || aheadBytes > MAX_AHEAD_BYTES) stopFollowing(leader);
      } else if (own) {
        own.add(piece);
      } else if (pieces === undefined) {
        const matching = candidates.filter((candidate) => sameBytes(candidate, received, [piece]));
        // From here on the bytes are collected; those so far equal the candidate's.
        if (matching.length === 0) pieces = [(candidates[0] as Buffer).subarray(0, received), piece];
        candidates = matching;
      } else {
        pieces.push(piece);
      }
      received += piece.length;
      if (received >= size || signal.aborted) break;
    }
    if (leader) {
      if (matched === size && leader.final) return leader.final;
      stopFollowing(leader);
    }
    const kept = own?.pieces ?? pieces;
    if (kept === undefined) {
      const same = candidates[0] as Buffer;
      // A short upload is a prefix: its own copy, so no caller holds a view of the kept APK.
      return received === size ? same : Buffer.from(same.subarray(0, received));
    }
    if (received < size) return Buffer.concat(kept, received);
    const late = inspections.sameSize(size).find((candidate) => sameBytes(candidate, 0, kept));
    const whole = late ?? inspections.remember(Buffer.concat(kept, size));
    if (own) own.final = whole;
    return whole;
  } finally {
    if (own) inspections.uploads.finish(own);
  }
}

/** Whether `pieces`, laid end to end from `offset`, equal those bytes of `whole`. */
function sameBytes(whole: Buffer, offset: number, pieces: readonly Buffer[]): boolean {
  let at = offset;
  for (const piece of pieces) {
    if (!whole.subarray(at, at + piece.length).equals(piece)) return false;
    at += piece.length;
  }
  return true;
}

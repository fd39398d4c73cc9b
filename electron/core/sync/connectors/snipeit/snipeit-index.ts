// A short-lived copy of Snipe-IT's hardware list, keyed by serial and id, so that draining a
// large backlog costs about one request per change (the write) instead of two (read + write).
//
// Built once from id-ordered pages of 500 (Snipe-IT's largest), then kept current with pages
// ordered by updated_at, newest first, read only down to the stamp of the previous refresh.
// The stamps are Snipe-IT's own (server wall clock, whole seconds), so this never depends on
// the station's clock agreeing with the server's; only durations are measured locally.
//
// Staleness: an entry answers `read` for FRESH_MS after the refresh (or our own write) that
// last saw it; after that the next read refreshes first. A remote edit made inside that window
// is not lost: the write sends only the fields Depotline changed, and its answer (the record
// as Snipe-IT then holds it, re-read when it differs from what we expected) goes back to the
// worker; on the next sync of that asset the remote value differs from the link's base, so the
// worker sees it as a remote change — pulled, or a conflict under the field's policy. The one
// case it cannot see is the same field changed on both sides inside the window: Snipe-IT has
// no conditional update, so the later write wins, exactly as with a per-asset read just before.
import type { ListQuery, SnipeItApi } from './snipeit-api.ts';
import { MAX_PAGE } from './snipeit-api.ts';
import { serialKey, snapshotOfRow, stampOf, type SnipeSnapshot } from './snipeit-mapping.ts';

/** How long a refresh (or our write) vouches for an entry. */
export const FRESH_MS = 30_000;
/** Snipe-IT stamps have whole seconds; an edit in the same second as the watermark must still be read. */
const STAMP_SLACK_MS = 2_000;
/** Incremental refreshes usually find a handful of edits: small pages keep them cheap for the server. */
const REFRESH_PAGE = 100;
/** Above this many records the index costs more memory and listing time than it saves. */
export const MAX_INDEX_ROWS = 50_000;

interface Entry {
  snapshot: SnipeSnapshot;
  /** Local ms when this entry was last confirmed (listing or our write). */
  seenAt: number;
}

export type Lookup = { kind: 'found'; snapshots: SnipeSnapshot[] } | { kind: 'absent' } | { kind: 'unknown' };

export class SnipeItIndex {
  readonly #byId = new Map<number, Entry>();
  readonly #bySerial = new Map<string, Set<number>>();
  /** Serials whose state we cannot vouch for (a create whose answer was lost): ask Snipe-IT. */
  readonly #unsure = new Set<string>();
  /** Whether a serial missing from the index is missing from Snipe-IT. */
  #complete = true;
  #refreshedAt = 0;
  /** The next incremental refresh reads down to this server stamp. */
  #since: number | null = null;
  #maxStamp: number | null = null;
  /** Whether archived assets need their own listing (the server filters them out of the default). */
  #archivedSeparate = true;
  readonly #now: () => number;

  private constructor(now: () => number) {
    this.#now = now;
  }

  /**
   * Lists every record, or answers `too large` after the first page when the listing would cost
   * more requests than the batch has assets (or exceed MAX_INDEX_ROWS).
   */
  static async build(
    api: SnipeItApi,
    now: () => number,
    batchSize: number,
  ): Promise<SnipeItIndex | { tooLarge: number; pages: number }> {
    const index = new SnipeItIndex(now);
    const startedAt = now();
    const query: ListQuery = { limit: MAX_PAGE, offset: 0, sort: 'id', order: 'asc' };
    const first = await api.listAssets(query);
    // Pages hold MAX_PAGE rows unless the install caps them lower (MAX_RESULTS).
    const pages = Math.ceil(first.total / Math.max(1, first.rows.length));
    if (first.total > MAX_INDEX_ROWS || pages > Math.max(1, batchSize))
      return { tooLarge: first.total, pages };
    index.#add(first.rows, startedAt);
    let seen = first.rows.length;
    while (seen < first.total) {
      const page = await api.listAssets({ ...query, offset: seen });
      // Offsets shift when records are added or deleted mid-listing: a row may have been skipped.
      if (page.total !== first.total) index.#complete = false;
      if (page.rows.length === 0) break;
      index.#add(page.rows, startedAt);
      seen += page.rows.length;
    }
    await index.#addArchived(api, startedAt);
    index.#finishRefresh(startedAt);
    return index;
  }

  /** Reads what changed since the last refresh (usually one small page per listing). */
  async refresh(api: SnipeItApi): Promise<void> {
    const startedAt = this.#now();
    await this.#changedSince(api, startedAt);
    if (this.#archivedSeparate) await this.#changedSince(api, startedAt, 'Archived');
    this.#finishRefresh(startedAt);
  }

  async #changedSince(api: SnipeItApi, seenAt: number, status?: 'Archived'): Promise<void> {
    const since = this.#since;
    for (let offset = 0; ;) {
      const query: ListQuery = { limit: REFRESH_PAGE, offset, sort: 'updated_at', order: 'desc' };
      const page = await api.listAssets(status ? { ...query, status } : query);
      this.#add(page.rows, seenAt);
      offset += page.rows.length;
      const last = page.rows.at(-1);
      const oldest = last ? (stampOf(last.updated_at?.datetime ?? null) ?? -Infinity) : -Infinity;
      if (page.rows.length === 0 || offset >= page.total || (since !== null && oldest < since)) return;
      if (offset >= MAX_INDEX_ROWS) {
        this.#complete = false; // too much changed to follow; misses are asked for one by one
        return;
      }
    }
  }

  /** Whether the index is older than FRESH_MS (the caller refreshes before trusting it). */
  stale(): boolean {
    return this.#now() - this.#refreshedAt >= FRESH_MS;
  }

  bySerial(serial: string): Lookup {
    const key = serialKey(serial);
    if (this.#unsure.has(key)) return { kind: 'unknown' };
    const ids = this.#bySerial.get(key);
    if (!ids || ids.size === 0)
      return this.#complete && !this.stale() ? { kind: 'absent' } : { kind: 'unknown' };
    const entries = [...ids].map((id) => this.#byId.get(id)).filter((entry) => entry !== undefined);
    if (entries.some((entry) => !this.#fresh(entry))) return { kind: 'unknown' };
    return { kind: 'found', snapshots: entries.map((entry) => entry.snapshot) };
  }

  byId(id: number): Lookup {
    const entry = this.#byId.get(id);
    if (entry)
      return this.#fresh(entry) ? { kind: 'found', snapshots: [entry.snapshot] } : { kind: 'unknown' };
    return { kind: 'unknown' };
  }

  /** A record as a write or a single read just saw it. */
  put(snapshot: SnipeSnapshot): void {
    this.#put(snapshot, this.#now());
  }

  /** Snipe-IT was asked and has no record with this serial. */
  confirmAbsent(serial: string): void {
    this.#unsure.delete(serialKey(serial));
  }

  /** Forget what we know of this serial (and record id): the next read asks Snipe-IT. */
  distrust(serial: string, id?: number): void {
    const key = serialKey(serial);
    this.#unsure.add(key);
    if (id !== undefined) this.#remove(id);
  }

  #fresh(entry: Entry): boolean {
    return this.#now() - Math.max(entry.seenAt, this.#refreshedAt) < FRESH_MS;
  }

  #add(rows: Parameters<typeof snapshotOfRow>[0][], seenAt: number): void {
    for (const row of rows) {
      const snapshot = snapshotOfRow(row);
      this.#put(snapshot, seenAt);
      const stamp = stampOf(snapshot.updatedAt);
      if (stamp !== null && (this.#maxStamp === null || stamp > this.#maxStamp)) this.#maxStamp = stamp;
    }
  }

  /**
   * The default listing leaves out assets whose status label is archived (unless the install's
   * show_archived_in_list is on), yet a retired phone is still in Snipe-IT: list those too, so
   * a miss stays a miss. A server that ignores the filter answers with other rows: its listing
   * already had them, and refreshes need not ask separately.
   */
  async #addArchived(api: SnipeItApi, seenAt: number): Promise<void> {
    const query: ListQuery = { limit: MAX_PAGE, offset: 0, sort: 'id', order: 'asc', status: 'Archived' };
    for (let offset = 0; ;) {
      const page = await api.listAssets({ ...query, offset });
      if (page.rows.some((row) => row.status_label?.status_type !== 'archived')) {
        this.#archivedSeparate = false;
        return;
      }
      this.#add(page.rows, seenAt);
      offset += page.rows.length;
      if (page.rows.length === 0 || offset >= page.total || this.#byId.size > MAX_INDEX_ROWS) return;
    }
  }

  #put(snapshot: SnipeSnapshot, seenAt: number): void {
    this.#remove(snapshot.id);
    this.#byId.set(snapshot.id, { snapshot, seenAt });
    if (snapshot.serial === null) return;
    const key = serialKey(snapshot.serial);
    this.#unsure.delete(key);
    const ids = this.#bySerial.get(key) ?? new Set<number>();
    ids.add(snapshot.id);
    this.#bySerial.set(key, ids);
  }

  #remove(id: number): void {
    const old = this.#byId.get(id);
    if (!old) return;
    this.#byId.delete(id);
    if (old.snapshot.serial !== null) this.#bySerial.get(serialKey(old.snapshot.serial))?.delete(id);
  }

  /**
   * Any edit after this refresh started has a stamp at or after the server's time then, which
   * is at least the newest stamp seen minus how long the refresh took (it cannot have seen a
   * stamp from after it ended). Reading down to that, less the seconds' slack, misses nothing.
   */
  #finishRefresh(startedAt: number): void {
    const elapsed = this.#now() - startedAt;
    if (this.#maxStamp !== null) this.#since = this.#maxStamp - elapsed - STAMP_SLACK_MS;
    this.#refreshedAt = startedAt;
  }
}

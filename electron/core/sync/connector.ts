// The one interface every connector implements. The outbox worker owns ordering, retries,
// backoff, rate limits, dead letters, conflicts and the audit; a connector only knows how to
// talk to its system. One module per connector under sync/connectors/.
import type { Asset } from '../../common/models/asset.ts';
import type { ChangeKind, SyncValues } from '../../common/models/sync.ts';
import type { SyncHttp } from './http/sync-http.ts';

/** What a connector gets to talk to its system with. */
export interface SyncIo {
  /** Host-locked, rate-limited, size- and time-limited HTTP; see sync-http.ts. */
  http: SyncHttp;
  /** A secret's value by name, or undefined when it is not set (the connector then fails with `credentials`). */
  secret: (name: string) => string | undefined;
  /** Aborted when the connector is paused or the core stops. */
  signal: AbortSignal;
  now: () => Date;
}

/** A remote record as a state connector sees it. */
export interface RemoteRecord {
  /** The system's own id (Snipe-IT hardware id, Graph importedDeviceIdentity id, …). */
  remoteId: string;
  /** The mapped fields as they are on the remote now. Fields a connector does not map are absent. */
  values: SyncValues;
  /** The remote's own last-modified stamp, if it has one (shown in conflicts, stored in the link). */
  updatedAt: string | null;
}

/** What the worker remembers about an asset on one connector: the base of the three-way compare. */
export interface SyncLink {
  remoteId: string;
  /** The mapped values both sides agreed on at the last successful sync. */
  base: SyncValues;
  remoteUpdatedAt: string | null;
  syncedAt: string;
}

/**
 * Keeps a remote record equal to the local asset. The worker calls `read`, merges local,
 * remote and the link's base field by field under the connector's policies, then calls
 * `write` with only the fields the remote must change (none → no write at all).
 */
export interface StateConnector {
  readonly mode: 'state';
  /** The fields this connector maps; others are never compared or written. */
  readonly fields: readonly (keyof SyncValues)[];
  /** Fields only the remote sets (e.g. Snipe-IT's assigned user): pulled, never pushed. */
  readonly remoteOnly: readonly (keyof SyncValues)[];
  /** The local asset's values for the mapped fields. */
  localValues(asset: Asset): SyncValues;
  /**
   * The remote record for this asset: by `link.remoteId` when linked, else found by serial
   * (so a record created by a request whose answer was lost is found, not created twice).
   * null when the remote has none.
   */
  read(asset: Asset, link: SyncLink | null, io: SyncIo): Promise<RemoteRecord | null>;
  /** Create (remote null) or update; returns the record as the remote holds it afterwards. */
  write(asset: Asset, remote: RemoteRecord | null, changes: SyncValues, io: SyncIo): Promise<RemoteRecord>;
  /**
   * Optional: called before a batch of `pending` items so the connector can read many
   * remote records in few requests (a paged listing) instead of one read per item.
   */
  prepareBatch?(assets: readonly Asset[], io: SyncIo): Promise<void>;
  /** A quick authenticated read for the setup screen ("connection works"). */
  check(io: SyncIo): Promise<string>;
}

/** One outbox event, as an events connector delivers it. */
export interface OutboxEvent {
  /** Idempotency key: the same logical change always carries the same id, across retries and restarts. */
  id: string;
  kind: ChangeKind;
  assetId: number;
  /** The asset now (null once removed locally, e.g. merged into another). */
  asset: Asset | null;
  /** Kind-specific facts captured when the change happened (lifecycle from/to, person, removed serial). */
  details: Record<string, unknown>;
  occurredAt: string;
}

/** Delivers each event once, in order per asset. */
export interface EventsConnector {
  readonly mode: 'events';
  deliver(event: OutboxEvent, io: SyncIo): Promise<void>;
  check(io: SyncIo): Promise<string>;
}

export type Connector = StateConnector | EventsConnector;

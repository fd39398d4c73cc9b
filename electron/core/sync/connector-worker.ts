// Drains one connector's outbox: oldest item per asset first, a few assets at a time, at the
// connector's rate. A failure of the whole system (down, throttling, bad token) backs the
// connector off and leaves the items alone; a failure of one change backs that item off and,
// after `maxAttempts`, makes it a dead letter for a person to retry or discard.
import type { ConnectorState } from '../../common/models/sync.ts';
import type { OutboxRow } from '../store/sync-outbox-queries.ts';
import type { SyncIo } from './connector.ts';
import type { SyncHttp } from './http/sync-http.ts';
import { asSyncError, type SyncError } from './sync-error.ts';
import { backoffMs, CONNECTOR_BACKOFF, ITEM_BACKOFF } from './backoff.ts';
import { deliverItem, type DeliveryDeps, type DeliveryTarget } from './deliver-item.ts';

export interface WorkerOptions {
  concurrency: number;
  /** Failed attempts of one change before it is a dead letter (the connector's own setting). */
  maxAttempts: number;
  /** How often an idle worker looks for new items (the outbox is filled by triggers, not by calls). */
  idlePollMs: number;
  batchSize: number;
  /** Backoff of one item after its own failure, and of the connector while its system is down. */
  itemBackoff: { baseMs: number; capMs: number };
  connectorBackoff: { baseMs: number; capMs: number };
  random?: () => number;
}

export const DEFAULT_WORKER_OPTIONS: WorkerOptions = {
  concurrency: 4,
  maxAttempts: 8,
  idlePollMs: 500,
  batchSize: 50,
  itemBackoff: ITEM_BACKOFF,
  connectorBackoff: CONNECTOR_BACKOFF,
};

/**
 * Errors that say nothing about the item itself (the system is down, throttling, behind a
 * login page, refusing the token) never count towards its dead-letter limit; a 5xx does,
 * because a server can fail on one record while serving the others.
 */
const countsAgainstItem = (error: SyncError) => error.scope === 'item' || error.code === 'server';

export class ConnectorWorker {
  readonly target: DeliveryTarget;
  readonly http: SyncHttp;
  readonly #deps: DeliveryDeps;
  readonly #options: WorkerOptions;
  readonly #secret: (name: string) => string | undefined;
  readonly #onChange: () => void;
  #paused: boolean;
  #stopped = false;
  #abort = new AbortController();
  #wake: (() => void) | undefined;
  #backoffUntil = 0;
  #consecutiveFailures = 0;
  #lastError: SyncError | undefined;
  #inFlight = 0;
  #running: Promise<void> | undefined;

  constructor(options: {
    target: DeliveryTarget;
    http: SyncHttp;
    deps: DeliveryDeps;
    secret: (name: string) => string | undefined;
    paused: boolean;
    onChange: () => void;
    worker?: Partial<WorkerOptions>;
  }) {
    this.target = options.target;
    this.http = options.http;
    this.#deps = options.deps;
    this.#secret = options.secret;
    this.#paused = options.paused;
    this.#onChange = options.onChange;
    this.#options = { ...DEFAULT_WORKER_OPTIONS, ...options.worker };
  }

  start(): void {
    this.#running ??= this.#loop().catch((error: unknown) => {
      this.#deps.connectors.error(
        this.target.id,
        this.#deps.now().toISOString(),
        `sync worker stopped: ${String(error)}`,
      );
    });
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#abort.abort(new Error('stopping'));
    this.#wake?.();
    await this.#running;
  }

  pause(): void {
    this.#paused = true;
    this.#abort.abort(new Error('paused'));
    this.#abort = new AbortController();
    this.#onChange();
  }

  /** Resume, or just "try now": skips any backoff wait. */
  resume(): void {
    this.#paused = false;
    this.#backoffUntil = 0;
    this.wake();
    this.#onChange();
  }

  wake(): void {
    this.#wake?.();
  }

  /** A person asked for it (a dead letter retried): skip the backoff wait once. */
  tryNow(): void {
    this.#backoffUntil = 0;
    this.wake();
  }

  get paused(): boolean {
    return this.#paused;
  }

  get state(): ConnectorState {
    if (this.#paused) return 'paused';
    const error = this.#lastError;
    if (error?.needsPerson) return 'failing';
    if (error && this.#backoffUntil > Date.now() && error.code !== 'throttled') return 'offline';
    if (this.#inFlight > 0) return 'syncing';
    return this.#consecutiveFailures > 0 && error?.code !== 'throttled' ? 'failing' : 'idle';
  }

  get nextAttemptAt(): number | null {
    return this.#backoffUntil > Date.now() ? this.#backoffUntil : null;
  }

  async #loop(): Promise<void> {
    while (!this.#stopped) {
      const now = Date.now();
      if (this.#paused) {
        await this.#idle(60_000);
        continue;
      }
      if (this.#backoffUntil > now) {
        await this.#idle(this.#backoffUntil - now);
        // Offline/failing may change to syncing now: say so, nothing else would.
        this.#onChange();
        continue;
      }
      const holdBehindDead = this.target.connector.mode === 'events';
      const items = this.#deps.outbox.due(this.target.id, now, this.#options.batchSize, holdBehindDead);
      if (items.length === 0) {
        const next = this.#deps.outbox.nextDueAt(this.target.id);
        await this.#idle(
          next !== null && next > now
            ? Math.min(next - now, this.#options.idlePollMs)
            : this.#options.idlePollMs,
        );
        continue;
      }
      await this.#deliverBatch(items);
    }
  }

  async #deliverBatch(items: OutboxRow[]): Promise<void> {
    const signal = this.#abort.signal;
    const io: SyncIo = { http: this.http, secret: this.#secret, signal, now: this.#deps.now };
    const connector = this.target.connector;
    if (connector.mode === 'state' && connector.prepareBatch && items.length > 1) {
      const assets = items.flatMap((item) => {
        const row = this.#deps.assets.queries.byId(item.asset_id);
        return row ? [this.#deps.assets.toAsset(row)] : [];
      });
      try {
        await connector.prepareBatch(assets, io);
      } catch (error) {
        this.#failed(items[0]!, asSyncError(error), signal);
        return;
      }
    }
    // While the system is failing, one item probes it; the rest wait for it to come back.
    const queue = this.#consecutiveFailures > 0 ? items.slice(0, 1) : [...items];
    const lane = async () => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        if (this.#stopped || signal.aborted || this.#backoffUntil > Date.now()) return;
        this.#inFlight += 1;
        try {
          await deliverItem(this.#deps, this.target, item, io);
          this.#succeeded();
        } catch (error) {
          this.#failed(item, asSyncError(error), signal);
        } finally {
          this.#inFlight -= 1;
        }
      }
    };
    this.#onChange();
    await Promise.all(Array.from({ length: Math.min(this.#options.concurrency, queue.length) }, lane));
    this.#onChange();
  }

  #succeeded(): void {
    if (this.#consecutiveFailures > 0 || this.#lastError) this.#onChange();
    this.#consecutiveFailures = 0;
    this.#lastError = undefined;
  }

  #failed(item: OutboxRow, error: SyncError, signal: AbortSignal): void {
    if (signal.aborted) return; // paused or stopping: the item simply stays queued
    const now = Date.now();
    const at = this.#deps.now().toISOString();
    this.#lastError = error;
    this.#deps.connectors.error(this.target.id, at, error.message);
    const counts = countsAgainstItem(error);
    if (error.scope === 'connector') {
      this.#consecutiveFailures += 1;
      const wait =
        error.retryAfterMs ??
        backoffMs(this.#consecutiveFailures, {
          ...this.#options.connectorBackoff,
          random: this.#options.random,
        });
      this.#backoffUntil = Math.max(this.#backoffUntil, now + wait);
    }
    const attempts = item.attempts + (counts ? 1 : 0);
    const dead = counts && attempts >= this.#options.maxAttempts;
    const next =
      error.scope === 'connector'
        ? this.#backoffUntil
        : now + backoffMs(attempts, { ...this.#options.itemBackoff, random: this.#options.random });
    this.#deps.db
      .transaction(() => {
        this.#deps.outbox.fail(item.id, `${error.code}: ${error.message}`, next, dead, at, counts);
        if (dead)
          this.#deps.audit.append({
            actor: `sync:${this.target.id}`,
            station: this.#deps.station(),
            action: 'sync.dead_letter',
            subject: `asset:${item.asset_id}`,
            details: {
              connector: this.target.id,
              kind: item.kind,
              changeKey: item.change_key,
              attempts,
              error: error.message,
            },
          });
      })
      .immediate();
    this.#onChange();
  }

  #idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, Math.max(1, ms));
      this.#wake = done;
    });
  }
}

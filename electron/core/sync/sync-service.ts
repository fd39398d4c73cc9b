// Connectors, their workers and what a person does on the Sync page: pause, resume, check,
// retry or discard dead letters, decide conflicts. Every decision is audited.
import {
  ConnectorConfigSchema,
  MODE_OF_KIND,
  type ConnectorConfig,
  type ConnectorView,
  type SyncOverview,
} from '../../common/models/sync.ts';
import type { Who } from '../assets/assets-service.ts';
import { CoreError } from '../core-error.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { ConnectorRow } from '../store/sync-connectors-queries.ts';
import { ConnectorWorker, type WorkerOptions } from './connector-worker.ts';
import type { DeliveryDeps } from './deliver-item.ts';
import type { ConnectorFactory } from './connector-kinds.ts';
import { SyncDecisions } from './sync-decisions.ts';
import { readSnipeItSetupView } from './snipeit-setup-reader.ts';

export interface SyncServiceOptions {
  deps: DeliveryDeps;
  factory: ConnectorFactory;
  /** Resolves once the secret store's key sources have been asked (the OS keyring loads asynchronously). */
  secrets: Promise<SecretStore>;
  onChange: (overview: SyncOverview) => void;
  log: (message: string) => void;
  /** false: workers are built (for check and views) but never started. */
  run: boolean;
  /** Timings for tests and benchmarks; a connector's attempts before a dead letter is its own setting. */
  worker?: Partial<Omit<WorkerOptions, 'maxAttempts'>>;
  requestTimeoutMs?: number;
}

export class SyncService {
  readonly decisions: SyncDecisions;
  readonly #options: SyncServiceOptions;
  readonly #workers = new Map<string, ConnectorWorker>();
  #secrets: SecretStore | undefined;
  #closed = false;
  #started: Promise<void> | undefined;
  #changeTimer: NodeJS.Timeout | undefined;

  constructor(options: SyncServiceOptions) {
    this.#options = options;
    this.decisions = new SyncDecisions(options.deps, () => this.#changed());
  }

  /** Starts a worker per configured connector once secrets can be read; later calls wait for the first. */
  start(): Promise<void> {
    this.#started ??= this.#start();
    return this.#started;
  }

  async #start(): Promise<void> {
    this.#secrets = await this.#options.secrets;
    if (this.#closed) return;
    for (const row of this.#options.deps.connectors.all()) this.#startWorker(row);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#changeTimer);
    await Promise.all([...this.#workers.values()].map((worker) => worker.stop()));
    this.#workers.clear();
  }

  overview(): SyncOverview {
    const status = this.#secrets?.status() ?? { available: false, source: 'none', reason: 'starting' };
    return {
      connectors: this.#options.deps.connectors.all().map((row) => this.#view(row)),
      secrets: {
        available: status.available,
        source: status.source,
        ...(status.reason ? { reason: status.reason } : {}),
      },
    };
  }

  view(id: string): ConnectorView {
    return this.#view(this.#row(id));
  }

  get(id: string): { id: string; name: string; connector: ConnectorConfig; secretsSet: string[] } {
    const row = this.#row(id);
    const connector = this.#config(row);
    const stored = new Set(this.#secrets?.names() ?? []);
    return {
      id,
      name: row.name,
      connector,
      secretsSet: secretNames(connector).filter((name) => stored.has(name)),
    };
  }

  save(
    input: { id: string; name: string; connector: ConnectorConfig; secretValues: Record<string, string> },
    who: Who,
  ): ConnectorView {
    const existing = this.#options.deps.connectors.byId(input.id);
    if (existing && existing.kind !== input.connector.kind)
      throw new CoreError(
        'conflict',
        `Connector "${input.id}" is a ${existing.kind} connector; remove it to reuse the id for ${input.connector.kind}.`,
      );
    const wanted = secretNames(input.connector);
    for (const name of Object.keys(input.secretValues)) {
      if (!wanted.includes(name))
        throw new CoreError(
          'invalid_input',
          `The secret "${name}" is not one this connector's settings name (${wanted.join(', ')}).`,
        );
    }
    const secrets = this.#requireSecrets();
    // Secrets first: if the store refuses, nothing about the connector changes.
    for (const [name, value] of Object.entries(input.secretValues)) secrets.set(name, value);
    this.#factory(input.connector); // refuses settings no connector can be built from
    const { db, connectors, audit, now } = this.#options.deps;
    db.transaction(() => {
      connectors.upsert(
        {
          id: input.id,
          kind: input.connector.kind,
          mode: MODE_OF_KIND[input.connector.kind],
          name: input.name,
          config: JSON.stringify(input.connector.config),
        },
        now().toISOString(),
      );
      audit.append({
        ...who,
        action: existing ? 'sync.connector.changed' : 'sync.connector.added',
        subject: `connector:${input.id}`,
        details: {
          kind: input.connector.kind,
          name: input.name,
          config: input.connector.config,
          secretsChanged: Object.keys(input.secretValues),
        },
      });
    }).immediate();
    void this.#workers.get(input.id)?.stop();
    this.#workers.delete(input.id);
    this.#startWorker(this.#row(input.id));
    this.#changed();
    return this.view(input.id);
  }

  async remove(id: string, who: Who): Promise<number> {
    this.#row(id);
    await this.#workers.get(id)?.stop();
    this.#workers.delete(id);
    const { db, connectors, outbox, audit } = this.#options.deps;
    const dropped = db
      .transaction(() => {
        const count = outbox.dropConnector(id);
        connectors.remove(id);
        audit.append({
          ...who,
          action: 'sync.connector.removed',
          subject: `connector:${id}`,
          details: { droppedChanges: count },
        });
        return count;
      })
      .immediate();
    this.#changed();
    return dropped;
  }

  setPaused(id: string, paused: boolean, who: Who): ConnectorView {
    this.#row(id);
    const { db, connectors, audit, now } = this.#options.deps;
    db.transaction(() => {
      connectors.setPaused(id, paused, now().toISOString());
      audit.append({
        ...who,
        action: paused ? 'sync.connector.paused' : 'sync.connector.resumed',
        subject: `connector:${id}`,
        details: {},
      });
    }).immediate();
    const worker = this.#workers.get(id);
    if (paused) worker?.pause();
    else worker?.resume();
    return this.view(id);
  }

  async check(id: string): Promise<{ ok: boolean; message: string }> {
    const worker = this.#workers.get(id) ?? this.#startWorker(this.#row(id));
    try {
      const message = await worker.target.connector.check({
        http: worker.http,
        secret: (name) => this.#secrets?.get(name),
        signal: AbortSignal.timeout(30_000),
        now: this.#options.deps.now,
      });
      return { ok: true, message };
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Dead letters back in the queue, tried at once rather than after the connector's backoff. */
  retryDead(ids: readonly number[], who: Who): number {
    const retried = this.decisions.retryDead(ids, who);
    for (const worker of this.#workers.values()) worker.tryNow();
    return retried;
  }

  /** The Snipe-IT setup screen's read of models, status labels and custom fields. */
  snipeItSetup(input: { baseUrl: string; tokenSecret: string; token?: string | undefined }) {
    return readSnipeItSetupView(this.#options.deps.db, input, (name) => this.#secrets?.get(name));
  }

  /** Requests per connector so far (the benchmark's requests per change). */
  requestCount(id: string): number {
    return this.#workers.get(id)?.http.requests ?? 0;
  }

  #startWorker(row: ConnectorRow): ConnectorWorker {
    const config = this.#config(row);
    const kit = this.#factory(config);
    const worker = new ConnectorWorker({
      target: { id: row.id, connector: kit.connector, policies: kit.policies },
      http: kit.http,
      deps: this.#options.deps,
      secret: (name) => this.#secrets?.get(name),
      paused: row.paused === 1,
      onChange: () => this.#changed(),
      worker: { ...this.#options.worker, maxAttempts: config.config.attemptsBeforeDeadLetter },
    });
    this.#workers.set(row.id, worker);
    if (this.#options.run) worker.start();
    return worker;
  }

  #factory(config: ConnectorConfig) {
    try {
      const timeout = this.#options.requestTimeoutMs;
      return this.#options.factory(config, {
        station: this.#options.deps.station,
        ...(timeout === undefined ? {} : { requestTimeoutMs: timeout }),
      });
    } catch (error) {
      throw new CoreError(
        'invalid_input',
        `These settings cannot be used: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  #view(row: ConnectorRow): ConnectorView {
    const { outbox, links } = this.#options.deps;
    const counts = outbox.counts(row.id);
    const worker = this.#workers.get(row.id);
    const next = worker?.nextAttemptAt ?? null;
    return {
      id: row.id,
      name: row.name,
      kind: row.kind,
      state: row.paused === 1 ? 'paused' : (worker?.state ?? 'disabled'),
      paused: row.paused === 1,
      enabled: worker !== undefined,
      queueDepth: counts.pending,
      deadLetters: counts.dead,
      openConflicts: links.countOpen(row.id),
      lastSuccessAt: row.last_success_at,
      lastError: row.last_error,
      lastErrorAt: row.last_error_at,
      nextAttemptAt: next === null ? null : new Date(next).toISOString(),
    };
  }

  #row(id: string): ConnectorRow {
    const row = this.#options.deps.connectors.byId(id);
    if (!row) throw new CoreError('not_found', `There is no connector "${id}".`);
    return row;
  }

  #config(row: ConnectorRow): ConnectorConfig {
    return ConnectorConfigSchema.parse({ kind: row.kind, config: JSON.parse(row.config) as unknown });
  }

  #requireSecrets(): SecretStore {
    const secrets = this.#secrets;
    const status = secrets?.status();
    if (!secrets || !status?.available)
      throw new CoreError(
        'unavailable',
        `Secrets cannot be stored on this station: ${status?.reason ?? 'the secret store is starting'}.`,
      );
    return secrets;
  }

  /** At most a few overview events a second, however fast a queue drains. */
  #changed(): void {
    if (this.#closed || this.#changeTimer) return;
    this.#changeTimer = setTimeout(() => {
      this.#changeTimer = undefined;
      if (!this.#closed) this.#options.onChange(this.overview());
    }, 250);
  }
}

function secretNames(connector: ConnectorConfig): string[] {
  switch (connector.kind) {
    case 'snipeit':
      return [connector.config.tokenSecret];
    case 'webhook':
      return [connector.config.signingSecret];
    case 'intune':
      return [connector.config.clientSecret];
  }
}

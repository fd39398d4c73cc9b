import type { SyncOverview } from '../../common/models/sync.ts';
import type { Db } from '../store/db.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { AssetsService } from '../assets/assets-service.ts';
import type { PeopleService } from '../people/people-service.ts';
import type { RolloutService } from '../rollout/rollout-service.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import { syncOutboxQueries } from '../store/sync-outbox-queries.ts';
import { syncConnectorsQueries } from '../store/sync-connectors-queries.ts';
import { syncLinksQueries } from '../store/sync-links-queries.ts';
import { RemoteApplier } from './apply-remote.ts';
import { createConnectorKit, type ConnectorFactory } from './connector-kinds.ts';
import type { WorkerOptions } from './connector-worker.ts';
import { SyncService } from './sync-service.ts';

/** Wires the sync service from the core's services (composition root helper). */
export function createSyncService(options: {
  db: Db;
  audit: AuditLog;
  assets: AssetsService;
  people: PeopleService;
  rollout: RolloutService;
  settings: SettingsService;
  secrets: Promise<SecretStore>;
  log: (message: string) => void;
  onChange: (overview: SyncOverview) => void;
  factory?: ConnectorFactory;
  /** false: connectors can be set up and inspected, but nothing is sent (one-shot CLI requests). */
  run: boolean;
  worker?: Partial<WorkerOptions>;
  requestTimeoutMs?: number;
}): SyncService {
  const { db } = options;
  return new SyncService({
    deps: {
      db,
      audit: options.audit,
      assets: options.assets,
      people: options.people,
      outbox: syncOutboxQueries(db),
      connectors: syncConnectorsQueries(db),
      links: syncLinksQueries(db),
      applier: new RemoteApplier(db, options.assets, options.rollout),
      station: () => options.settings.get().stationName,
      now: () => new Date(),
    },
    factory: options.factory ?? createConnectorKit,
    secrets: options.secrets,
    onChange: options.onChange,
    log: options.log,
    run: options.run,
    ...(options.worker ? { worker: options.worker } : {}),
    ...(options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs }),
  });
}

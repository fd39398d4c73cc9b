import type { AppInfo } from '../common/models/app-info.ts';
import type { Db } from './store/db.ts';
import type { AuditLog } from './audit/audit-log.ts';
import type { SettingsService } from './settings/settings-service.ts';
import type { AssetsService } from './assets/assets-service.ts';
import type { PeopleService } from './people/people-service.ts';
import type { RolloutService } from './rollout/rollout-service.ts';
import type { EventBus } from './contract-server/event-bus.ts';
import type { Bench } from './bench.ts';
import type { DepotIdentities } from './keys/depot-identities.ts';
import type { SyncService } from './sync/sync-service.ts';
import type { RepairService } from './repair/repair-service.ts';

/** The services the composition root builds once and hands to every feature's setup. */
export interface CoreContext {
  dataDir: string;
  frontDoor: AppInfo['frontDoor'];
  startedAt: number;
  db: Db;
  bus: EventBus;
  audit: AuditLog;
  settings: SettingsService;
  assets: AssetsService;
  people: PeopleService;
  rollout: RolloutService;
  bench: Bench;
  /** The depot's own keys: iOS pairing, profile signing, supervision. */
  identities: DepotIdentities;
  /** Connectors to central systems and their outbox workers. */
  sync: SyncService;
  /** The repair bench: intake, blockers, wipe jobs, certificates, grade, release. */
  repair: RepairService;
  log(message: string): void;
}

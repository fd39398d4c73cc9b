// The composition root: the one place that builds the core's services and wires every
// feature's handlers. It runs in plain Node (station mode, CLI) or in Electron's
// utilityProcess, and never imports electron.
import type { AppInfo } from '../common/models/app-info.ts';
import { openDatabase } from './store/db.ts';
import { AuditLog } from './audit/audit-log.ts';
import { SettingsService } from './settings/settings-service.ts';
import { AssetsService } from './assets/assets-service.ts';
import { PeopleService } from './people/people-service.ts';
import { RolloutService } from './rollout/rollout-service.ts';
import { EventBus } from './contract-server/event-bus.ts';
import { createDispatcher, type Dispatch, type HandlerTable } from './contract-server/dispatcher.ts';
import type { CoreContext } from './core-context.ts';
import { setupAppInfo } from './app-info-handlers.ts';
import { setupSettings } from './settings/settings-handlers.ts';
import { setupAudit } from './audit/audit-handlers.ts';
import { setupAssets } from './assets/assets-handlers.ts';
import { setupPeople } from './people/people-handlers.ts';
import { setupImports } from './imports/imports-handlers.ts';
import { setupDocuments } from './documents/documents-handlers.ts';
import { setupDevices } from './devices/devices-handlers.ts';
import { setupStaging } from './staging/staging-handlers.ts';
import { createBench, DEFAULT_ENGINE_SETTINGS, type BenchOptions } from './bench.ts';
import { DepotIdentities } from './keys/depot-identities.ts';
import { usbmuxBackend } from './devices/usbmux-backend.ts';
import { createIosDriver } from '../../native/ios/usbmux-ios-driver.ts';
import type { UsbmuxAddress } from '../../native/ios/usbmux/usbmux-address.ts';
import { createSecretStore, type SecretStoreOptions } from './secrets/create-secret-store.ts';
import { setupSync } from './sync/sync-handlers.ts';
import { createSyncService } from './sync/create-sync-service.ts';
import type { WorkerOptions } from './sync/connector-worker.ts';
import { createRepair, type RepairOptions } from './repair/create-repair.ts';
import { setupRepair } from './repair/repair-handlers.ts';

export interface CoreOptions {
  dataDir: string;
  frontDoor: AppInfo['frontDoor'];
  log?: (message: string) => void;
  /**
   * Devices and staging; without `adb` the core watches no Android devices, without `usbmux` no
   * iOS devices (store-only commands, tests).
   */
  bench?: Partial<Omit<BenchOptions, 'staging' | 'ios'>> & {
    staging?: Partial<BenchOptions['staging']>;
    usbmux?: UsbmuxAddress;
  };
  /** Where the secret store finds its key (desktop: the shell's safeStorage key). */
  secrets?: Omit<SecretStoreOptions, 'dataDir'>;
  /** Outbox worker tuning (tests shorten the idle poll, the backoffs and the request timeout). */
  syncWorker?: Partial<Omit<WorkerOptions, 'maxAttempts'>> & { requestTimeoutMs?: number };
  /**
   * Deliver queued changes to central systems. Default: yes for the window and the station; no
   * for a one-shot CLI request (`depotline audit list` must not start talking to Snipe-IT).
   */
  runSync?: boolean;
  /** The repair bench: its device layer, certificate module and timings (tests supply fakes). */
  repair?: RepairOptions;
}

export interface Core {
  readonly context: CoreContext;
  readonly dispatch: Dispatch;
  readonly bus: EventBus;
  close(): void;
}

export function createCore(options: CoreOptions): Core {
  const log = options.log ?? ((message: string) => process.stderr.write(`[core] ${message}\n`));
  const db = openDatabase(options.dataDir);
  const bus = new EventBus();
  const audit = new AuditLog(db);
  const settings = new SettingsService(db, audit);
  const assets = new AssetsService(db, audit);
  const people = new PeopleService(db, audit);
  const rollout = new RolloutService(assets, people);
  const identities = new DepotIdentities(options.dataDir, () => settings.get().stationName);
  const bench = createBench(
    { db, dataDir: options.dataDir, audit, assets, settings, bus, identities, log },
    {
      adb: undefined,
      pollMs: 2_000,
      ...options.bench,
      ios: options.bench?.usbmux
        ? usbmuxBackend({
            address: options.bench.usbmux,
            hostIdentity: () => identities.hostIdentity(),
            createDriver: ({ udid, address, hostIdentity }) =>
              createIosDriver({ udid, usbmuxAddress: address, ...(hostIdentity ? { hostIdentity } : {}) }),
          })
        : undefined,
      staging: { ...DEFAULT_ENGINE_SETTINGS, ...options.bench?.staging },
    },
  );
  const secrets = createSecretStore({ dataDir: options.dataDir, ...options.secrets });
  const sync = createSyncService({
    db,
    audit,
    assets,
    people,
    rollout,
    settings,
    secrets,
    log,
    onChange: (overview) => bus.emit('sync.changed', overview),
    run: options.runSync ?? options.frontDoor !== 'cli',
    ...(options.syncWorker ? { worker: options.syncWorker } : {}),
    ...(options.syncWorker?.requestTimeoutMs === undefined
      ? {}
      : { requestTimeoutMs: options.syncWorker.requestTimeoutMs }),
  });
  const repair = createRepair(
    {
      db,
      audit,
      assets,
      settings,
      bus,
      bench,
      log,
      dataDir: options.dataDir,
      benchOptions: options.bench,
      hostIdentity: () => identities.hostIdentity(),
    },
    options.repair,
  );
  const context: CoreContext = {
    dataDir: options.dataDir,
    frontDoor: options.frontDoor,
    startedAt: Date.now(),
    db,
    bus,
    audit,
    settings,
    assets,
    people,
    rollout,
    bench,
    identities,
    sync,
    repair: repair.service,
    log,
  };

  const handlers: HandlerTable = {
    ...setupAppInfo(context),
    ...setupSettings(context),
    ...setupAudit(context),
    ...setupAssets(context),
    ...setupPeople(context),
    ...setupImports(context),
    ...setupDocuments(context),
    ...setupDevices(context),
    ...setupStaging(context),
    ...setupSync(context),
    ...setupRepair(context),
  };
  bench.start();
  repair.start();
  void sync.start().catch((error: unknown) => log(`sync could not start: ${String(error)}`));

  let closed = false;
  return {
    context,
    dispatch: createDispatcher(handlers, log),
    bus,
    close() {
      if (closed) return;
      closed = true;
      bus.emit('core.health', { status: 'stopping' });
      bench.stop();
      repair.stop();
      void sync.close();
      db.close();
    },
  };
}

// The bench: devices on the hubs, their slots, profiles and the staging engine, wired together.
import type { AdbServerOptions } from '../../native/adb/adb-client.ts';
import type { DeviceView } from '../common/models/device.ts';
import type { JobView } from '../common/models/staging.ts';
import type { Db } from './store/db.ts';
import type { AuditLog } from './audit/audit-log.ts';
import type { AssetsService } from './assets/assets-service.ts';
import type { SettingsService } from './settings/settings-service.ts';
import type { EventBus } from './contract-server/event-bus.ts';
import { BatchedEmitter } from './contract-server/batched-emitter.ts';
import { DeviceManager } from './devices/device-manager.ts';
import { SlotNames } from './devices/slot-names.ts';
import { deviceView } from './devices/device-views.ts';
import { StagingJournal } from './staging/journal.ts';
import { ProfileStore } from './staging/profile-store.ts';
import { StagingEngine, type EngineSettings } from './staging/staging-engine.ts';
import { JobViews } from './staging/job-views.ts';
import { AutoStage } from './staging/auto-stage.ts';

export interface BenchOptions {
  /** Where the adb server is; undefined for a core that watches no devices (CLI store commands, tests). */
  adb: AdbServerOptions | undefined;
  pollMs: number;
  staging: EngineSettings;
}

export const DEFAULT_ENGINE_SETTINGS: EngineSettings = {
  concurrency: 64,
  jobsPerHub: 32,
  transfersPerHub: 4,
  waitForDeviceMs: 10 * 60_000,
  maxAttempts: 3,
  retryBaseMs: 2_000,
};

export type Bench = ReturnType<typeof createBench>;

export function createBench(
  deps: {
    db: Db;
    dataDir: string;
    audit: AuditLog;
    assets: AssetsService;
    settings: SettingsService;
    bus: EventBus;
    log(message: string): void;
  },
  options: BenchOptions,
) {
  const slots = new SlotNames(deps.db, deps.audit);
  const journal = new StagingJournal(deps.db);
  const profiles = new ProfileStore(deps.db, deps.audit, deps.dataDir);
  const jobViews = new JobViews(journal, profiles);
  const deviceEvents = new BatchedEmitter<'bench', true>(150, () =>
    deps.bus.emit('devices.changed', deviceViews()),
  );
  const jobEvents = new BatchedEmitter<number, JobView>(150, (views) =>
    deps.bus.emit('staging.progress', views),
  );
  const devicesChanged = () => deviceEvents.push('bench', true);

  // The device manager reports to auto-stage, which needs the engine, which needs the manager.
  const late: { autoStage?: AutoStage } = {};
  const manager = new DeviceManager({
    adb: options.adb ?? { adbPath: 'adb', host: '127.0.0.1', port: 5037 },
    pollMs: options.pollMs,
    onChange: (devices) => {
      late.autoStage?.onDevices(devices);
      devicesChanged();
    },
    log: (message) => deps.log(message),
  });
  const slotKeyOf = (serial: string) =>
    manager.list().find((device) => device.serial === serial)?.slotKey ?? `serial:${serial}`;

  const engine = new StagingEngine(
    {
      journal,
      profiles,
      assets: deps.assets,
      audit: deps.audit,
      who: () => deps.settings.who(),
      log: (message) => deps.log(message),
      devices: {
        waitForDevice: (serial, timeoutMs, signal) => manager.waitForDevice(serial, timeoutMs, signal),
        hubOf: (serial) => slots.hub(slotKeyOf(serial)),
        slotNameOf: (serial) => slots.name(slotKeyOf(serial)),
      },
      onProgress: (progress) => {
        jobEvents.push(progress.jobId, jobViews.byId(progress.jobId));
        // Staging changes what the bench shows of a phone (its owner, its name), and a blocked
        // phone's battery or accounts are what the technician fixes next: read it again.
        if (progress.state === 'done' || progress.state === 'blocked' || progress.state === 'failed')
          void manager.refreshIdentity(progress.serial);
        devicesChanged();
      },
    },
    options.staging,
  );

  late.autoStage = new AutoStage({
    settings: deps.settings,
    profiles,
    engine,
    jobViews,
    log: (message) => deps.log(message),
  });

  function deviceViews(): DeviceView[] {
    const jobs = new Map(jobViews.latestPerDevice().map((job) => [job.serial, job]));
    return (
      manager
        .list()
        // An unplugged phone leaves its slot, unless its job is waiting for it to come back.
        .filter(
          (device) =>
            device.connection !== 'absent' ||
            (jobs.has(device.serial) && jobs.get(device.serial)?.finishedAt === undefined),
        )
        .map((device) => deviceView(device, jobs.get(device.serial), slots))
        .sort((a, b) => a.slotName.localeCompare(b.slotName, undefined, { numeric: true }))
    );
  }

  return {
    slots,
    profiles,
    engine,
    jobViews,
    manager,
    deviceViews,
    devicesChanged,
    start() {
      if (!options.adb) return;
      manager.start();
      const resumed = engine.resume();
      if (resumed.length > 0) deps.log(`resuming ${resumed.length} staging job(s) left unfinished`);
    },
    stop() {
      engine.stop();
      manager.stop();
      deviceEvents.close();
      jobEvents.close();
    },
  };
}

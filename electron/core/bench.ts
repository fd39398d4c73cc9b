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
import { IosDeviceManager, type IosBackend } from './devices/ios-device-manager.ts';
import { iosDeviceView } from './devices/ios-device-views.ts';
import { IosPayloadStore, type DepotIdentityAccess } from './staging/ios/ios-payloads.ts';
import { SlotNames } from './devices/slot-names.ts';
import { deviceView } from './devices/device-views.ts';
import { StagingJournal } from './staging/journal.ts';
import { ProfileStore } from './staging/profile-store.ts';
import { StagingEngine, type EngineSettings } from './staging/staging-engine.ts';
import { JobViews } from './staging/job-views.ts';
import { AutoStage, type AutoStageDevice } from './staging/auto-stage.ts';

export interface BenchOptions {
  /** Where the adb server is; undefined for a core that watches no devices (CLI store commands, tests). */
  adb: AdbServerOptions | undefined;
  /** How iPhones and iPads are reached (usbmuxd); undefined for a core that watches no iOS devices. */
  ios: IosBackend | undefined;
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
    /** The depot's signing and supervision identities (iOS staging). */
    identities: DepotIdentityAccess;
    log(message: string): void;
  },
  options: BenchOptions,
) {
  const slots = new SlotNames(deps.db, deps.audit);
  const journal = new StagingJournal(deps.db);
  const profiles = new ProfileStore(deps.db, deps.audit, deps.dataDir);
  const jobViews = new JobViews(journal, profiles);
  // Every device's view, with its latest job, is built only when someone watches (a window, a
  // station client): a CLI batch of 64 phones spent over a second of its one thread on it.
  const deviceEvents = new BatchedEmitter<'bench', true>(150, () => {
    if (deps.bus.wants('devices.changed')) deps.bus.emit('devices.changed', deviceViews());
  });
  const jobEvents = new BatchedEmitter<number, JobView>(150, (views) =>
    deps.bus.emit('staging.progress', views),
  );
  // Also told at once (not batched): the repair bench's waits for a wiped device to come back.
  const changeListeners = new Set<() => void>();
  const devicesChanged = () => {
    deviceEvents.push('bench', true);
    for (const listener of changeListeners) listener();
  };

  // The device manager reports to auto-stage, which needs the engine, which needs the manager.
  const late: { autoStage?: AutoStage } = {};
  const manager = new DeviceManager({
    adb: options.adb ?? { adbPath: 'adb', host: '127.0.0.1', port: 5037 },
    pollMs: options.pollMs,
    onChange: () => {
      late.autoStage?.onDevices(autoStageDevices());
      devicesChanged();
    },
    log: (message) => deps.log(message),
  });
  const iosManager = options.ios
    ? new IosDeviceManager({
        backend: options.ios,
        trustPollMs: Math.min(options.pollMs, 2_000),
        onChange: () => {
          late.autoStage?.onDevices(autoStageDevices());
          devicesChanged();
        },
        log: (message) => deps.log(message),
      })
    : undefined;
  const iosPayloads = new IosPayloadStore(deps.identities);
  const autoStageDevices = (): AutoStageDevice[] => [
    ...manager.list().map((device) => ({
      serial: device.serial,
      connected: device.connection === 'device',
      appearance: String(device.appearance),
      read: device.identity !== undefined,
    })),
    ...(iosManager?.list() ?? []).map((device) => ({
      serial: device.udid,
      connected: device.connection === 'device',
      appearance: String(device.generation),
      read: device.identity !== undefined,
    })),
  ];
  const slotKeyOf = (serial: string) =>
    manager.list().find((device) => device.serial === serial)?.slotKey ??
    iosManager?.list().find((device) => device.udid === serial)?.slotKey ??
    `serial:${serial}`;
  const noIos = () => Promise.reject(new Error('this bench does not watch iOS devices (no usbmuxd)'));

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
        waitForIosDevice: (udid, timeoutMs, signal) =>
          iosManager?.waitForDevice(udid, timeoutMs, signal) ?? noIos(),
        generationOf: (udid) => iosManager?.generationOf(udid) ?? 0,
        waitForIosReturn: (udid, since, timeoutMs, signal) =>
          iosManager?.waitForDevice(udid, timeoutMs, signal, since) ?? noIos(),
        platformOf: (serial) => (iosManager?.has(serial) ? 'ios' : 'android'),
        hubOf: (serial) => slots.hub(slotKeyOf(serial)),
        slotNameOf: (serial) => slots.name(slotKeyOf(serial)),
      },
      iosPayloads: (stored) => iosPayloads.forProfile(stored.contentHash),
      onProgress: (progress) => {
        jobEvents.push(progress.jobId, jobViews.byId(progress.jobId));
        // Staging changes what the bench shows of a phone (its owner, its name), and a blocked
        // phone's battery or accounts are what the technician fixes next: read it again.
        if (progress.state === 'done' || progress.state === 'blocked' || progress.state === 'failed') {
          if (iosManager?.has(progress.serial)) void iosManager.refreshIdentity(progress.serial);
          else void manager.refreshIdentity(progress.serial);
        }
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
    // An unplugged phone leaves its slot, unless its job is waiting for it to come back.
    const shown = (serial: string, connection: string) =>
      connection !== 'absent' || (jobs.has(serial) && jobs.get(serial)?.finishedAt === undefined);
    return [
      ...manager
        .list()
        .filter((device) => shown(device.serial, device.connection))
        .map((device) => deviceView(device, jobs.get(device.serial), slots)),
      ...(iosManager?.list() ?? [])
        .filter((device) => shown(device.udid, device.connection))
        .map((device) => iosDeviceView(device, jobs.get(device.udid), slots)),
    ].sort((a, b) => a.slotName.localeCompare(b.slotName, undefined, { numeric: true }));
  }

  return {
    slots,
    profiles,
    engine,
    jobViews,
    manager,
    iosManager,
    deviceViews,
    devicesChanged,
    /** Calls back on every change of either device list; returns the unsubscribe. */
    onDevicesChanged(listener: () => void): () => void {
      changeListeners.add(listener);
      return () => void changeListeners.delete(listener);
    },
    start() {
      iosManager?.start();
      if (!options.adb && !options.ios) return;
      if (options.adb) manager.start();
      const resumed = engine.resume();
      if (resumed.length > 0) deps.log(`resuming ${resumed.length} staging job(s) left unfinished`);
    },
    stop() {
      engine.stop();
      manager.stop();
      iosManager?.stop();
      deviceEvents.close();
      jobEvents.close();
    },
  };
}

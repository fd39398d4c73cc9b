// Builds the repair bench for the composition root: its store, the device layer (or none), the
// certificate module, the identity the bench read from plugged devices, and the batched
// `repair.changed` event.
import type { DeviceView } from '../../common/models/device.ts';
import type { AdbServerOptions } from '../../../native/adb/adb-client.ts';
import type { UsbmuxAddress } from '../../../native/ios/usbmux/usbmux-address.ts';
import type { HostIdentity } from '../../../native/ios/pairing/host-identity.ts';
import type { Bench } from '../bench.ts';
import { BenchRepairDevices } from '../devices/repair-devices.ts';
import type { Db } from '../store/db.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { AssetsService } from '../assets/assets-service.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import type { EventBus } from '../contract-server/event-bus.ts';
import { BatchedEmitter } from '../contract-server/batched-emitter.ts';
import { repairQueries } from '../store/repair-queries.ts';
import { issueErasureCertificate } from '../certificates/issue-certificate.ts';
import type { RepairDevices } from './repair-device.ts';
import {
  DEFAULT_REPAIR_TIMINGS,
  type IssueCertificate,
  type PluggedIdentity,
  type RepairDeps,
  type RepairTimings,
} from './repair-deps.ts';
import { RepairSettingsStore } from './repair-settings.ts';
import { RepairService } from './repair-service.ts';

export interface RepairOptions {
  /**
   * The device layer. Default: the bench's own (its adb and usbmuxd device managers); a core that
   * watches no devices answers that none is plugged in and resumes no wipe job.
   */
  devices?: RepairDevices;
  /** Default: the certificate module, writing under `<dataDir>/certificates`. */
  issueCertificate?: IssueCertificate;
  timings?: Partial<RepairTimings>;
  /** Who a plugged device is; default: what the bench's device managers read (devices.list). */
  identityOf?: (benchSerial: string) => PluggedIdentity | undefined;
}

/** A bench without a device layer: nothing is ever plugged in. */
const NO_DEVICES: RepairDevices = { get: () => undefined, waitForReturn: () => Promise.resolve(undefined) };

/** The identity the bench read from the device it knows by this serial (adb serial, UDID or device serial). */
export function pluggedIdentity(views: readonly DeviceView[], serial: string): PluggedIdentity | undefined {
  const view = views.find(
    (candidate) =>
      candidate.serial === serial ||
      candidate.identity?.serial === serial ||
      candidate.identity?.ios?.udid === serial,
  );
  const identity = view?.identity;
  if (!view || !identity) return undefined;
  return {
    platform: view.platform,
    serial: identity.serial,
    manufacturer: identity.manufacturer || (view.platform === 'ios' ? 'Apple' : 'Unknown'),
    model: identity.model,
    osVersion: identity.osVersion,
    imeis: identity.imei ? [identity.imei] : [],
    udid: identity.ios?.udid ?? null,
    ecid: identity.ios?.ecid ?? null,
  };
}

interface CoreParts {
  db: Db;
  dataDir: string;
  audit: AuditLog;
  assets: AssetsService;
  settings: SettingsService;
  bus: EventBus;
  bench: Bench;
  /** How the bench reaches devices (CoreOptions.bench); neither: no device layer. */
  benchOptions: { adb?: AdbServerOptions | undefined; usbmux?: UsbmuxAddress | undefined } | undefined;
  hostIdentity(): Promise<HostIdentity>;
  log(message: string): void;
}

/** The device layer over the bench's device managers, or undefined when the bench watches none. */
function benchDevices(core: CoreParts, settings: RepairSettingsStore): BenchRepairDevices | undefined {
  const { bench } = core;
  const adb = core.benchOptions?.adb;
  const usbmux = core.benchOptions?.usbmux;
  if (!adb && !(usbmux && bench.iosManager)) return undefined;
  return new BenchRepairDevices({
    ...(adb
      ? { android: { manager: bench.manager, adb, dpcWipeCommands: () => settings.get().dpcWipeCommands } }
      : {}),
    ...(usbmux && bench.iosManager
      ? { ios: { manager: bench.iosManager, address: usbmux, hostIdentity: () => core.hostIdentity() } }
      : {}),
    onDevicesChanged: (listener) => bench.onDevicesChanged(listener),
  });
}

export function createRepair(
  core: CoreParts,
  options: RepairOptions = {},
): { service: RepairService; start(): void; stop(): void } {
  const queries = repairQueries(core.db);
  const settings = new RepairSettingsStore(core.db, queries, core.audit);
  const ownDevices = options.devices ? undefined : benchDevices(core, settings);
  const devices = options.devices ?? ownDevices;
  const late: { service?: RepairService } = {};
  const events = new BatchedEmitter<number, number>(150, (assetIds) => {
    const rows = assetIds.flatMap((assetId) => {
      try {
        return late.service ? [late.service.rowOf(assetId)] : [];
      } catch {
        return []; // never taken in, or merged away
      }
    });
    if (rows.length > 0) core.bus.emit('repair.changed', rows);
  });
  const deps: RepairDeps = {
    db: core.db,
    audit: core.audit,
    assets: core.assets,
    queries,
    settings,
    devices: devices ?? NO_DEVICES,
    identityOf: options.identityOf ?? ((serial) => pluggedIdentity(core.bench.deviceViews(), serial)),
    issueCertificate:
      options.issueCertificate ??
      (async (facts) => {
        const issued = await issueErasureCertificate({ dataDir: core.dataDir, facts });
        return { id: issued.document.id, jsonPath: issued.jsonPath, pdfPath: issued.pdfPath };
      }),
    who: () => core.settings.who(),
    stationName: () => core.settings.get().stationName,
    timings: { ...DEFAULT_REPAIR_TIMINGS, ...options.timings },
    now: () => core.assets.now(),
    log: (message) => core.log(message),
    changed: (assetId) => events.push(assetId, assetId),
  };
  const service = new RepairService(deps);
  late.service = service;
  return {
    service,
    start() {
      if (!devices) return;
      const resumed = service.resume();
      if (resumed > 0) core.log(`following ${resumed} repair wipe(s) left unfinished`);
    },
    stop() {
      events.close();
      service.stop();
      ownDevices?.close();
    },
  };
}

// What the repair flow's parts share: the store, the registry, the device layer and the
// certificate module, each behind the narrowest type that serves.
import type { ErasureFacts } from '../../common/models/erasure-certificate.ts';
import type { Db } from '../store/db.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { AssetsService, Who } from '../assets/assets-service.ts';
import type { RepairQueries } from '../store/repair-queries.ts';
import type { RepairSettingsStore } from './repair-settings.ts';
import type { RepairDevices } from './repair-device.ts';

/** Who a plugged device says it is, as the bench read it (for registering an unknown device). */
export interface PluggedIdentity {
  platform: 'android' | 'ios';
  serial: string;
  manufacturer: string;
  model: string;
  osVersion: string;
  imeis: string[];
  udid: string | null;
  ecid: string | null;
}

/**
 * The certificate module, seen from here: it signs and writes the certificate for a finished
 * wipe and says where. Refuses (throws) facts that do not certify a sanitization.
 */
export type IssueCertificate = (
  facts: ErasureFacts,
) => Promise<{ id: string; jsonPath: string; pdfPath: string }>;

export interface RepairTimings {
  /** How long a wipe job waits for the device to come back before it ends not verified. */
  returnTimeoutMs: number;
  /** How long the device may stay on the bus after accepting a wipe before the job reads it anyway. */
  goneGraceMs: number;
  /** How often the job looks whether the device has left the bus. */
  pollMs: number;
}

export const DEFAULT_REPAIR_TIMINGS: RepairTimings = {
  returnTimeoutMs: 20 * 60_000,
  goneGraceMs: 2 * 60_000,
  pollMs: 500,
};

export interface RepairDeps {
  db: Db;
  audit: AuditLog;
  assets: AssetsService;
  queries: RepairQueries;
  settings: RepairSettingsStore;
  devices: RepairDevices;
  /** The identity the bench read from a plugged device (its bench serial: adb serial or UDID). */
  identityOf(benchSerial: string): PluggedIdentity | undefined;
  issueCertificate: IssueCertificate;
  who(): Who;
  /** The station's name, for certificates (the station settings). */
  stationName(): string;
  timings: RepairTimings;
  now(): Date;
  log(message: string): void;
  /** An asset's bench row changed (the event goes out batched). */
  changed(assetId: number): void;
}

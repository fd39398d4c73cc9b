// Assets → the CSV files the Intune admin center imports as corporate device identifiers
// (Devices › Enrollment › Corporate device identifiers › Add › Upload CSV file). Pure: the
// `depotline sync intune-export` command writes the files.
//
// The documented format (learn.microsoft.com/intune/intune-service/enrollment/
// corporate-identifiers-add): no header; one identifier type per file (the admin picks "IMEI"
// or "Serial" when uploading); one "identifier,details" row per device; at most 5,000 rows or
// 5 MB per file, whichever comes first. Which identifier a device gets, and what the details
// say, is decided in intune-identity.ts.
import type { Asset } from '../../../../common/models/asset.ts';
import { intuneDevice, type IdentityType } from './intune-identity.ts';

export const INTUNE_CSV_MAX_ROWS = 5_000;
export const INTUNE_CSV_MAX_BYTES = 5 * 1024 * 1024;

export interface IntuneCsvFile {
  /** The identifier type to choose when uploading this file. */
  type: IdentityType;
  /** 1, 2, … within its type. */
  part: number;
  rows: number;
  text: string;
}

export interface IntuneCsvSkip {
  assetId: number;
  serial: string;
  reason: string;
}

export interface IntuneCsvExport {
  files: IntuneCsvFile[];
  skipped: IntuneCsvSkip[];
}

export interface IntuneCsvLimits {
  maxRows: number;
  maxBytes: number;
}

/** One file per identifier type and per 5,000 rows; assets Intune cannot take are listed, not exported. */
export function exportIntuneCsv(
  assets: Iterable<Asset>,
  limits: IntuneCsvLimits = { maxRows: INTUNE_CSV_MAX_ROWS, maxBytes: INTUNE_CSV_MAX_BYTES },
): IntuneCsvExport {
  const rows: Record<IdentityType, string[]> = { imei: [], serialNumber: [] };
  // Identifier → the asset that has it; upper-cased so one serial typed in two cases is caught too.
  const owners = new Map<string, number>();
  const skipped: IntuneCsvSkip[] = [];
  for (const asset of assets) {
    const device = intuneDevice(asset);
    const skip = (reason: string) => skipped.push({ assetId: asset.id, serial: asset.serial, reason });
    if (device.problem) {
      skip(device.problem);
      continue;
    }
    const key = `${device.type}:${device.identifier.toUpperCase()}`;
    const owner = owners.get(key);
    if (owner !== undefined) {
      skip(`${device.type === 'imei' ? 'IMEI' : 'serial'} ${device.identifier} is also on asset ${owner}`);
      continue;
    }
    owners.set(key, asset.id);
    rows[device.type].push(
      device.description ? `${device.identifier},${device.description}` : device.identifier,
    );
  }
  return {
    files: [...split('imei', rows.imei, limits), ...split('serialNumber', rows.serialNumber, limits)],
    skipped,
  };
}

/** Consecutive files of at most maxRows rows and maxBytes bytes; LF line ends, UTF-8 without BOM. */
function split(type: IdentityType, rows: readonly string[], limits: IntuneCsvLimits): IntuneCsvFile[] {
  const files: IntuneCsvFile[] = [];
  let lines: string[] = [];
  let bytes = 0;
  const flush = () => {
    if (lines.length === 0) return;
    files.push({ type, part: files.length + 1, rows: lines.length, text: `${lines.join('\n')}\n` });
    lines = [];
    bytes = 0;
  };
  for (const row of rows) {
    const size = Buffer.byteLength(row) + 1;
    if (lines.length === limits.maxRows || bytes + size > limits.maxBytes) flush();
    lines.push(row);
    bytes += size;
  }
  flush();
  return files;
}

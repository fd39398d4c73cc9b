// How an asset becomes an Intune corporate device identifier, shared by the CSV export and the
// Graph connector so both declare a device the same way.
//
// What Microsoft documents (learn.microsoft.com/intune/intune-service/enrollment/
// corporate-identifiers-add, "Step 1: Create CSV file"): Android and iOS/iPadOS devices are
// declared by IMEI or by serial number, one identifier per line, optionally followed by
// "device details" of at most 128 characters for administrators; periods must be removed from
// serial numbers. (Serial + manufacturer + model is a Windows-only identifier type, so it is
// never used for phones.) Serial numbers are recommended for iOS/iPadOS, where IMEIs only work
// "in some cases"; Android serials "aren't guaranteed to be unique or present", so Android
// phones are declared by IMEI when they have one. Intune records one IMEI per device and marks
// a device whose recorded IMEI differs from the imported one as personal, so only the first
// IMEI (the device's primary slot) is declared.
//
// The details carry manufacturer and model (and, on an IMEI identifier, the serial) as
// "Manufacturer | Model | Serial", so the connector can read them back from the identity's
// `description`: the mapped fields survive a round trip through Intune exactly.
import type { Asset } from '../../../../common/models/asset.ts';
import type { SyncValues } from '../../../../common/models/sync.ts';

export type IdentityType = 'imei' | 'serialNumber';

/** Intune's limit on the details text, in characters. */
export const DETAILS_MAX_CHARS = 128;

export interface IntuneDevice {
  type: IdentityType;
  /** The IMEI, or the serial with periods removed. */
  identifier: string;
  /** The details text / Graph `description`, at most 128 characters. */
  description: string;
  platform: 'android' | 'ios';
  /** The mapped fields as Intune can hold them (what the connector compares). */
  values: SyncValues;
  /** Why Intune cannot take this device, or null. */
  problem: string | null;
}

const SEPARATOR = ' | ';

/** Periods removed, as Microsoft asks; surrounding whitespace dropped. */
export function normalizeSerial(serial: string): string {
  return serial.trim().replaceAll('.', '');
}

/**
 * Characters a corporate identifier cannot hold here: Microsoft does not document quoting in
 * the upload format, so a comma, a quote or a line break would split or corrupt the row, and a
 * space or non-ASCII character is never part of a serial a phone reports.
 */
const BAD_IDENTIFIER = /[^\x21-\x7e]|[",]/;

/**
 * One field of the details text: line breaks and control characters, commas and quotes (no
 * documented quoting) become spaces, the separator character becomes "/".
 */
function detailPart(text: string): string {
  return text
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029",]/gu, ' ')
    .replaceAll('|', '/')
    .replace(/\s+/g, ' ')
    .trim();
}

function chars(text: string): string[] {
  return [...text];
}

/** Shortens the parts, last-but-essential first (model, then manufacturer, then serial), to fit. */
function fit(parts: string[], order: number[]): string[] {
  const result = [...parts];
  const length = () => chars(result.join(SEPARATOR).trim()).length;
  for (const index of order) {
    const over = length() - DETAILS_MAX_CHARS;
    if (over <= 0) break;
    const part = chars(result[index]!);
    result[index] = part
      .slice(0, Math.max(0, part.length - over))
      .join('')
      .trim();
  }
  return result;
}

/** The details text for a device and the field values it carries. */
export function describe(
  manufacturer: string,
  model: string,
  serial: string | null,
): { description: string; manufacturer: string; model: string; serial: string | null } {
  const parts = [detailPart(manufacturer), detailPart(model)];
  if (serial !== null) parts.push(detailPart(serial));
  const fitted = fit(parts, [1, 0, 2]);
  return {
    description: fitted.join(SEPARATOR).trim(),
    manufacturer: fitted[0]!,
    model: fitted[1]!,
    serial: serial === null ? null : fitted[2]!,
  };
}

/** The mapped values an identity in Intune holds (its description read back as `describe` wrote it). */
export function valuesOfIdentity(
  type: IdentityType,
  identifier: string,
  description: string | null,
): SyncValues {
  const parts = (description ?? '').split(/\s*\|\s*/).map((part) => part.trim());
  const part = (index: number) => (parts[index] === undefined || parts[index] === '' ? null : parts[index]);
  return type === 'imei'
    ? { imei: identifier, serial: part(2), manufacturer: part(0), model: part(1) }
    : { imei: null, serial: identifier, manufacturer: part(0), model: part(1) };
}

export function intuneDevice(asset: Asset): IntuneDevice {
  const serial = normalizeSerial(asset.serial);
  const imei = asset.platform === 'android' ? asset.imeis[0] : undefined;
  const type: IdentityType = imei ? 'imei' : 'serialNumber';
  const identifier = imei ?? serial;
  const described = describe(asset.manufacturer, asset.model, type === 'imei' ? serial : null);
  let problem: string | null = null;
  if (identifier === '') problem = 'it has no serial number';
  else if (type === 'imei' && !/^\d{14,16}$/.test(identifier))
    problem = `IMEI "${identifier}" is not 14–16 digits`;
  else if (BAD_IDENTIFIER.test(identifier))
    problem = `serial "${identifier}" has a space, comma, quote or non-ASCII character Intune's identifiers cannot hold`;
  return {
    type,
    identifier,
    description: described.description,
    platform: asset.platform,
    values: valuesOfIdentity(type, identifier, described.description),
    problem,
  };
}

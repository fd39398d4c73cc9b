// Generates a deterministic, plausible phone identity from (seed, index): a real model, an
// Android version within that model's range, a vendor-style serial and an IMEI whose last
// digit is a valid Luhn check digit (staging records IMEIs and validates them).
import { ANDROID_RELEASES, PHONE_MODELS, type PhoneModel, type SerialStyle } from './catalog.ts';
import { SeededRandom } from './prng.ts';

export interface DeviceIdentity {
  serial: string;
  imei: string;
  manufacturer: string;
  brand: string;
  model: string;
  device: string;
  product: string;
  androidRelease: string;
  sdk: number;
  buildId: string;
  incremental: string;
  fingerprint: string;
  securityPatch: string;
  buildDateUtc: number;
  /** Size of the /data partition in bytes. */
  dataPartitionBytes: number;
  /** Bytes of /data already used by the OS, app data and caches when the phone arrives. */
  dataBaselineUsedBytes: number;
  batteryLevel: number;
  batteryTemperatureTenthsC: number;
  /** ro.frp.pst: where the persistent data block lives (FRP, Test Harness Mode); undefined when the build has none. */
  persistentDataBlock: string | undefined;
}

const DIGITS = '0123456789';
const UPPER_ALNUM = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ';
const HEX = '0123456789abcdef';
/** The partition path GMS phones set in ro.frp.pst (by-name links are the same on every SoC vendor). */
const PERSISTENT_DATA_BLOCK = '/dev/block/by-name/frp';

/** The Luhn check digit for a string of digits (as used by IMEIs). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // Double every second digit counting from the right of the payload (the check digit's neighbour first).
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) d *= 2;
    sum += d > 9 ? d - 9 : d;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidLuhn(digits: string): boolean {
  return /^\d+$/.test(digits) && luhnCheckDigit(digits.slice(0, -1)) === Number(digits.at(-1));
}

function serialFor(style: SerialStyle, rng: SeededRandom): string {
  switch (style) {
    case 'pixel':
      return rng.chars(DIGITS, 2) + rng.chars(UPPER_ALNUM, 12);
    case 'samsung':
      return 'R5' + rng.chars('8CF', 1) + rng.chars(UPPER_ALNUM, 8);
    case 'zebra':
      return rng.chars('12', 1) + rng.chars(DIGITS, 13);
    case 'motorola':
      return 'ZY2' + rng.chars(UPPER_ALNUM, 7);
    case 'hex':
      return rng.chars(HEX, 8);
  }
}

function fillPattern(pattern: string, rng: SeededRandom): string {
  return pattern.replace(/[#@]/g, (c) =>
    c === '#' ? rng.chars(DIGITS, 1) : rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 1),
  );
}

/** Android majors 11–16 rotate with the index, so any six consecutive phones cover them all. */
function chooseModelAndRelease(index: number, rng: SeededRandom): { model: PhoneModel; major: number } {
  const wanted = 11 + (((index % 6) + 6) % 6);
  const candidates = PHONE_MODELS.filter((m) => m.releases.includes(wanted));
  return { model: rng.pick(candidates), major: wanted };
}

export function generateIdentity(seed: string, index: number): DeviceIdentity {
  const rng = new SeededRandom('depotline-lab-device', seed, index);
  const { model, major } = chooseModelAndRelease(index, rng);
  const build = ANDROID_RELEASES[major];
  if (!build) throw new Error(`no build for Android ${major}`);
  const incremental = fillPattern(model.incremental, rng);
  const imeiBody = model.tac + rng.chars(DIGITS, 6);
  const gib = 1024 ** 3;
  // Marketed GB are 10^9 bytes; the data partition is what is left after system partitions.
  const dataPartitionBytes = Math.floor((model.storageGb * 1e9 * 0.88) / 4096) * 4096;
  return {
    serial: serialFor(model.serialStyle, rng),
    imei: imeiBody + String(luhnCheckDigit(imeiBody)),
    manufacturer: model.manufacturer,
    brand: model.brand,
    model: model.model,
    device: model.device,
    product: model.product,
    androidRelease: build.release,
    sdk: build.sdk,
    buildId: build.buildId,
    incremental,
    fingerprint: `${model.brand}/${model.product}/${model.device}:${build.release}/${build.buildId}/${incremental}:user/release-keys`,
    securityPatch: build.securityPatch,
    buildDateUtc: build.buildDateUtc,
    dataPartitionBytes,
    dataBaselineUsedBytes: rng.int(4, 14) * gib + rng.int(0, 1023) * 1024 * 1024,
    batteryLevel: rng.int(18, 100),
    batteryTemperatureTenthsC: rng.int(245, 325),
    persistentDataBlock: model.noPersistentDataBlock ? undefined : PERSISTENT_DATA_BLOCK,
  };
}

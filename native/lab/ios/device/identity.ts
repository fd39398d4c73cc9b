// A deterministic, plausible iPhone/iPad from (seed, index): a real ProductType, an iOS
// release the model can run (17, 18 and 26 rotate with the index), the UDID real hardware
// would have (chip ID + ECID), a 10-character randomized serial as Apple has issued since
// 2021, and Luhn-valid IMEIs for cellular models (staging records and validates them).
import { luhnCheckDigit } from '../../adb/device/identity.ts';
import { SeededRandom } from '../../adb/device/prng.ts';
import { IOS_RELEASES, LAB_MODELS, majorsFor, type LabModel } from './ios-catalog.ts';

export interface IosLabIdentity {
  /** "00008110-001A2B3C4D5E601E": every model running iOS 17+ has an A12 or later, so this form. */
  udid: string;
  /** What the USB descriptor carries: the UDID without its dash (usbmuxd's USBSerialNumber). */
  usbSerial: string;
  /** UniqueChipID; kept below 2^53 so it is exact as a JavaScript number. */
  ecid: number;
  serial: string;
  /** Undefined for Wi-Fi-only iPads. */
  imei: string | undefined;
  /** The eSIM's IMEI (iPhones have two). */
  imei2: string | undefined;
  meid: string | undefined;
  model: LabModel;
  iosVersion: string;
  buildVersion: string;
  /** e.g. "MTLX3" and "ZD/A": together Settings' "Model Number". */
  modelNumber: string;
  regionInfo: string;
  wifiAddress: string;
  bluetoothAddress: string;
  ethernetAddress: string;
  boardId: number;
  dieId: number;
  mlbSerial: string;
  totalDiskBytes: number;
  /** The system volume's share of the disk (not available to apps). */
  systemBytes: number;
  /** Data in use when the device arrives (OS data, caches), before any lab app or file. */
  baselineUsedBytes: number;
  batteryLevel: number;
  batteryCycleCount: number;
  batteryHealthPercent: number;
}

const DIGITS = '0123456789';
const HEX = '0123456789ABCDEF';
/** Apple's serial alphabet: digits and consonants (no vowels, no O/I look-alikes). */
const SERIAL_ALPHABET = '0123456789BCDFGHJKLMNPQRTVWXYZ';
const APPLE_OUIS = ['f0:18:98', '3c:06:30', 'a4:83:e7', '88:66:5a', 'bc:d0:74'];
const REGIONS = ['ZD/A', 'LL/A', 'B/A', 'FN/A', 'DN/A'];

/** ECIDs are 64-bit in principle; real ones sit well below 2^53, and so do the lab's. */
const ECID_MIN = 2 ** 44;
const ECID_SPAN = 2 ** 53 - ECID_MIN;

export function formatUdid(chipId: number, ecid: number): string {
  return `0000${chipId.toString(16).toUpperCase().padStart(4, '0')}-${ecid.toString(16).toUpperCase().padStart(16, '0')}`;
}

function imeiFrom(tac: string, rng: SeededRandom): string {
  const body = tac + rng.chars(DIGITS, 6);
  return body + String(luhnCheckDigit(body));
}

function macAt(base: number[], offset: number): string {
  const bytes = [...base];
  bytes[5] = ((bytes[5] ?? 0) + offset) & 0xff;
  return bytes.map((byte) => byte.toString(16).padStart(2, '0')).join(':');
}

/** iOS majors rotate with the index (17, 18, 26, …) so a few consecutive devices cover them all. */
function chooseModelAndMajor(index: number, rng: SeededRandom): { model: LabModel; major: number } {
  const majors = [...new Set(LAB_MODELS.flatMap(majorsFor))].sort((a, b) => a - b);
  const wanted = majors[index % majors.length] ?? 17;
  // Mostly iPhones: a depot bench is phones with the odd iPad.
  const phones = LAB_MODELS.filter((model) => model.deviceClass === 'iPhone');
  const pool = index % 7 === 6 ? LAB_MODELS : phones;
  const candidates = pool.filter((model) => majorsFor(model).includes(wanted));
  return { model: rng.pick(candidates.length > 0 ? candidates : phones), major: wanted };
}

export function generateIosIdentity(seed: string, index: number): IosLabIdentity {
  const rng = new SeededRandom('depotline-lab-ios-device', seed, index);
  const { model, major } = chooseModelAndMajor(index, rng);
  const release = rng.pick(IOS_RELEASES[major] ?? []);
  const ecid = ECID_MIN + ((rng.uint32() * 2 ** 21 + (rng.uint32() % 2 ** 21)) % ECID_SPAN);
  const udid = formatUdid(model.chip.chipId, ecid);
  const cellular = model.cellular && model.tac !== '';
  const imei = cellular ? imeiFrom(model.tac, rng) : undefined;
  const imei2 = cellular && model.deviceClass === 'iPhone' ? imeiFrom(model.tac, rng) : undefined;
  const oui = rng
    .pick(APPLE_OUIS)
    .split(':')
    .map((part) => parseInt(part, 16));
  const mac = [...oui, rng.int(0, 255), rng.int(0, 255), rng.int(0, 250)];
  const storageGb = rng.pick(model.storageGb);
  // Marketed GB are 10^9 bytes; iOS reports the whole disk, the system volume takes a slice.
  const totalDiskBytes = storageGb * 1e9;
  const gib = 1024 ** 3;
  return {
    udid,
    usbSerial: udid.replace('-', ''),
    ecid,
    serial: rng.chars(SERIAL_ALPHABET, 10),
    imei,
    imei2,
    meid: imei?.slice(0, 14),
    model,
    iosVersion: release.version,
    buildVersion: release.build,
    modelNumber: `M${rng.chars('KLMNPQRTVWXY', 1)}${rng.chars(SERIAL_ALPHABET, 2)}${rng.int(2, 3)}`,
    regionInfo: rng.pick(REGIONS),
    wifiAddress: macAt(mac, 0),
    bluetoothAddress: macAt(mac, 1),
    ethernetAddress: macAt(mac, 2),
    boardId: rng.int(2, 14),
    dieId: rng.uint32() * 2 ** 16 + rng.int(0, 0xffff),
    mlbSerial: rng.chars(SERIAL_ALPHABET, 17),
    totalDiskBytes,
    systemBytes: 12 * gib + rng.int(0, 2047) * 1024 * 1024,
    baselineUsedBytes: rng.int(3, 18) * gib + rng.int(0, 1023) * 1024 * 1024,
    batteryLevel: rng.int(18, 100),
    batteryCycleCount: rng.int(0, 900),
    batteryHealthPercent: rng.int(78, 100),
  };
}

/** A random-looking hex string of `length` digits from an identity's seed (for data blobs). */
export function seededHex(rng: SeededRandom, length: number): string {
  return rng.chars(HEX, length);
}

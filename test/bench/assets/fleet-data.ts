// Realistic fleet data for the benchmark: models with their IMEI TACs, manufacturer-shaped
// serials, Luhn-valid unique IMEIs, Norwegian-ish people. Deterministic (seeded PRNG).
import { luhnValid } from '../../../electron/common/models/asset.ts';

export const MODELS = [
  { manufacturer: 'Samsung', model: 'Galaxy XCover7', tac: '35693803', os: ['14', '15'], serial: 'R58N' },
  { manufacturer: 'Samsung', model: 'Galaxy A55', tac: '35291611', os: ['14', '15'], serial: 'R5CX' },
  { manufacturer: 'Samsung', model: 'Galaxy S24', tac: '35090927', os: ['14', '15', '16'], serial: 'RFCX' },
  { manufacturer: 'Apple', model: 'iPhone 16e', tac: '35446215', os: ['18.3', '18.4'], serial: 'F4H' },
  { manufacturer: 'Apple', model: 'iPhone 15', tac: '35332574', os: ['17.6', '18.4'], serial: 'G6T' },
  { manufacturer: 'Google', model: 'Pixel 9a', tac: '35850437', os: ['15', '16'], serial: '4A1' },
  { manufacturer: 'Google', model: 'Pixel 8', tac: '35711530', os: ['14', '15', '16'], serial: '3B2' },
  { manufacturer: 'Zebra', model: 'TC58', tac: '35938212', os: ['13', '14'], serial: '2315' },
  { manufacturer: 'Motorola', model: 'moto g54', tac: '35812650', os: ['14'], serial: 'ZY22' },
  { manufacturer: 'Nokia', model: 'XR21', tac: '35164574', os: ['13', '14'], serial: 'NK9' },
] as const;

export const TAGS = ['home-care', 'school', 'loaner', 'vip', 'field', 'pilot', 'spare', 'kiosk'];
export const DEPARTMENTS = [
  'Home care',
  'Schools',
  'Finance',
  'IT',
  'Kindergartens',
  'Roads',
  'Health',
  'Culture',
];
const FIRST = [
  'Kari',
  'Ola',
  'Ingrid',
  'Lars',
  'Nora',
  'Jonas',
  'Emma',
  'Aksel',
  'Sofie',
  'Henrik',
  'Maja',
  'Amir',
];
const LAST = [
  'Nordmann',
  'Hansen',
  'Johansen',
  'Olsen',
  'Larsen',
  'Berg',
  'Haugen',
  'Bakke',
  'Dahl',
  'Lie',
  'Khan',
];

/** mulberry32: a small fast PRNG, so every run seeds the same fleet. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(random: () => number, list: readonly T[]): T =>
  list[Math.floor(random() * list.length)]!;

/** The Luhn check digit that makes 14 digits a valid IMEI. */
export function imeiFrom(fourteen: string): string {
  for (let d = 0; d < 10; d += 1) if (luhnValid(`${fourteen}${d}`)) return `${fourteen}${d}`;
  throw new Error('unreachable');
}

/** The n-th IMEI of a TAC: serial numbers spread over 000000–999999 (n × a prime, mod 10^6). */
export function nthImei(tac: string, n: number): string {
  return imeiFrom(`${tac}${String((n * 7_919) % 1_000_000).padStart(6, '0')}`);
}

/** A manufacturer-shaped serial, unique by its number: prefix + base-36 digits. */
export function serialFor(prefix: string, n: number): string {
  return `${prefix}${((n * 2_654_435_761) % 2 ** 32).toString(36).toUpperCase().padStart(7, '0')}`;
}

export function personName(random: () => number): string {
  return `${pick(random, FIRST)} ${pick(random, LAST)}`;
}

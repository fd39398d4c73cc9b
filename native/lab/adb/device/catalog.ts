// Real phones a depot meets, with the identifiers their builds really report
// (ro.product.* values and build ids), so parsers meet plausible data.

export type SerialStyle = 'pixel' | 'samsung' | 'zebra' | 'motorola' | 'hex';

export interface PhoneModel {
  manufacturer: string;
  brand: string;
  model: string;
  device: string;
  product: string;
  /** Android major versions this model shipped with or was updated to. */
  releases: readonly number[];
  /** Type Allocation Code: the first 8 IMEI digits, fixed per model. */
  tac: string;
  serialStyle: SerialStyle;
  /** Marketed storage in GB; the data partition is a bit smaller. */
  storageGb: number;
  /** Build incremental as the vendor spells it; `#` becomes a random digit, `@` a letter. */
  incremental: string;
  /**
   * The build has no persistent data block (ro.frp.pst unset): no Factory Reset Protection and
   * no Test Harness Mode, whose `cmd testharness enable` stores the adb keys there. GMS builds
   * always have one; the lab's TC52 runs Zebra's non-GMS (AOSP) build, which does not.
   */
  noPersistentDataBlock?: true;
}

export const PHONE_MODELS: readonly PhoneModel[] = [
  {
    manufacturer: 'Google',
    brand: 'google',
    model: 'Pixel 5',
    device: 'redfin',
    product: 'redfin',
    releases: [11, 12, 13, 14],
    tac: '35305411',
    serialStyle: 'pixel',
    storageGb: 128,
    incremental: '########',
  },
  {
    manufacturer: 'Google',
    brand: 'google',
    model: 'Pixel 6',
    device: 'oriole',
    product: 'oriole',
    releases: [12, 13, 14, 15],
    tac: '35189313',
    serialStyle: 'pixel',
    storageGb: 128,
    incremental: '########',
  },
  {
    manufacturer: 'Google',
    brand: 'google',
    model: 'Pixel 7',
    device: 'panther',
    product: 'panther',
    releases: [13, 14, 15, 16],
    tac: '35536714',
    serialStyle: 'pixel',
    storageGb: 128,
    incremental: '########',
  },
  {
    manufacturer: 'Google',
    brand: 'google',
    model: 'Pixel 8',
    device: 'shiba',
    product: 'shiba',
    releases: [14, 15, 16],
    tac: '35467015',
    serialStyle: 'pixel',
    storageGb: 128,
    incremental: '########',
  },
  {
    manufacturer: 'Google',
    brand: 'google',
    model: 'Pixel 9',
    device: 'tokay',
    product: 'tokay',
    releases: [14, 15, 16],
    tac: '35857416',
    serialStyle: 'pixel',
    storageGb: 128,
    incremental: '########',
  },
  {
    manufacturer: 'samsung',
    brand: 'samsung',
    model: 'SM-G991B',
    device: 'o1s',
    product: 'o1sxeea',
    releases: [11, 12, 13, 14, 15],
    tac: '35280211',
    serialStyle: 'samsung',
    storageGb: 128,
    incremental: 'G991BXXS@@@#',
  },
  {
    manufacturer: 'samsung',
    brand: 'samsung',
    model: 'SM-A536B',
    device: 'a53x',
    product: 'a53xnseea',
    releases: [12, 13, 14, 15],
    tac: '35094812',
    serialStyle: 'samsung',
    storageGb: 128,
    incremental: 'A536BXXS@@@#',
  },
  {
    manufacturer: 'samsung',
    brand: 'samsung',
    model: 'SM-S911B',
    device: 'dm1q',
    product: 'dm1qxeea',
    releases: [13, 14, 15, 16],
    tac: '35080615',
    serialStyle: 'samsung',
    storageGb: 256,
    incremental: 'S911BXXS@@@#',
  },
  {
    manufacturer: 'samsung',
    brand: 'samsung',
    model: 'SM-S921B',
    device: 'e1s',
    product: 'e1sxeea',
    releases: [14, 15, 16],
    tac: '35002716',
    serialStyle: 'samsung',
    storageGb: 256,
    incremental: 'S921BXXS@@@#',
  },
  {
    manufacturer: 'samsung',
    brand: 'samsung',
    model: 'SM-G525F',
    device: 'xcover5',
    product: 'xcover5eea',
    releases: [11, 12, 13, 14],
    tac: '35166412',
    serialStyle: 'samsung',
    storageGb: 64,
    incremental: 'G525FXXS@@@#',
  },
  {
    manufacturer: 'Zebra Technologies',
    brand: 'Zebra',
    model: 'TC52',
    device: 'TC52',
    product: 'TC52',
    releases: [11, 13],
    tac: '35395810',
    serialStyle: 'zebra',
    storageGb: 32,
    incremental: '11-##-##.00-RG-U##-STD-HEL-04',
    noPersistentDataBlock: true,
  },
  {
    manufacturer: 'motorola',
    brand: 'motorola',
    model: 'moto g54 5G',
    device: 'cancunf',
    product: 'cancunf_g',
    releases: [13, 14, 15],
    tac: '35973416',
    serialStyle: 'motorola',
    storageGb: 256,
    incremental: '########-@####',
  },
  {
    manufacturer: 'Xiaomi',
    brand: 'Xiaomi',
    model: '2201123G',
    device: 'cupid',
    product: 'cupid_global',
    releases: [12, 13, 14],
    tac: '86813705',
    serialStyle: 'hex',
    storageGb: 128,
    incremental: 'V14.0.#.0.TLCMIXM',
  },
  {
    manufacturer: 'OnePlus',
    brand: 'OnePlus',
    model: 'CPH2449',
    device: 'OP594DL1',
    product: 'CPH2449EEA',
    releases: [13, 14, 15, 16],
    tac: '86462306',
    serialStyle: 'hex',
    storageGb: 256,
    incremental: 'R.#####@#_#-##',
  },
  {
    manufacturer: 'Fairphone',
    brand: 'Fairphone',
    model: 'FP4',
    device: 'FP4',
    product: 'FP4',
    releases: [11, 12, 13],
    tac: '35170111',
    serialStyle: 'hex',
    storageGb: 128,
    incremental: '########',
  },
  {
    manufacturer: 'Fairphone',
    brand: 'Fairphone',
    model: 'FP5',
    device: 'FP5',
    product: 'FP5',
    releases: [13, 14, 15],
    tac: '35193714',
    serialStyle: 'hex',
    storageGb: 256,
    incremental: '########',
  },
];

export interface AndroidRelease {
  release: string;
  sdk: number;
  buildId: string;
  securityPatch: string;
  /** Seconds since the epoch of the build; ro.build.date.utc. */
  buildDateUtc: number;
}

/** One representative build per Android major version (real AOSP build ids). */
export const ANDROID_RELEASES: Readonly<Record<number, AndroidRelease>> = {
  11: {
    release: '11',
    sdk: 30,
    buildId: 'RQ3A.211001.001',
    securityPatch: '2021-10-05',
    buildDateUtc: 1631656800,
  },
  12: {
    release: '12',
    sdk: 31,
    buildId: 'SQ3A.220705.003',
    securityPatch: '2022-07-05',
    buildDateUtc: 1655762400,
  },
  13: {
    release: '13',
    sdk: 33,
    buildId: 'TQ3A.230901.001',
    securityPatch: '2023-09-05',
    buildDateUtc: 1691539200,
  },
  14: {
    release: '14',
    sdk: 34,
    buildId: 'AP2A.240805.005',
    securityPatch: '2024-08-05',
    buildDateUtc: 1720051200,
  },
  15: {
    release: '15',
    sdk: 35,
    buildId: 'BP1A.250505.005',
    securityPatch: '2025-05-05',
    buildDateUtc: 1743465600,
  },
  16: {
    release: '16',
    sdk: 36,
    buildId: 'BP2A.250605.031',
    securityPatch: '2025-06-05',
    buildDateUtc: 1746057600,
  },
};

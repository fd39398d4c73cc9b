// Facts the simulated iPhones are built from: which iOS releases exist (17, 18, then 26 —
// Apple skipped 19–25 when it renamed releases by year), the chip inside each model (the
// chip gives the UDID prefix and HardwarePlatform) and what each model shipped with.
import { PRODUCT_TYPES, type ProductTypeInfo } from '../../../ios/product-types.ts';

export interface IosRelease {
  version: string;
  build: string;
}

/** Releases per major, oldest first; a device picks one of its major's releases. */
export const IOS_RELEASES: Readonly<Record<number, readonly IosRelease[]>> = {
  17: [
    { version: '17.5.1', build: '21F90' },
    { version: '17.6.1', build: '21G93' },
    { version: '17.7', build: '21H16' },
  ],
  18: [
    { version: '18.3.2', build: '22D82' },
    { version: '18.5', build: '22F76' },
    { version: '18.6.2', build: '22G100' },
  ],
  26: [
    { version: '26.0.1', build: '23A355' },
    { version: '26.1', build: '23B85' },
    { version: '26.2', build: '23C55' },
  ],
};

export const IOS_MAJORS = Object.keys(IOS_RELEASES)
  .map(Number)
  .sort((a, b) => a - b);

export interface ChipInfo {
  /** ChipID; the UDID of every A12-or-later device starts with it ("00008110-…"). */
  chipId: number;
  hardwarePlatform: string;
}

const CHIPS = {
  a12: { chipId: 0x8020, hardwarePlatform: 't8020' },
  a13: { chipId: 0x8030, hardwarePlatform: 't8030' },
  a14: { chipId: 0x8101, hardwarePlatform: 't8101' },
  a15: { chipId: 0x8110, hardwarePlatform: 't8110' },
  a16: { chipId: 0x8120, hardwarePlatform: 't8120' },
  a17: { chipId: 0x8130, hardwarePlatform: 't8130' },
  a18: { chipId: 0x8140, hardwarePlatform: 't8140' },
  a19: { chipId: 0x8150, hardwarePlatform: 't8150' },
} satisfies Record<string, ChipInfo>;

interface LabModelFacts {
  chip: ChipInfo;
  /** The iOS major the model shipped with (a device never runs an older one). */
  minIos: number;
  storageGb: readonly number[];
  /** Type Allocation Code: the first eight IMEI digits, per model. */
  tac: string;
}

const FACTS: Record<string, LabModelFacts> = {
  'iPhone11,2': { chip: CHIPS.a12, minIos: 12, storageGb: [64, 256], tac: '35328410' },
  'iPhone11,8': { chip: CHIPS.a12, minIos: 12, storageGb: [64, 128], tac: '35732710' },
  'iPhone12,1': { chip: CHIPS.a13, minIos: 13, storageGb: [64, 128], tac: '35390810' },
  'iPhone12,8': { chip: CHIPS.a13, minIos: 13, storageGb: [64, 128], tac: '35679211' },
  'iPhone13,2': { chip: CHIPS.a14, minIos: 14, storageGb: [64, 128], tac: '35306911' },
  'iPhone14,5': { chip: CHIPS.a15, minIos: 15, storageGb: [128, 256], tac: '35084321' },
  'iPhone14,6': { chip: CHIPS.a15, minIos: 15, storageGb: [64, 128], tac: '35683421' },
  'iPhone14,7': { chip: CHIPS.a15, minIos: 16, storageGb: [128, 256], tac: '35190564' },
  'iPhone15,4': { chip: CHIPS.a16, minIos: 17, storageGb: [128, 256], tac: '35398866' },
  'iPhone16,1': { chip: CHIPS.a17, minIos: 17, storageGb: [128, 256, 512], tac: '35716590' },
  'iPhone17,3': { chip: CHIPS.a18, minIos: 18, storageGb: [128, 256], tac: '35205283' },
  'iPhone17,5': { chip: CHIPS.a18, minIos: 18, storageGb: [128, 256], tac: '35391642' },
  'iPhone18,3': { chip: CHIPS.a19, minIos: 26, storageGb: [256, 512], tac: '35904176' },
  'iPad13,18': { chip: CHIPS.a14, minIos: 16, storageGb: [64, 256], tac: '' },
  'iPad13,19': { chip: CHIPS.a14, minIos: 16, storageGb: [64, 256], tac: '35457319' },
  'iPad14,1': { chip: CHIPS.a15, minIos: 15, storageGb: [64, 256], tac: '' },
};

export interface LabModel extends ProductTypeInfo, LabModelFacts {}

/** Every model of the shared ProductType table that runs at least one lab iOS release. */
export const LAB_MODELS: readonly LabModel[] = PRODUCT_TYPES.flatMap((info) => {
  const facts = FACTS[info.productType];
  return facts === undefined ? [] : [{ ...info, ...facts }];
}).filter((model) => majorsFor(model).length > 0);

/** The lab's iOS majors a model can run (between what it shipped with and its last update). */
export function majorsFor(model: Pick<LabModel, 'minIos' | 'maxIos'>): number[] {
  return IOS_MAJORS.filter((major) => major >= model.minIos && major <= model.maxIos);
}

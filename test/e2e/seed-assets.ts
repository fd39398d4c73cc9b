// Puts a known set of assets into a data directory through the core's registry service
// before the station starts (the same writes the UI's "create" makes). Run with Node 24:
//   node test/e2e/seed-assets.ts <data-dir> <count>
import { createCore } from '../../electron/core/core.ts';
import type { NewAssetInput } from '../../electron/core/assets/assets-service.ts';
import { imeiFrom } from '../bench/assets/fleet-data.ts';

type Model = Pick<NewAssetInput['fields'], 'platform' | 'manufacturer' | 'model' | 'osVersion'>;
const MODELS: readonly Model[] = [
  { platform: 'android', manufacturer: 'Samsung', model: 'Galaxy XCover7', osVersion: '15' },
  { platform: 'ios', manufacturer: 'Apple', model: 'iPhone 16e', osVersion: '18.4' },
  { platform: 'android', manufacturer: 'Google', model: 'Pixel 9a', osVersion: '16' },
  { platform: 'android', manufacturer: 'Zebra', model: 'TC58', osVersion: '14' },
];
const STATES: readonly NonNullable<NewAssetInput['state']>[] = [
  'in_stock',
  'staged',
  'issued',
  'in_repair',
  'ready_for_reissue',
];

/** Serial of the n-th seeded asset (1-based): SN-0001, SN-0002, … */
export function seededSerial(n: number): string {
  return `SN-${String(n).padStart(4, '0')}`;
}

/** Asset tag of the n-th seeded asset: DL-0001, … */
export function seededTag(n: number): string {
  return `DL-${String(n).padStart(4, '0')}`;
}

/** IMEI of the n-th seeded asset: a fixed TAC, n as the serial number, a valid check digit. */
export function seededImei(n: number): string {
  return imeiFrom(`35693803${String(n).padStart(6, '0')}`);
}

export function seedAssets(dataDir: string, count: number): void {
  const core = createCore({ dataDir, frontDoor: 'cli', log: () => {} });
  try {
    for (let n = 1; n <= count; n += 1) {
      core.context.assets.create(
        {
          fields: {
            ...MODELS[n % MODELS.length]!,
            serial: seededSerial(n),
            assetTag: seededTag(n),
            imeis: [seededImei(n)],
          },
          state: STATES[n % STATES.length]!,
        },
        { actor: 'E2E seed', station: 'Seed bench' },
      );
    }
  } finally {
    core.close();
  }
}

if (import.meta.main) {
  const [dataDir, count] = process.argv.slice(2);
  if (!dataDir || !count) throw new Error('usage: seed-assets.ts <data-dir> <count>');
  seedAssets(dataDir, Number(count));
}

// Puts a known set of assets into a data directory through the core itself (there is no
// request that adds assets yet). Run with Node 24 before the station starts:
//   node test/e2e/seed-assets.ts <data-dir> <count>
import { createCore } from '../../electron/core/core.ts';
import type { NewAsset } from '../../electron/core/assets/assets-service.ts';

const MODELS: readonly Omit<NewAsset, 'serial' | 'state'>[] = [
  { platform: 'android', manufacturer: 'Samsung', model: 'Galaxy XCover7', osVersion: '15' },
  { platform: 'ios', manufacturer: 'Apple', model: 'iPhone 16e', osVersion: '18.4' },
  { platform: 'android', manufacturer: 'Google', model: 'Pixel 9a', osVersion: '16' },
  { platform: 'android', manufacturer: 'Zebra', model: 'TC58', osVersion: '14' },
];
const STATES: readonly NewAsset['state'][] = [
  'in_stock',
  'staged',
  'issued',
  'in_repair',
  'ready_for_reissue',
];

/** Serial of the n-th seeded asset (1-based): SN-0001, SN-0002, … */
function seededSerial(n: number): string {
  return `SN-${String(n).padStart(4, '0')}`;
}

export function seedAssets(dataDir: string, count: number): void {
  const core = createCore({ dataDir, frontDoor: 'cli', log: () => {} });
  try {
    for (let n = 1; n <= count; n += 1) {
      const model = MODELS[n % MODELS.length]!;
      const state = STATES[n % STATES.length]!;
      core.context.assets.create(
        { ...model, serial: seededSerial(n), state },
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

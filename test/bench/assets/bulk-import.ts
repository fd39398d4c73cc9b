// 100,000 new assets through the bulk writer the CSV import commits with (one transaction,
// conflict checks, an audit entry per asset, FTS and IMEI rows), on top of the seeded fleet.
import type { AssetFields } from '../../../electron/common/models/asset.ts';
import type { ImportRow } from '../../../electron/core/assets/import-types.ts';
import { MODELS, nthImei, serialFor } from './fleet-data.ts';
import { timed } from './section.ts';
import type { BenchSection } from './section.ts';

const ROWS = Number(process.env.BENCH_ASSETS_IMPORT_ROWS ?? 100_000);

export const bulkImportSection: BenchSection = {
  name: 'bulk-import',
  run(core, fleet) {
    const rows: ImportRow<AssetFields>[] = [];
    const next = [...fleet.perModel];
    for (let i = 0; i < ROWS; i += 1) {
      const m = i % MODELS.length;
      const model = MODELS[m]!;
      const n = (next[m] = next[m]! + 1);
      rows.push({
        row: i + 2,
        fields: {
          assetTag: `IMP-${String(i).padStart(7, '0')}`,
          serial: serialFor(model.serial, n),
          platform: model.manufacturer === 'Apple' ? 'ios' : 'android',
          manufacturer: model.manufacturer,
          model: model.model,
          storageGb: 128,
          osVersion: model.os[0],
          imeis: [nthImei(model.tac, n)],
          udid: null,
          ecid: null,
          purchase: {
            orderNumber: 'PO-2026-77',
            supplier: 'Atea',
            date: '2026-11-20',
            priceMinor: 459_900,
            currency: 'NOK',
            warrantyEnd: '2029-11-20',
          },
          location: 'Depot Oslo',
          roleProfile: 'office',
          conditionGrade: 'A',
          batteryHealth: 100,
          tags: ['delivery-77'],
          notes: '',
          custom: {},
        },
      });
    }
    const [result, ms] = timed(() =>
      core.context.assets.importAssets(rows, {
        updateExisting: false,
        actor: 'Bench',
        station: 'Bench',
        fileName: 'delivery-77.csv',
      }),
    );
    if (!result.committed || result.created !== ROWS)
      throw new Error(
        `import did not commit: ${JSON.stringify({ ...result, issues: result.issues.slice(0, 3), conflicts: result.conflicts.slice(0, 3) })}`,
      );
    return {
      figures: { import_rows: ROWS, import_ms: ms, import_rows_per_s: (ROWS / ms) * 1000 },
      goals: {
        import: {
          description: `${ROWS.toLocaleString('en')} rows committed through the bulk writer in < 10 s`,
          met: ms < 10_000,
        },
      },
    };
  },
};

// Scanner lookups through AssetsService.lookup (what rollout and the search box call): a full
// serial, and the last six digits of an IMEI as read off a label.
import type { BenchSection } from './section.ts';
import { percentile, sample } from './section.ts';

export const lookupSection: BenchSection = {
  name: 'lookups',
  run(core, fleet) {
    const { assets } = core.context;
    const check = (code: string) => {
      if (assets.lookup(code).length === 0) throw new Error(`lookup found nothing for ${code}`);
    };
    sample(fleet.serials.slice(0, 50), check); // warm the statement cache and pages
    const serial = sample(fleet.serials, check);
    const imeiEnds = fleet.imeis.map((imei) => imei.slice(-6));
    const imei = sample(imeiEnds, check);
    const serialP95 = percentile(serial, 95);
    return {
      figures: {
        lookups: serial.length,
        serial_lookup_p50_ms: percentile(serial, 50),
        serial_lookup_p95_ms: serialP95,
        imei_last6_lookup_p50_ms: percentile(imei, 50),
        imei_last6_lookup_p95_ms: percentile(imei, 95),
      },
      goals: {
        serial_lookup: { description: 'lookup by serial p95 < 1 ms', met: serialP95 < 1 },
      },
    };
  },
};

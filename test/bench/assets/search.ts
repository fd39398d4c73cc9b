// The asset table's queries: the search box (model words, person names, tag and serial
// prefixes, IMEI endings) with filters and sorts, each a first page of 100 rows plus the total.
import type { AssetQuery } from '../../../electron/common/models/asset-query.ts';
import { AssetQuerySchema } from '../../../electron/common/models/asset-query.ts';
import { percentile, sample } from './section.ts';
import type { BenchSection } from './section.ts';

type Shape = { kind: string; query: (i: number) => Partial<AssetQuery> };

export const searchSection: BenchSection = {
  name: 'search',
  run(core, fleet) {
    const { assets } = core.context;
    const at = <T>(list: readonly T[], i: number) => list[i % list.length]!;
    const shapes: Shape[] = [
      {
        kind: 'model_word',
        query: (i) => ({ search: at(['xcover', 'pixel', 'iphone 16e', 'tc58', 'XR21'], i) }),
      },
      { kind: 'person_name', query: (i) => ({ search: at(fleet.personNames, i) }) },
      { kind: 'tag_prefix', query: (i) => ({ search: at(fleet.tags, i).slice(0, -1) }) },
      { kind: 'serial_exact', query: (i) => ({ search: at(fleet.serials, i) }) },
      { kind: 'imei_last6', query: (i) => ({ search: at(fleet.imeis, i).slice(-6) }) },
      {
        kind: 'model_word_issued_by_warranty',
        query: (i) => ({
          search: at(['galaxy', 'pixel', 'moto'], i),
          filter: { states: ['issued'], models: [], osVersions: [], departments: [], tags: [] },
          sort: { field: 'warrantyEnd', direction: 'asc' },
        }),
      },
      {
        kind: 'no_search_sorted',
        query: (i) => ({
          sort: { field: at(['updatedAt', 'serial', 'model', 'assetTag'] as const, i), direction: 'desc' },
        }),
      },
      {
        kind: 'department_filter',
        query: (i) => ({
          filter: {
            states: [],
            models: [],
            osVersions: [],
            departments: [at(['Schools', 'IT'], i)],
            tags: [],
          },
        }),
      },
      {
        kind: 'tag_filter',
        query: (i) => ({
          filter: {
            states: [],
            models: [],
            osVersions: [],
            departments: [],
            tags: [at(['vip', 'loaner'], i)],
          },
        }),
      },
    ];
    const figures: Record<string, number> = {};
    const all: number[] = [];
    for (const shape of shapes) {
      const queries = Array.from({ length: 20 }, (_, i) => AssetQuerySchema.parse(shape.query(i)));
      assets.list(queries[0]!, 0, 100); // prepare
      const times = sample(queries, (query) => assets.list(query, 0, 100));
      figures[`search_${shape.kind}_p95_ms`] = percentile(times, 95);
      all.push(...times);
    }
    const p95 = percentile(all, 95);
    return {
      figures: {
        search_queries: all.length,
        search_p50_ms: percentile(all, 50),
        search_p95_ms: p95,
        ...figures,
      },
      goals: {
        search: { description: 'search p95 < 50 ms over mixed queries (first page + total)', met: p95 < 50 },
      },
    };
  },
};

import { useTranslation } from 'react-i18next';
import { ASSET_STATES } from '../../../electron/common/models/asset.ts';
import type { FleetOverview } from '../../../electron/common/models/rollout.ts';
import { languageTag } from '../../app/i18n.ts';
import { useFormatters } from '../../components/use-formatters.ts';

export interface ChartRow {
  label: string;
  value: number;
  /** The value as a person reads it (a count, or an amount with its currency). */
  display: string;
}

export interface ChartSpec {
  id: 'byState' | 'byModel' | 'byOsVersion' | 'byAge' | 'byWarranty' | 'spend' | 'reuse';
  kind: 'bar' | 'donut';
  rows: ChartRow[];
  /** What a row's value is: devices, or money. */
  valueKind: 'count' | 'amount';
}

/** The core's bucket names (see FleetOverviewSchema) → locale keys. */
const AGE_KEYS = {
  '<1y': 'under1',
  '1–2y': '1to2',
  '2–3y': '2to3',
  '3–4y': '3to4',
  '≥4y': 'over4',
  unknown: 'unknown',
} as const;
const WARRANTY_KEYS = {
  expired: 'expired',
  'this quarter': 'thisQuarter',
  'next quarter': 'nextQuarter',
  later: 'later',
  unknown: 'unknown',
} as const;
/** More bars than this are read as a list anyway: the rest are summed in "Other". */
const MAX_BARS = 12;

function known<K extends string>(map: Record<K, string>, key: string): key is K {
  return Object.hasOwn(map, key);
}

/** Each chart of the overview as labelled rows, in the UI's language and number formats. */
export function useFleetCharts(overview: FleetOverview): ChartSpec[] {
  const { t, i18n } = useTranslation();
  const { number } = useFormatters();
  const tag = languageTag(i18n.language === 'nb' ? 'nb' : 'en');
  const count = (label: string, value: number): ChartRow => ({ label, value, display: number(value) });
  const orBlank = (key: string) => (key.trim() === '' ? t('fleet.noValue') : key);
  const top = (rows: ChartRow[]): ChartRow[] => {
    const sorted = [...rows].sort((a, b) => b.value - a.value);
    if (sorted.length <= MAX_BARS) return sorted;
    const rest = sorted.slice(MAX_BARS - 1).reduce((sum, row) => sum + row.value, 0);
    return [...sorted.slice(0, MAX_BARS - 1), count(t('fleet.other'), rest)];
  };

  const byState = [...overview.byState]
    .filter((row) => row.count > 0)
    .sort((a, b) => ASSET_STATES.indexOf(a.key) - ASSET_STATES.indexOf(b.key))
    .map((row) => count(t(`assets.states.${row.key}`), row.count));
  const byAge = overview.byAge.map((row) =>
    count(known(AGE_KEYS, row.key) ? t(`fleet.age.${AGE_KEYS[row.key]}`) : row.key, row.count),
  );
  const byWarranty = overview.byWarranty.map((row) =>
    count(known(WARRANTY_KEYS, row.key) ? t(`fleet.warranty.${WARRANTY_KEYS[row.key]}`) : row.key, row.count),
  );
  const spend = overview.spendByDepartment.map((row) => {
    const money = new Intl.NumberFormat(tag, { style: 'currency', currency: row.currency });
    // Minor units per ISO 4217: øre and cents are hundredths, yen has none.
    const major = row.totalMinor / 10 ** (money.resolvedOptions().maximumFractionDigits ?? 2);
    const department = row.key.trim() === '' ? t('fleet.noDepartment') : row.key;
    return { label: `${department} (${row.currency})`, value: major, display: money.format(major) };
  });
  const reuse = [
    count(t('fleet.reuse.reissued'), overview.reuse.reissued),
    count(t('fleet.reuse.firstIssue'), overview.reuse.firstIssue),
  ];

  return [
    { id: 'byState', kind: 'bar', rows: byState, valueKind: 'count' },
    {
      id: 'byModel',
      kind: 'bar',
      rows: top(overview.byModel.map((r) => count(orBlank(r.key), r.count))),
      valueKind: 'count',
    },
    {
      id: 'byOsVersion',
      kind: 'bar',
      rows: top(overview.byOsVersion.map((r) => count(orBlank(r.key), r.count))),
      valueKind: 'count',
    },
    { id: 'byAge', kind: 'bar', rows: byAge.filter((row) => row.value > 0), valueKind: 'count' },
    { id: 'byWarranty', kind: 'donut', rows: byWarranty.filter((row) => row.value > 0), valueKind: 'count' },
    { id: 'spend', kind: 'bar', rows: [...spend].sort((a, b) => b.value - a.value), valueKind: 'amount' },
    { id: 'reuse', kind: 'donut', rows: reuse.filter((row) => row.value > 0), valueKind: 'count' },
  ];
}

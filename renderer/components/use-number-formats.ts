import { useTranslation } from 'react-i18next';
import { languageTag } from '../app/i18n.ts';

const UNITS = [
  { unit: 'gigabyte', size: 1024 ** 3 },
  { unit: 'megabyte', size: 1024 ** 2 },
  { unit: 'kilobyte', size: 1024 },
] as const;

export interface NumberFormats {
  /** 38 → "38%" / "38 %". */
  percent: (value: number) => string;
  /** 17069 → "16.7 kB" (binary multiples, as file managers on the bench PC show them). */
  bytes: (value: number) => string;
}

/** One set per language for the whole app: Intl formatters are costly to make, and 64 tiles use them. */
const byTag = new Map<string, NumberFormats>();

function formatsFor(tag: string): NumberFormats {
  const percent = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 });
  const byUnit = new Map(
    UNITS.map(({ unit }) => [
      unit,
      new Intl.NumberFormat(tag, { style: 'unit', unit, maximumFractionDigits: 1 }),
    ]),
  );
  const plain = new Intl.NumberFormat(tag);
  return {
    percent: (value) => percent.format(value / 100),
    bytes: (value) => {
      const match = UNITS.find(({ size }) => value >= size);
      return match ? byUnit.get(match.unit)!.format(value / match.size) : `${plain.format(value)} B`;
    },
  };
}

/** Percentages and byte sizes in the UI's locale ("38 %" in Norwegian, "38%" in English). */
export function useNumberFormats(): NumberFormats {
  const { i18n } = useTranslation();
  const tag = languageTag(i18n.language === 'nb' ? 'nb' : 'en');
  let formats = byTag.get(tag);
  if (!formats) {
    formats = formatsFor(tag);
    byTag.set(tag, formats);
  }
  return formats;
}

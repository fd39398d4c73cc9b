import { makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_SETTINGS,
  LOCALES,
  THEMES,
  type SettingKey,
} from '../../../electron/common/models/settings.ts';
import { ASSET_STATES } from '../../../electron/common/models/asset.ts';
import { LOCALE_NAMES } from '../../app/i18n.ts';
import { describeDetails, valueText, type DetailLine } from './audit-details.ts';

const useStyles = makeStyles({
  changes: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
  },
  values: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXXS,
  },
  key: { color: tokens.colorNeutralForeground2 },
  value: { fontWeight: tokens.fontWeightSemibold },
  empty: { fontStyle: 'italic', color: tokens.colorNeutralForeground2 },
  arrow: { color: tokens.colorNeutralForeground2, padding: `0 ${tokens.spacingHorizontalXS}` },
});

const ASSET_FIELDS = ['serial', 'platform', 'manufacturer', 'model', 'osVersion', 'state'] as const;
type AssetField = (typeof ASSET_FIELDS)[number];

function oneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(DEFAULT_SETTINGS, key);
}
function isAssetField(key: string): key is AssetField {
  return (ASSET_FIELDS as readonly string[]).includes(key);
}

/** Changes as "Station name: Bench 1 → Bench 7", one per line; plain values as a compact wrap of key: value. */
export function AuditDetails({ details }: { details: Record<string, unknown> }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const label = (key: string) => {
    if (isSettingKey(key)) return t(`settings.fields.${key}.label`);
    if (isAssetField(key)) return t(`assets.columns.${key}`);
    return key;
  };
  // Coded values read as the UI names them elsewhere ("Norsk bokmål", not "nb").
  const display = (key: string, value: unknown): string => {
    if (key === 'locale' && oneOf(LOCALES, value)) return LOCALE_NAMES[value];
    if (key === 'theme' && oneOf(THEMES, value)) return t(`settings.themes.${value}`);
    if (key === 'state' && oneOf(ASSET_STATES, value)) return t(`assets.states.${value}`);
    if (key === 'platform' && value === 'ios') return 'iOS';
    if (key === 'platform' && value === 'android') return 'Android';
    return valueText(value);
  };
  const show = (key: string, value: unknown) => {
    const text = display(key, value);
    return text === '' ? (
      <span className={styles.empty}>{t('audit.emptyValue')}</span>
    ) : (
      <span className={styles.value}>{text}</span>
    );
  };
  const lines = describeDetails(details);
  const changes = lines.filter((line): line is Extract<DetailLine, { before: unknown }> => 'before' in line);
  const values = lines.filter((line): line is Extract<DetailLine, { value: unknown }> => 'value' in line);

  return (
    <>
      {changes.length > 0 && (
        <ul className={styles.changes}>
          {changes.map((line) => (
            <li key={line.key}>
              <span className={styles.key}>{label(line.key)}: </span>
              {show(line.key, line.before)}
              <span className={styles.arrow} role="img" aria-label={t('audit.changedTo')}>
                →
              </span>
              {show(line.key, line.after)}
            </li>
          ))}
        </ul>
      )}
      {values.length > 0 && (
        <ul className={styles.values}>
          {values.map((line) => (
            <li key={line.key}>
              <span className={styles.key}>{label(line.key)}: </span>
              {show(line.key, line.value)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

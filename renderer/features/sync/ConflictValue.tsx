import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { SyncValue } from '../../../electron/common/models/sync.ts';
import { diffFromBase } from './value-diff.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  value: { overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' },
  empty: { fontStyle: 'italic', color: tokens.colorNeutralForeground2 },
  mark: {
    backgroundColor: tokens.colorPaletteYellowBackground2,
    color: tokens.colorNeutralForeground1,
    borderRadius: tokens.borderRadiusSmall,
    padding: `0 ${tokens.spacingHorizontalXXS}`,
  },
  changed: { color: tokens.colorNeutralForeground2 },
});

interface ConflictValueProps {
  value: SyncValue;
  /** The value both sides agreed on at the last sync; absent for the base column itself. */
  base?: SyncValue;
}

/** One side of a conflict: the value, with the part that differs from the base marked (and said in words). */
export function ConflictValue({ value, base }: ConflictValueProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const compared = base !== undefined && value !== base;
  if (value === null)
    return (
      <span className={styles.root}>
        <span className={styles.empty}>{t('sync.conflicts.emptyValue')}</span>
        {compared && (
          <Text size={200} className={styles.changed}>
            {t('sync.conflicts.changed')}
          </Text>
        )}
      </span>
    );
  const parts = compared ? diffFromBase(base, value) : { before: value, changed: '', after: '' };
  return (
    <span className={styles.root}>
      <span className={styles.value}>
        {parts.before}
        {parts.changed && <mark className={styles.mark}>{parts.changed}</mark>}
        {parts.after}
      </span>
      {compared && (
        <Text size={200} className={styles.changed}>
          {t('sync.conflicts.changed')}
        </Text>
      )}
    </span>
  );
}

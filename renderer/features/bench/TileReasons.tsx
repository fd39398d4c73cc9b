import { memo } from 'react';
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';

const useStyles = makeStyles({
  reasons: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
  },
  reason: {
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    overflowWrap: 'anywhere',
  },
  problem: { color: tokens.colorPaletteRedForeground1 },
  attention: { color: tokens.colorNeutralForeground1 },
});

/** Why the phone is failed, blocked, waiting or needs the technician, in the core's words. */
export const TileReasons = memo(function TileReasons({
  reasons,
  problem,
}: {
  reasons: readonly string[];
  problem: boolean;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  if (reasons.length === 0) return null;
  return (
    <ul className={styles.reasons} aria-label={t('bench.tile.reasons')}>
      {reasons.map((reason) => (
        <li key={reason} className={mergeClasses(styles.reason, problem ? styles.problem : styles.attention)}>
          {reason}
        </li>
      ))}
    </ul>
  );
});

import type { ReactNode } from 'react';
import { makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { Desktop16Regular, Folder16Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useContractQuery } from '../../api/use-contract-query.ts';
import { useSettings } from '../../app/settings-context.tsx';
import { HealthIndicator } from './HealthIndicator.tsx';
import { SyncIndicator } from './SyncIndicator.tsx';

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXL,
    minHeight: '32px',
    padding: `0 ${tokens.spacingHorizontalL}`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
  },
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
  item: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, minWidth: 0 },
  text: { minWidth: 0, display: 'flex' },
  path: {
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    fontFamily: tokens.fontFamilyMonospace,
  },
  grow: { flexShrink: 1 },
  version: { marginLeft: 'auto', whiteSpace: 'nowrap' },
});

function Item({
  icon,
  label,
  children,
  className,
}: {
  icon: ReactNode;
  label: string;
  children: ReactNode;
  className?: string;
}) {
  const styles = useStyles();
  return (
    <div className={mergeClasses(styles.item, className)}>
      <span aria-hidden="true">{icon}</span>
      <Text size={200} className={styles.text}>
        <span className={styles.hidden}>{label}: </span>
        {children}
      </Text>
    </div>
  );
}

/** Core health, station name and data directory, always visible at the bottom of the window. */
export function StatusBar() {
  const styles = useStyles();
  const { t } = useTranslation();
  const { settings } = useSettings();
  const info = useContractQuery('app.info', {});
  const dataDir = info.value?.dataDir;

  return (
    <footer className={styles.bar} aria-label={t('status.regionLabel')}>
      <HealthIndicator />
      <SyncIndicator />
      <Item icon={<Desktop16Regular />} label={t('status.station')}>
        {settings?.stationName ?? '…'}
      </Item>
      <Item icon={<Folder16Regular />} label={t('status.dataDir')} className={styles.grow}>
        {dataDir ? (
          <span className={styles.path} title={dataDir}>
            {dataDir}
          </span>
        ) : (
          '…'
        )}
      </Item>
      {info.value && (
        <Text size={200} className={styles.version}>
          {t('status.version', { version: info.value.version })}
        </Text>
      )}
    </footer>
  );
}

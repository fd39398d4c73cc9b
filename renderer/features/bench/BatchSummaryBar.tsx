import { useEffect, useState, type ReactElement } from 'react';
import { makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import {
  ArrowSyncCircle20Filled,
  CheckmarkCircle20Filled,
  ErrorCircle20Filled,
  Prohibited20Filled,
  Timer20Regular,
} from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { batchSummary, formatElapsed } from './batch-summary.ts';
import { useBenchSnapshot } from './use-bench.ts';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXL}`,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    borderRadius: tokens.borderRadiusLarge,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  title: { marginRight: tokens.spacingHorizontalS },
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXL}`,
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
  item: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, whiteSpace: 'nowrap' },
  count: { fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: 'tabular-nums' },
  done: { color: tokens.colorStatusSuccessForeground1 },
  failed: { color: tokens.colorPaletteRedForeground1 },
  blocked: { color: tokens.colorPaletteDarkOrangeForeground1 },
  running: { color: tokens.colorBrandForeground1 },
  elapsed: { marginLeft: 'auto', color: tokens.colorNeutralForeground2 },
});

/** Re-renders once a second while `active`, for a running clock. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/** Done / failed / blocked / running for the phones of the current batch, and how long it has taken. */
export function BatchSummaryBar() {
  const styles = useStyles();
  const { t } = useTranslation();
  const summary = batchSummary(useBenchSnapshot());
  const running = summary !== undefined && summary.finishedAt === undefined;
  const now = useNow(running);
  if (!summary) return null;

  const item = (
    key: 'done' | 'failed' | 'blocked' | 'running' | 'cancelled',
    icon: ReactElement | undefined,
    count: number,
  ) => (
    <li className={styles.item}>
      {icon && (
        <span aria-hidden="true" className={mergeClasses(styles.item, key !== 'cancelled' && styles[key])}>
          {icon}
        </span>
      )}
      <Text>
        {t(`bench.summary.${key}`)} <span className={styles.count}>{count}</span>
      </Text>
    </li>
  );
  const elapsed = formatElapsed((summary.finishedAt ?? now) - summary.startedAt);

  return (
    <section aria-label={t('bench.summary.label')} className={styles.root}>
      <Text weight="semibold" className={styles.title}>
        {t('bench.summary.title', { count: summary.total })}
      </Text>
      <ul className={styles.list}>
        {item('done', <CheckmarkCircle20Filled />, summary.done)}
        {item('failed', <ErrorCircle20Filled />, summary.failed)}
        {item('blocked', <Prohibited20Filled />, summary.blocked)}
        {item('running', <ArrowSyncCircle20Filled />, summary.running)}
        {summary.cancelled > 0 && item('cancelled', undefined, summary.cancelled)}
      </ul>
      <Text className={mergeClasses(styles.item, styles.elapsed)}>
        <Timer20Regular aria-hidden="true" />
        {t(running ? 'bench.summary.elapsedRunning' : 'bench.summary.elapsed', { time: elapsed })}
      </Text>
    </section>
  );
}

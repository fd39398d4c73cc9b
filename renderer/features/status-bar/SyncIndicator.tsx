import { Link, makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import {
  ArrowSync16Regular,
  CheckmarkCircle16Filled,
  ErrorCircle16Filled,
  PauseCircle16Regular,
  PlugDisconnected16Regular,
  type FluentIcon,
} from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { hrefFor } from '../../app/use-hash-route.ts';
import { useFormatters } from '../../components/use-formatters.ts';
import { VisuallyHidden } from '../../components/VisuallyHidden.tsx';
import { summarizeSync, type SyncSummary } from '../sync/sync-summary.ts';
import { useSyncOverview } from '../sync/use-sync-overview.ts';

const useStyles = makeStyles({
  link: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, whiteSpace: 'nowrap' },
  icon: { flexShrink: 0 },
  idle: { color: tokens.colorPaletteGreenForeground1 },
  failing: { color: tokens.colorPaletteRedForeground1 },
});

const ICON: Record<SyncSummary, FluentIcon> = {
  idle: CheckmarkCircle16Filled,
  syncing: ArrowSync16Regular,
  paused: PauseCircle16Regular,
  offline: PlugDisconnected16Regular,
  failing: ErrorCircle16Filled,
};

/**
 * Sync at a glance, a link to the Sync page: "Synced", "Syncing 1,234", "Paused", "Offline —
 * 1,234 queued", "Failing". Nothing while no connector is set up. A polite live region says
 * when the state changes (not every count).
 */
export function SyncIndicator() {
  const styles = useStyles();
  const { t } = useTranslation();
  const { number } = useFormatters();
  const { overview } = useSyncOverview();
  const summed = overview ? summarizeSync(overview.connectors) : undefined;
  if (!summed) return null;
  const { summary, queued } = summed;
  const Icon = ICON[summary];
  const tone = summary === 'idle' || summary === 'failing' ? styles[summary] : undefined;

  return (
    <>
      <Link href={hrefFor('sync')} appearance="subtle" className={styles.link} data-sync={summary}>
        <Icon aria-hidden="true" className={mergeClasses(styles.icon, tone)} />
        <Text size={200}>
          <VisuallyHidden>{t('sync.indicator.label')}: </VisuallyHidden>
          {t(`sync.indicator.${summary}`, { queued: number(queued) })}
        </Text>
      </Link>
      <VisuallyHidden>
        <span aria-live="polite">{t(`sync.indicator.announce.${summary}`)}</span>
      </VisuallyHidden>
    </>
  );
}

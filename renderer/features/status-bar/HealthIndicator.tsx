import { makeStyles, mergeClasses, Spinner, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useCoreHealth, type CoreHealth } from './use-core-health.ts';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, whiteSpace: 'nowrap' },
  dot: { width: '8px', height: '8px', borderRadius: tokens.borderRadiusCircular, flexShrink: 0 },
  ok: { backgroundColor: tokens.colorPaletteGreenBackground3 },
  degraded: { backgroundColor: tokens.colorPaletteMarigoldBackground3 },
  down: { backgroundColor: tokens.colorPaletteRedBackground3 },
  downText: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

const DOT: Record<CoreHealth, 'ok' | 'degraded' | 'down' | undefined> = {
  ok: 'ok',
  degraded: 'degraded',
  stopping: 'degraded',
  disconnected: 'down',
  connecting: undefined,
};

/** A live region, so a dropped or recovered core is announced without stealing focus. */
export function HealthIndicator() {
  const styles = useStyles();
  const { t } = useTranslation();
  const { health, message } = useCoreHealth();
  const dot = DOT[health];
  const label = t(`status.core.${health}`);

  return (
    <div role="status" className={styles.root} data-health={health}>
      {dot ? (
        <span aria-hidden="true" className={mergeClasses(styles.dot, styles[dot])} />
      ) : (
        <Spinner size="extra-tiny" aria-hidden="true" />
      )}
      <Text size={200} className={health === 'disconnected' ? styles.downText : undefined}>
        {message ? `${label}: ${message}` : label}
      </Text>
    </div>
  );
}

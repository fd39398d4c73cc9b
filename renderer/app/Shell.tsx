import { Suspense, useEffect, useRef } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { Navigation } from './Navigation.tsx';
import { MAIN_ID, SkipLink } from './SkipLink.tsx';
import { ROUTES } from './routes.tsx';
import { useHashRoute } from './use-hash-route.ts';
import { StatusBar } from '../features/status-bar/StatusBar.tsx';
import { LoadingState } from '../components/LoadingState.tsx';

const useStyles = makeStyles({
  shell: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    gridTemplateRows: '1fr auto',
    gridTemplateAreas: '"nav main" "status status"',
    height: '100vh',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  nav: { gridArea: 'nav', minHeight: 0 },
  main: {
    gridArea: 'main',
    minWidth: 0,
    overflow: 'auto',
    padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalXXXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    outline: 'none',
  },
  status: { gridArea: 'status' },
});

export function Shell() {
  const styles = useStyles();
  const { t } = useTranslation();
  const current = useHashRoute();
  const route = ROUTES.find((candidate) => candidate.id === current) ?? ROUTES[0]!;
  const firstRender = useRef(true);

  // After in-app navigation, focus moves to the new page's heading so it is announced.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    document.querySelector<HTMLElement>(`#${MAIN_ID} [data-page-heading]`)?.focus();
  }, [current]);

  return (
    <div className={styles.shell}>
      <SkipLink />
      <div className={styles.nav}>
        <Navigation current={route.id} />
      </div>
      <main id={MAIN_ID} className={styles.main} tabIndex={-1}>
        <Suspense fallback={<LoadingState label={t('common.loadingPage')} />}>
          <route.Page key={route.id} />
        </Suspense>
      </main>
      <div className={styles.status}>
        <StatusBar />
      </div>
    </div>
  );
}

import {
  makeStyles,
  NavDrawer,
  NavDrawerBody,
  NavDrawerHeader,
  NavItem,
  Text,
  tokens,
} from '@fluentui/react-components';
import { PhoneLaptop24Filled } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { ROUTES } from './routes.tsx';
import { hrefFor } from './use-hash-route.ts';
import type { RouteId } from './route-ids.ts';

const useStyles = makeStyles({
  drawer: { height: '100%', borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  brand: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalM}`,
  },
  logo: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    width: '32px',
    height: '32px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  names: { display: 'flex', flexDirection: 'column' },
  tagline: { color: tokens.colorNeutralForeground3 },
});

/** Side navigation: one tab stop, arrow keys move between pages, Enter opens one. */
export function Navigation({ current }: { current: RouteId }) {
  const styles = useStyles();
  const { t } = useTranslation();
  return (
    <NavDrawer
      open
      type="inline"
      selectedValue={current}
      className={styles.drawer}
      aria-label={t('app.navLabel')}
    >
      <NavDrawerHeader>
        <div className={styles.brand}>
          <span className={styles.logo} aria-hidden="true">
            <PhoneLaptop24Filled />
          </span>
          <span className={styles.names}>
            <Text weight="semibold" size={400}>
              {t('app.name')}
            </Text>
            <Text size={200} className={styles.tagline}>
              {t('app.tagline')}
            </Text>
          </span>
        </div>
      </NavDrawerHeader>
      <NavDrawerBody>
        {ROUTES.map(({ id, icon: Icon }) => (
          <NavItem key={id} value={id} href={hrefFor(id)} icon={<Icon />}>
            {t(`nav.${id}`)}
          </NavItem>
        ))}
      </NavDrawerBody>
    </NavDrawer>
  );
}

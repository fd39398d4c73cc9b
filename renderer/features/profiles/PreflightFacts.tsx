import { makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { Preflight } from '../../../electron/common/profile/profile-schema.ts';

const useStyles = makeStyles({
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
  },
});

/** The checks every phone must pass before the profile changes anything on it. */
export function PreflightFacts({ preflight }: { preflight: Preflight }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const { min, max } = preflight.androidVersion;
  const facts = [
    t('profiles.preflight.battery', { percent: preflight.minBatteryPercent }),
    min !== undefined && max !== undefined
      ? t('profiles.preflight.androidBetween', { min, max })
      : min !== undefined
        ? t('profiles.preflight.androidMin', { min })
        : max !== undefined
          ? t('profiles.preflight.androidMax', { max })
          : undefined,
    preflight.requireNoAccounts ? t('profiles.preflight.noAccounts') : undefined,
    preflight.requireNoDeviceOwner ? t('profiles.preflight.noDeviceOwner') : undefined,
    preflight.setupWizard === 'any' ? undefined : t(`profiles.preflight.setup.${preflight.setupWizard}`),
    preflight.requireFreeStorageForPayload ? t('profiles.preflight.freeStorage') : undefined,
  ].filter((fact): fact is string => fact !== undefined);
  return (
    <ul className={styles.list}>
      {facts.map((fact) => (
        <li key={fact}>{fact}</li>
      ))}
    </ul>
  );
}

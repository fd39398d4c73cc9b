import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useContractQuery } from '../../api/use-contract-query.ts';
import { ContractErrorBar } from '../../components/ContractErrorBar.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { ShellWarningBadge } from '../../components/ShellWarningBadge.tsx';
import { partsOf } from './profile-parts.ts';
import { ProfilePartView } from './ProfilePartView.tsx';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    marginTop: tokens.spacingVerticalXL,
    padding: tokens.spacingHorizontalXL,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow2,
  },
  heading: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    flexWrap: 'wrap',
    margin: 0,
  },
  description: { color: tokens.colorNeutralForeground2, margin: 0 },
});

/** One profile in full: for each platform it covers, what it checks before staging and its steps. */
export function ProfileDetails({ row }: { row: number }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const query = useContractQuery('profiles.get', { row });
  const value = query.value?.summary.row === row ? query.value : undefined;
  if (query.error) return <ContractErrorBar error={query.error} onRetry={query.reload} />;
  if (!value) return <LoadingState label={t('profiles.details.loading')} />;
  const { summary, profile } = value;

  return (
    <section className={styles.root} aria-labelledby="profile-details-heading">
      <Text as="h2" size={500} weight="semibold" className={styles.heading} id="profile-details-heading">
        {t('profiles.details.title', { name: summary.name, version: summary.version })}
        {summary.allowShell && <ShellWarningBadge />}
      </Text>
      {summary.description && (
        <Text as="p" className={styles.description}>
          {summary.description}
        </Text>
      )}
      {partsOf(profile).map((entry) => (
        <ProfilePartView key={entry.platform} entry={entry} profileName={summary.name} />
      ))}
    </section>
  );
}

import { Badge, makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { Warning16Filled } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useContractQuery } from '../../api/use-contract-query.ts';
import { ContractErrorBar } from '../../components/ContractErrorBar.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { ShellWarningBadge } from '../../components/ShellWarningBadge.tsx';
import { PreflightFacts } from './PreflightFacts.tsx';
import { stepSummary } from './step-summary.ts';

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
  subheading: { margin: `${tokens.spacingVerticalS} 0 0` },
  steps: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  step: { paddingLeft: tokens.spacingHorizontalXS },
  stepLine: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  summary: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  shell: { color: tokens.colorPaletteRedForeground1 },
});

/** One profile in full: what it checks before staging and each of its steps, in order. */
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
      <Text as="h3" size={400} weight="semibold" className={styles.subheading}>
        {t('profiles.details.preflight')}
      </Text>
      <PreflightFacts preflight={profile.preflight} />
      <Text as="h3" size={400} weight="semibold" className={styles.subheading}>
        {t('profiles.details.steps', { count: profile.steps.length })}
      </Text>
      <ol className={styles.steps} aria-label={t('profiles.details.stepsLabel', { name: summary.name })}>
        {profile.steps.map((step, index) => {
          const summaryText = stepSummary(step, t);
          return (
            <li key={index} className={styles.step}>
              <span className={styles.stepLine}>
                <Badge
                  appearance="tint"
                  color={step.type === 'shell' ? 'danger' : 'informative'}
                  icon={step.type === 'shell' ? <Warning16Filled /> : undefined}
                >
                  {t(`profiles.stepTypes.${step.type}`)}
                </Badge>{' '}
                <Text weight="semibold">{step.label ?? summaryText}</Text>
              </span>{' '}
              {step.label && (
                <Text
                  as="p"
                  size={200}
                  className={mergeClasses(styles.summary, step.type === 'shell' && styles.shell)}
                >
                  {summaryText}
                </Text>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

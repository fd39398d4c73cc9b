import { useId } from 'react';
import { Badge, makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { Warning16Filled } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { preflightFacts, type PlatformPart } from './profile-parts.ts';
import { stepSummary, type ProfileStep } from './step-summary.ts';

const useStyles = makeStyles({
  part: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    paddingTop: tokens.spacingVerticalM,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  heading: { margin: 0 },
  subheading: { margin: `${tokens.spacingVerticalXS} 0 0` },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXXL,
    display: 'flex',
    flexDirection: 'column',
  },
  facts: { gap: tokens.spacingVerticalXXS },
  steps: { gap: tokens.spacingVerticalS },
  step: { paddingLeft: tokens.spacingHorizontalXS },
  stepLine: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  summary: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere', margin: 0 },
  shell: { color: tokens.colorPaletteRedForeground1 },
});

function StepItem({ step }: { step: ProfileStep }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const summary = stepSummary(step, t);
  const shell = step.type === 'shell';
  return (
    <li className={styles.step}>
      <span className={styles.stepLine}>
        <Badge
          appearance="tint"
          color={shell ? 'danger' : 'informative'}
          icon={shell ? <Warning16Filled /> : undefined}
        >
          {t(`profiles.stepTypes.${step.type}`)}
        </Badge>{' '}
        <Text weight="semibold">{step.label ?? summary}</Text>
      </span>{' '}
      {step.label && (
        <Text as="p" size={200} className={mergeClasses(styles.summary, shell && styles.shell)}>
          {summary}
        </Text>
      )}
    </li>
  );
}

/** One platform's part of a profile: what it checks before staging, then its steps in order. */
export function ProfilePartView({ entry, profileName }: { entry: PlatformPart; profileName: string }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const headingId = useId();
  const preflightId = useId();
  const platform = t(`platforms.${entry.platform}`);
  const steps: readonly ProfileStep[] = entry.part.steps;
  return (
    <section className={styles.part} aria-labelledby={headingId}>
      <Text as="h3" size={400} weight="semibold" className={styles.heading} id={headingId}>
        {platform}
      </Text>
      <Text as="h4" size={300} weight="semibold" className={styles.subheading} id={preflightId}>
        {t('profiles.details.preflight')}
      </Text>
      <ul className={mergeClasses(styles.list, styles.facts)} aria-labelledby={preflightId}>
        {preflightFacts(entry, t).map((fact) => (
          <li key={fact}>{fact}</li>
        ))}
      </ul>
      <Text as="h4" size={300} weight="semibold" className={styles.subheading}>
        {t('profiles.details.steps', { count: steps.length })}
      </Text>
      <ol
        className={mergeClasses(styles.list, styles.steps)}
        aria-label={t('profiles.details.stepsLabel', { platform, name: profileName })}
      >
        {steps.map((step, index) => (
          <StepItem key={index} step={step} />
        ))}
      </ol>
    </section>
  );
}

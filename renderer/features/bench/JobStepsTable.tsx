import {
  Badge,
  type BadgeProps,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../components/use-formatters.ts';
import type { JobLog } from './use-job-log.ts';

type StepStatus = JobLog[number]['status'];

const STATUS_BADGE: Record<
  StepStatus,
  { color: NonNullable<BadgeProps['color']>; appearance: NonNullable<BadgeProps['appearance']> }
> = {
  pending: { color: 'informative', appearance: 'outline' },
  applying: { color: 'brand', appearance: 'tint' },
  verified: { color: 'success', appearance: 'tint' },
  failed: { color: 'danger', appearance: 'tint' },
};

const useStyles = makeStyles({
  index: { width: '40px' },
  status: { width: '120px' },
  attempts: { width: '90px' },
  time: { width: '190px' },
  step: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} 0`,
  },
  type: { color: tokens.colorNeutralForeground3 },
  message: { color: tokens.colorStatusDangerForeground3, overflowWrap: 'anywhere' },
  outcome: { color: tokens.colorNeutralForeground2 },
});

/** Each step of the job: its status, attempts, outcome, the device's message and when it ran. */
export function JobStepsTable({ steps, slot }: { steps: JobLog; slot: string }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const { preciseDateTime } = useFormatters();

  return (
    <Table aria-label={t('bench.log.tableLabel', { slot })} size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell className={styles.index}>{t('bench.log.columns.index')}</TableHeaderCell>
          <TableHeaderCell>{t('bench.log.columns.step')}</TableHeaderCell>
          <TableHeaderCell className={styles.status}>{t('bench.log.columns.status')}</TableHeaderCell>
          <TableHeaderCell className={styles.attempts}>{t('bench.log.columns.attempts')}</TableHeaderCell>
          <TableHeaderCell className={styles.time}>{t('bench.log.columns.time')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {steps.map((step) => (
          <TableRow key={step.index}>
            <TableCell className={styles.index}>{step.index + 1}</TableCell>
            <TableCell>
              <div className={styles.step}>
                <Text weight="semibold">{step.label}</Text>
                <Text size={200} className={styles.type}>
                  {step.type}
                  {step.outcome && (
                    <span className={styles.outcome}>
                      {' '}
                      ·{' '}
                      {t(
                        step.outcome === 'already-satisfied'
                          ? 'bench.log.alreadySatisfied'
                          : 'bench.log.applied',
                      )}
                    </span>
                  )}
                </Text>
                {step.message && (
                  <Text size={200} className={step.status === 'failed' ? styles.message : undefined}>
                    {step.message}
                  </Text>
                )}
              </div>
            </TableCell>
            <TableCell className={styles.status}>
              <Badge {...STATUS_BADGE[step.status]}>{t(`bench.log.statuses.${step.status}`)}</Badge>
            </TableCell>
            <TableCell className={styles.attempts}>{step.attempts}</TableCell>
            <TableCell className={styles.time}>
              <Text size={200}>
                {step.finishedAt
                  ? preciseDateTime(step.finishedAt)
                  : step.startedAt
                    ? preciseDateTime(step.startedAt)
                    : '—'}
              </Text>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

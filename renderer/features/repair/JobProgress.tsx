import { useState } from 'react';
import {
  Badge,
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Certificate20Regular, Stop20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { BenchRow, RepairJobPhase, RepairJobView } from '../../../electron/common/models/repair.ts';
import { useApi } from '../../api/api-context.tsx';
import { CompactTable } from '../../components/CompactTable.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { ConfirmWipeDialog } from './ConfirmWipeDialog.tsx';
import type { RepairAction } from './use-repair-action.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  line: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  steps: { margin: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
});

/** How far along the way to a readback each running phase is. */
const PHASE_STEPS: readonly RepairJobPhase[] = ['started', 'accepted', 'device_gone', 'device_back'];

const INTENT: Record<RepairJobPhase, 'brand' | 'success' | 'warning' | 'danger'> = {
  started: 'brand',
  accepted: 'brand',
  device_gone: 'brand',
  device_back: 'brand',
  verified: 'success',
  not_verified: 'warning',
  failed: 'danger',
};

interface JobProgressProps {
  row: BenchRow;
  job: RepairJobView;
  action: RepairAction;
  onRow: (row: BenchRow) => void;
}

/** A wipe job: its phase as a progress bar, a guided wipe's steps, the readback checks and what is left to do. */
export function JobProgress({ row, job, action, onRow }: JobProgressProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const api = useApi();
  const { dateTime } = useFormatters();
  const [confirming, setConfirming] = useState(false);
  const step = PHASE_STEPS.indexOf(job.phase);
  const busy = action.busy !== undefined;

  return (
    <div className={styles.root} data-testid="repair-job" data-phase={job.phase}>
      <div className={styles.line}>
        {!job.finished && <Spinner size="tiny" aria-hidden="true" />}
        <Text weight="semibold">{t(`repair.methods.${job.method}`)}</Text>
        <Badge appearance="filled" color={INTENT[job.phase]}>
          {t(`repair.phases.${job.phase}`)}
        </Badge>
      </div>
      {!job.finished && (
        <ProgressBar
          value={(step + 1) / (PHASE_STEPS.length + 1)}
          aria-label={t('repair.job.progressLabel', { phase: t(`repair.phases.${job.phase}`) })}
          aria-valuetext={t(`repair.phases.${job.phase}`)}
        />
      )}
      {!job.finished && job.instructions.length > 0 && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <Text weight="semibold">{t('repair.job.followSteps')}</Text>
            <ol className={styles.steps}>
              {job.instructions.map((instruction, index) => (
                <li key={index}>{instruction}</li>
              ))}
            </ol>
          </MessageBarBody>
        </MessageBar>
      )}
      {!job.finished && job.waitUntil && (
        <Text className={styles.muted}>{t('repair.job.waitUntil', { at: dateTime(job.waitUntil) })}</Text>
      )}
      {job.message && <Text>{job.message}</Text>}
      {job.checks.length > 0 && (
        <CompactTable
          label={t('repair.job.checksLabel')}
          rows={job.checks}
          rowKey={(check) => check.name}
          columns={[
            { header: t('repair.job.check'), cell: (check) => check.name },
            { header: t('repair.job.expected'), cell: (check) => check.expected },
            { header: t('repair.job.observed'), cell: (check) => check.observed },
            {
              header: t('repair.job.result'),
              cell: (check) => (
                <Badge appearance="tint" color={check.passed ? 'success' : 'danger'}>
                  {check.passed ? t('repair.job.passed') : t('repair.job.failed')}
                </Badge>
              ),
            },
          ]}
        />
      )}
      {job.confirmation && (
        <Text className={styles.muted}>
          {t('repair.job.confirmedBy', {
            by: job.confirmation.by,
            at: dateTime(job.confirmation.at),
            note: job.confirmation.note,
          })}
        </Text>
      )}
      <div className={styles.line}>
        {!job.finished && (
          <Button
            icon={action.busy === 'stop' ? <Spinner size="tiny" /> : <Stop20Regular />}
            disabled={busy}
            onClick={() =>
              void action.run(
                'stop',
                () => api.request('repair.stopWaiting', { jobId: job.id, note: '' }),
                onRow,
              )
            }
          >
            {job.instructions.length > 0 ? t('repair.job.guidedDone') : t('repair.job.stopWaiting')}
          </Button>
        )}
        {row.nextStep === 'confirm_wipe' && !job.confirmation && (
          <Button appearance="primary" disabled={busy} onClick={() => setConfirming(true)}>
            {t('repair.job.confirm')}
          </Button>
        )}
        {job.certificateError && (
          <Button
            icon={action.busy === 'certify' ? <Spinner size="tiny" /> : <Certificate20Regular />}
            disabled={busy}
            onClick={() =>
              void action.run('certify', () => api.request('repair.certify', { jobId: job.id }), onRow)
            }
          >
            {t('repair.job.certifyAgain')}
          </Button>
        )}
      </div>
      {job.certificateError && (
        <MessageBar intent="error">
          <MessageBarBody>
            {t('repair.job.certificateError', { message: job.certificateError })}
          </MessageBarBody>
        </MessageBar>
      )}
      {confirming && (
        <ConfirmWipeDialog
          jobId={job.id}
          onClose={() => setConfirming(false)}
          onDone={(next) => {
            setConfirming(false);
            onRow(next);
          }}
        />
      )}
    </div>
  );
}

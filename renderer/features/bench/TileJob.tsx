import { memo } from 'react';
import { makeStyles, ProgressBar, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { DeviceState } from '../../../electron/common/models/device.ts';
import type { JobView } from '../../../electron/common/models/staging.ts';
import { STATE_LOOK } from './device-states.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  line: { display: 'flex', justifyContent: 'space-between', gap: tokens.spacingHorizontalS, minWidth: 0 },
  step: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 },
  profile: { color: tokens.colorNeutralForeground3, whiteSpace: 'nowrap', flexShrink: 0 },
});

/** Device states in which the tile shows its latest job. */
const JOB_STATES: ReadonlySet<DeviceState> = new Set([
  'staging',
  'waiting_for_device',
  'done',
  'failed',
  'blocked',
]);

/** Where the device's job is: step i of n and its label, with a progress bar. */
export const TileJob = memo(function TileJob({
  job,
  state,
  slotName,
}: {
  job: JobView | undefined;
  state: DeviceState;
  slotName: string;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  if (!job) return null;
  const profile = (
    <Text size={200} className={styles.profile}>
      {t('bench.tile.profile', { profile: job.profile, version: job.profileVersion })}
    </Text>
  );
  if (!JOB_STATES.has(state)) {
    return job.state === 'cancelled' ? (
      <div className={styles.line}>
        <Text size={200}>{t('bench.tile.lastCancelled')}</Text>
        {profile}
      </div>
    ) : null;
  }

  const current = Math.min(job.stepIndex + 1, job.stepCount);
  const label = job.stepLabel ?? '';
  let text: string;
  if (job.state === 'queued') text = t('bench.tile.queued');
  else if (job.state === 'preflight') text = t('bench.tile.preflight');
  else if (job.state === 'done') text = t('bench.tile.allDone', { count: job.stepCount });
  else if (job.state === 'blocked') text = t('bench.tile.blockedBefore');
  else if (job.state === 'failed') text = t('bench.tile.failedAt', { current, count: job.stepCount });
  else text = t('bench.tile.step', { current, count: job.stepCount });
  const showLabel =
    label !== '' && (job.state === 'running' || job.state === 'waiting_for_device' || job.state === 'failed');

  const indeterminate = job.state === 'queued' || job.state === 'preflight';
  const value = job.state === 'done' ? 1 : job.stepCount > 0 ? job.stepIndex / job.stepCount : 0;
  return (
    <div className={styles.root}>
      <div className={styles.line}>
        <Text size={200} weight="semibold" className={styles.step}>
          {text}
        </Text>
        {profile}
      </div>
      {showLabel && (
        <Text size={200} className={styles.step} title={label}>
          {label}
        </Text>
      )}
      {job.state !== 'blocked' && (
        <ProgressBar
          aria-label={t('bench.tile.progressLabel', { slot: slotName })}
          value={indeterminate ? undefined : value}
          color={STATE_LOOK[state].progress}
          thickness="large"
        />
      )}
    </div>
  );
});

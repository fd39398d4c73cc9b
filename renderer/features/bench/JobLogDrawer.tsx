import {
  Badge,
  Button,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  makeStyles,
  OverlayDrawer,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Dismiss24Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { ContractErrorBar } from '../../components/ContractErrorBar.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { STATE_LOOK } from './device-states.ts';
import { JobStepsTable } from './JobStepsTable.tsx';
import { useDevice, useLatestJob } from './use-bench.ts';
import { useJobLog } from './use-job-log.ts';

const useStyles = makeStyles({
  body: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    paddingBottom: tokens.spacingVerticalXXL,
  },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, minWidth: 0, overflowWrap: 'anywhere' },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  reasons: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** One phone's latest job, step by step; follows the job live while the drawer is open. */
export function JobLogDrawer({ serial, onClose }: { serial: string; onClose: () => void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const { preciseDateTime } = useFormatters();
  const device = useDevice(serial);
  const job = useLatestJob(serial);
  const log = useJobLog(job);
  const slot = device?.slotName ?? serial;
  const look = device ? STATE_LOOK[device.state] : undefined;
  const Icon = look?.icon;

  return (
    <OverlayDrawer open position="end" size="large" onOpenChange={(_, data) => !data.open && onClose()}>
      <DrawerHeader>
        <DrawerHeaderTitle
          action={
            <Button
              appearance="subtle"
              aria-label={t('bench.log.close')}
              icon={<Dismiss24Regular />}
              onClick={onClose}
            />
          }
        >
          {t('bench.log.title', { slot })}
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody className={styles.body}>
        <dl className={styles.facts}>
          {device && look && Icon && (
            <>
              <dt className={styles.term}>{t('bench.log.device')}</dt>
              <dd className={styles.value}>
                {device.identity ? `${device.identity.manufacturer} ${device.identity.model} · ` : ''}
                <span className={styles.mono}>{device.identity?.serial ?? device.serial}</span>
              </dd>
              <dt className={styles.term}>{t('bench.log.state')}</dt>
              <dd className={styles.value}>
                <Badge appearance={look.appearance} color={look.badge} icon={<Icon />}>
                  {t(`bench.states.${device.state}`)}
                </Badge>
              </dd>
            </>
          )}
          {job && (
            <>
              <dt className={styles.term}>{t('bench.log.profile')}</dt>
              <dd className={styles.value}>
                {t('bench.tile.profile', { profile: job.profile, version: job.profileVersion })}
              </dd>
              <dt className={styles.term}>{t('bench.log.job')}</dt>
              <dd className={styles.value}>
                {t('bench.log.jobState', {
                  job: job.jobId,
                  batch: job.batchId,
                  state: t(`bench.jobStates.${job.state}`),
                })}
              </dd>
              <dt className={styles.term}>{t('bench.log.started')}</dt>
              <dd className={styles.value}>{preciseDateTime(job.startedAt)}</dd>
              {job.finishedAt && (
                <>
                  <dt className={styles.term}>{t('bench.log.finished')}</dt>
                  <dd className={styles.value}>{preciseDateTime(job.finishedAt)}</dd>
                </>
              )}
            </>
          )}
        </dl>
        {job && job.reasons.length > 0 && (
          <section aria-label={t('bench.tile.reasons')}>
            <ul className={styles.reasons}>
              {job.reasons.map((reason) => (
                <li key={reason}>
                  <Text>{reason}</Text>
                </li>
              ))}
            </ul>
          </section>
        )}
        {!job && <Text>{t('bench.log.noJob')}</Text>}
        {log.error && <ContractErrorBar error={log.error} />}
        {job && !log.steps && log.loading && <LoadingState label={t('bench.log.loading')} />}
        {log.steps && <JobStepsTable steps={log.steps} slot={slot} />}
      </DrawerBody>
    </OverlayDrawer>
  );
}

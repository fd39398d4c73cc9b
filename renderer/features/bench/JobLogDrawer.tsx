import {
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
import { FactList, type Fact } from '../../components/FactList.tsx';
import { ContractErrorBar } from '../../components/ContractErrorBar.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { deviceFacts, jobFacts } from './log-facts.tsx';
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
  const facts: Fact[] = [
    ...(device ? deviceFacts(device, t) : []),
    ...(job ? jobFacts(job, t, preciseDateTime) : []),
  ];

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
        <FactList facts={facts} />
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

import { useState } from 'react';
import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { BenchRow } from '../../../electron/common/models/repair.ts';
import { useApi } from '../../api/api-context.tsx';
import { JobProgress } from './JobProgress.tsx';
import { WipeMethods, type Destination } from './WipeMethods.tsx';
import type { RepairAction } from './use-repair-action.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground2 },
});

interface WipeSectionProps {
  row: BenchRow;
  action: RepairAction;
  onRow: (row: BenchRow) => void;
}

/** The wipe: the device's methods (why not, and the steps of guided ones), then the job's progress. */
export function WipeSection({ row, action, onRow }: WipeSectionProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const api = useApi();
  const job = row.job;
  const canChoose = row.plugged && (job === null || job.phase === 'failed') && row.checklist !== null;
  const [destination, setDestination] = useState<Destination>('reissue');

  return (
    <section className={styles.root} aria-labelledby={`repair-wipe-${row.intake.id}`}>
      <Text as="h4" weight="semibold" id={`repair-wipe-${row.intake.id}`}>
        {t('repair.wipe.title')}
      </Text>
      {job && <JobProgress row={row} job={job} action={action} onRow={onRow} />}
      {!job && !row.plugged && <Text className={styles.muted}>{t('repair.wipe.plugIn')}</Text>}
      {!job && row.plugged && !row.checklist && (
        <Text className={styles.muted}>{t('repair.wipe.checkFirst')}</Text>
      )}
      {canChoose && (
        <WipeMethods
          row={row}
          busy={action.busy !== undefined}
          wiping={action.busy === 'wipe'}
          destination={destination}
          onDestination={setDestination}
          onWipe={(method) =>
            void action.run(
              'wipe',
              () => api.request('repair.wipe', { assetId: row.asset.id, method, destination }),
              onRow,
            )
          }
        />
      )}
    </section>
  );
}

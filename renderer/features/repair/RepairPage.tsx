import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { WrenchScrewdriver24Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { ContractErrorBar } from '../../components/ContractErrorBar.tsx';
import { useContractQuery } from '../../api/use-contract-query.ts';
import { IntakePanel } from './IntakePanel.tsx';
import { RepairCard } from './RepairCard.tsx';
import { useRepairBench } from './use-repair-bench.ts';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXL },
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  heading: { margin: 0 },
});

/**
 * The repair bench: returned devices are taken in by scan, checked for blockers, wiped and
 * verified by readback, certified, graded and released for re-issue. Follows the core live
 * through `repair.changed`.
 */
export function RepairPage() {
  const styles = useStyles();
  const { t } = useTranslation();
  const bench = useRepairBench();
  const settings = useContractQuery('repair.settings.get', {});
  const rows = (bench.rows ?? []).filter((row) => row.intake.closedAt === null || row.nextStep === 'done');

  return (
    <>
      <PageHeader title={t('repair.title')} description={t('repair.description')} />
      <div className={styles.page}>
        <IntakePanel onTakenIn={bench.upsert} />
        {bench.error && <ContractErrorBar error={bench.error} onRetry={bench.reload} />}
        <section className={styles.list} aria-labelledby="repair-devices-heading">
          <Text as="h2" id="repair-devices-heading" size={500} weight="semibold" className={styles.heading}>
            {t('repair.devices', { count: rows.length })}
          </Text>
          {!bench.rows && bench.loading && <LoadingState label={t('repair.loading')} />}
          {bench.rows && rows.length === 0 && (
            <EmptyState icon={<WrenchScrewdriver24Regular />} title={t('repair.empty.title')}>
              {t('repair.empty.body')}
            </EmptyState>
          )}
          {rows.map((row) => (
            <RepairCard
              key={row.intake.id}
              row={row}
              minimumOs={settings.value?.minimumOsVersion[row.asset.platform] ?? ''}
              onRow={bench.upsert}
            />
          ))}
        </section>
      </div>
    </>
  );
}

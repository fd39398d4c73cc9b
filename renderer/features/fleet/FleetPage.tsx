import { makeStyles, tokens } from '@fluentui/react-components';
import { ChartMultiple24Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { FleetOverview } from '../../../electron/common/models/rollout.ts';
import { useContractQuery } from '../../api/use-contract-query.ts';
import { ContractErrorBar } from '../../components/ContractErrorBar.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { FigureList } from '../../components/FigureList.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { useNumberFormats } from '../../components/use-number-formats.ts';
import { ChartPanel } from './ChartPanel.tsx';
import { useFleetCharts } from './fleet-charts.ts';

const useStyles = makeStyles({
  error: { marginBottom: tokens.spacingVerticalM },
  figures: { marginBottom: tokens.spacingVerticalL },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(420px, 1fr))',
    gap: tokens.spacingHorizontalL,
  },
});

/** The fleet at a glance: counts by state, model, OS, age and warranty; spend per department; reuse. */
export function FleetPage() {
  const styles = useStyles();
  const { t } = useTranslation();
  const query = useContractQuery('fleet.overview', {});
  const overview = query.value;

  return (
    <>
      <PageHeader title={t('fleet.title')} description={t('fleet.description')} />
      {query.error && (
        <div className={styles.error}>
          <ContractErrorBar error={query.error} onRetry={query.reload} />
        </div>
      )}
      {!overview && query.loading && <LoadingState label={t('fleet.loading')} />}
      {overview && overview.total === 0 && (
        <EmptyState icon={<ChartMultiple24Regular />} title={t('fleet.empty.title')}>
          {t('fleet.empty.body')}
        </EmptyState>
      )}
      {overview && overview.total > 0 && <Overview overview={overview} />}
    </>
  );
}

function Overview({ overview }: { overview: FleetOverview }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const { number } = useFormatters();
  const { percent } = useNumberFormats();
  const charts = useFleetCharts(overview);
  const issued = overview.byState.find((row) => row.key === 'issued')?.count ?? 0;
  const figures = [
    { id: 'total', value: number(overview.total) },
    { id: 'issued', value: number(issued) },
    { id: 'reuse', value: overview.reuse.rate === null ? '—' : percent(overview.reuse.rate * 100) },
  ] as const;

  return (
    <>
      <FigureList
        className={styles.figures}
        figures={figures.map((figure) => ({ ...figure, label: t(`fleet.figures.${figure.id}`) }))}
      />
      <div className={styles.grid}>
        {charts.map((spec) => (
          <ChartPanel key={spec.id} spec={spec} title={t(`fleet.charts.${spec.id}`)} />
        ))}
      </div>
    </>
  );
}

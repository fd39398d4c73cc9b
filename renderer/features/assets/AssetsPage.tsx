import { makeStyles, ProgressBar, tokens } from '@fluentui/react-components';
import { BoxMultiple24Regular, PhoneLaptop20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { LoadingState, useDelayedFlag } from '../../components/LoadingState.tsx';
import { ContractErrorBar } from '../../components/ContractErrorBar.tsx';
import { Pager } from '../../components/Pager.tsx';
import { AssetsTable } from './AssetsTable.tsx';
import { PAGE_SIZE, useAssetsPage } from './use-assets-page.ts';

const useStyles = makeStyles({
  progress: { height: '2px', marginBottom: tokens.spacingVerticalXS },
  error: { marginBottom: tokens.spacingVerticalM },
});

export function AssetsPage() {
  const styles = useStyles();
  const { t } = useTranslation();
  const { query, sort, page, setPage, sortBy } = useAssetsPage();
  const slow = useDelayedFlag(query.loading);
  const list = query.value;

  return (
    <>
      <PageHeader title={t('assets.title')} description={t('assets.description')} />
      {query.error && (
        <div className={styles.error}>
          <ContractErrorBar error={query.error} onRetry={query.reload} />
        </div>
      )}
      {!list && query.loading && <LoadingState label={t('assets.loading')} />}
      {list && list.total === 0 && (
        <EmptyState
          icon={<BoxMultiple24Regular />}
          title={t('assets.empty.title')}
          actions={
            <LinkButton to="bench" appearance="secondary" icon={<PhoneLaptop20Regular />}>
              {t('assets.empty.action')}
            </LinkButton>
          }
        >
          {t('assets.empty.body')}
        </EmptyState>
      )}
      {list && list.total > 0 && (
        <>
          <div className={styles.progress}>{slow && <ProgressBar aria-label={t('assets.loading')} />}</div>
          <AssetsTable assets={list.items} sort={sort} busy={query.loading} onSort={sortBy} />
          <Pager
            page={page}
            pageSize={PAGE_SIZE}
            total={list.total}
            disabled={query.loading}
            onPageChange={setPage}
          />
        </>
      )}
    </>
  );
}

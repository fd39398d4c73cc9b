import { useCallback, useState } from 'react';
import { Link, makeStyles, ProgressBar, Text, tokens } from '@fluentui/react-components';
import { BoxMultiple24Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { Asset } from '../../../electron/common/models/asset.ts';
import { useApi } from '../../api/api-context.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { LoadingState, useDelayedFlag } from '../../components/LoadingState.tsx';
import { ContractErrorBar } from '../../components/ContractErrorBar.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { AssetDetailDrawer } from './detail/AssetDetailDrawer.tsx';
import { ImportDialog } from './import/ImportDialog.tsx';
import { AssetsTable } from './AssetsTable.tsx';
import { AssetsToolbar } from './AssetsToolbar.tsx';
import { CustomFieldsDialog } from './CustomFieldsDialog.tsx';
import { activeFilterCount, useAssetQueryState } from './asset-query-state.ts';
import { useAssetWindow } from './use-asset-window.ts';
import { useDownload } from './use-download.ts';
import { useSelection } from './use-selection.ts';

const useStyles = makeStyles({
  status: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, minHeight: '24px' },
  progress: { flex: 1, maxWidth: '240px' },
  error: { marginBottom: tokens.spacingVerticalM },
});

export function AssetsPage() {
  const styles = useStyles();
  const { t } = useTranslation();
  const { number } = useFormatters();
  const api = useApi();
  const state = useAssetQueryState();
  const rows = useAssetWindow(state.query);
  const selection = useSelection();
  const download = useDownload();
  const [openId, setOpenId] = useState<number | undefined>(undefined);
  const [dialog, setDialog] = useState<'import' | 'customFields' | undefined>(undefined);
  const slow = useDelayedFlag(rows.loading);
  const onOpen = useCallback((asset: Asset) => setOpenId(asset.id), []);
  const filtered = state.query.search !== '' || activeFilterCount(state.query.filter) > 0;
  const total = rows.total;

  return (
    <>
      <PageHeader title={t('assets.title')} description={t('assets.description')} />
      <AssetsToolbar
        query={state.query}
        searchText={state.searchText}
        onSearchText={state.setSearchText}
        filter={state.filter}
        onFilter={state.setFilter}
        onApplySaved={state.apply}
        selectedCount={selection.ids.size}
        busy={download.busy}
        onExport={() => void download.run('export', () => api.request('assets.export', state.query))}
        onLabels={() =>
          void download.run('labels', () =>
            api.request('assets.labels', { ids: [...selection.ids], layout: 'a4-3x8' }),
          )
        }
        onImport={() => setDialog('import')}
        onCustomFields={() => setDialog('customFields')}
      />
      {(rows.error ?? download.error) && (
        <div className={styles.error}>
          <ContractErrorBar
            error={(rows.error ?? download.error)!}
            onRetry={rows.error ? rows.reload : download.dismiss}
          />
        </div>
      )}
      <div className={styles.status}>
        {total !== undefined && (
          <Text role="status" aria-live="polite">
            {rows.totalCapped
              ? t('assets.totalCapped', { formatted: number(total) })
              : t('assets.total', { count: total, formatted: number(total) })}
            {selection.ids.size > 0 && ` · ${t('assets.selected', { count: selection.ids.size })}`}
          </Text>
        )}
        {selection.ids.size > 0 && (
          <Link as="button" onClick={selection.clear}>
            {t('assets.clearSelection')}
          </Link>
        )}
        {slow && <ProgressBar className={styles.progress} aria-label={t('assets.loading')} />}
      </div>
      {total === undefined && !rows.error && <LoadingState label={t('assets.loading')} />}
      {total === 0 && !filtered && (
        <EmptyState icon={<BoxMultiple24Regular />} title={t('assets.empty.title')}>
          {t('assets.empty.body')}
        </EmptyState>
      )}
      {total === 0 && filtered && <Text as="p">{t('assets.noMatches')}</Text>}
      {total !== undefined && total > 0 && (
        <AssetsTable
          rows={rows}
          total={total}
          queryKey={JSON.stringify(state.query)}
          sort={state.sort}
          selected={selection.ids}
          onSort={state.sortBy}
          onToggle={selection.toggle}
          onOpen={onOpen}
        />
      )}
      {openId !== undefined && (
        <AssetDetailDrawer id={openId} onClose={() => setOpenId(undefined)} onChanged={rows.reload} />
      )}
      {dialog === 'import' && <ImportDialog onClose={() => setDialog(undefined)} onImported={rows.reload} />}
      {dialog === 'customFields' && <CustomFieldsDialog onClose={() => setDialog(undefined)} />}
    </>
  );
}

import type { ReactElement } from 'react';
import { Button, makeStyles, SearchBox, Spinner, tokens } from '@fluentui/react-components';
import {
  ArrowDownload20Regular,
  ArrowImport20Regular,
  Print20Regular,
  TextBulletListSquareEdit20Regular,
} from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { AssetFilter, AssetQuery } from '../../../electron/common/models/asset-query.ts';
import { AssetFilters } from './AssetFilters.tsx';
import { SavedFilters } from './SavedFilters.tsx';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    marginBottom: tokens.spacingVerticalM,
  },
  search: { flex: '1 1 320px', maxWidth: '520px' },
});

interface AssetsToolbarProps {
  query: AssetQuery;
  searchText: string;
  onSearchText: (text: string) => void;
  filter: AssetFilter;
  onFilter: (filter: AssetFilter) => void;
  onApplySaved: (query: AssetQuery) => void;
  selectedCount: number;
  busy: string | undefined;
  onExport: () => void;
  onLabels: () => void;
  onImport: () => void;
  onCustomFields: () => void;
}

/** One search box, the filters, saved views, and what can be done with the view or the selection. */
export function AssetsToolbar(props: AssetsToolbarProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const busyIcon = (what: string, icon: ReactElement) =>
    props.busy === what ? <Spinner size="tiny" /> : icon;

  return (
    <div className={styles.root}>
      <SearchBox
        className={styles.search}
        value={props.searchText}
        placeholder={t('assets.search.placeholder')}
        aria-label={t('assets.search.label')}
        onChange={(_, data) => props.onSearchText(data.value)}
      />
      <AssetFilters filter={props.filter} onChange={props.onFilter} />
      <SavedFilters query={props.query} onApply={props.onApplySaved} />
      <Button
        icon={busyIcon('export', <ArrowDownload20Regular />)}
        disabled={Boolean(props.busy)}
        onClick={props.onExport}
      >
        {t('assets.actions.export')}
      </Button>
      <Button
        icon={busyIcon('labels', <Print20Regular />)}
        disabled={Boolean(props.busy) || props.selectedCount === 0}
        onClick={props.onLabels}
      >
        {t('assets.actions.labels', { count: props.selectedCount })}
      </Button>
      <Button icon={<TextBulletListSquareEdit20Regular />} onClick={props.onCustomFields}>
        {t('assets.customFields.button')}
      </Button>
      <Button appearance="primary" icon={<ArrowImport20Regular />} onClick={props.onImport}>
        {t('assets.actions.import')}
      </Button>
    </div>
  );
}

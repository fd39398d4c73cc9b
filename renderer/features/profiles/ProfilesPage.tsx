import { useState } from 'react';
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  tokens,
} from '@fluentui/react-components';
import { ArrowImport20Regular, DocumentBulletList24Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { ProfileSummary } from '../../../electron/common/models/staging.ts';
import { useContractQuery } from '../../api/use-contract-query.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { ContractErrorBar } from '../../components/ContractErrorBar.tsx';
import { ProfilesTable } from './ProfilesTable.tsx';
import { ProfileDetails } from './ProfileDetails.tsx';
import { ImportProfileDialog } from './ImportProfileDialog.tsx';

const useStyles = makeStyles({
  bar: { marginBottom: tokens.spacingVerticalM },
});

/** The imported staging profiles: list, import from a file on this PC, and each one's steps. */
export function ProfilesPage() {
  const styles = useStyles();
  const { t } = useTranslation();
  const query = useContractQuery('profiles.list', {});
  const [selectedRow, setSelectedRow] = useState<number | undefined>(undefined);
  const [importing, setImporting] = useState(false);
  const [imported, setImported] = useState<ProfileSummary | undefined>(undefined);
  const list = query.value;

  const importButton = (appearance: 'primary' | 'secondary') => (
    <Button appearance={appearance} icon={<ArrowImport20Regular />} onClick={() => setImporting(true)}>
      {t('profiles.import.button')}
    </Button>
  );

  return (
    <>
      <PageHeader
        title={t('profiles.title')}
        description={t('profiles.description')}
        actions={list && list.length > 0 ? importButton('primary') : undefined}
      />
      {query.error && (
        <div className={styles.bar}>
          <ContractErrorBar error={query.error} onRetry={query.reload} />
        </div>
      )}
      {imported && (
        <div className={styles.bar}>
          <MessageBar intent="success">
            <MessageBarBody>
              <MessageBarTitle>{t('profiles.import.successTitle')}</MessageBarTitle>
              {t('profiles.import.success', {
                name: imported.name,
                version: imported.version,
                count: imported.stepCount,
              })}
            </MessageBarBody>
          </MessageBar>
        </div>
      )}
      {!list && query.loading && <LoadingState label={t('profiles.loading')} />}
      {list && list.length === 0 && (
        <EmptyState
          icon={<DocumentBulletList24Regular />}
          title={t('profiles.empty.title')}
          actions={importButton('primary')}
        >
          {t('profiles.empty.body')}
        </EmptyState>
      )}
      {list && list.length > 0 && (
        <>
          <ProfilesTable profiles={list} selectedRow={selectedRow} onSelect={setSelectedRow} />
          {selectedRow !== undefined && <ProfileDetails row={selectedRow} />}
        </>
      )}
      {importing && (
        <ImportProfileDialog
          onClose={() => setImporting(false)}
          onImported={(profile) => {
            setImporting(false);
            setImported(profile);
            setSelectedRow(profile.row);
            query.reload();
          }}
        />
      )}
    </>
  );
}

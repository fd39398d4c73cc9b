import { useState } from 'react';
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  tokens,
} from '@fluentui/react-components';
import { Add20Regular, ArrowSync24Regular, ShieldTask20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { ConnectorView } from '../../../electron/common/models/sync.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { ContractErrorBar } from '../../components/ContractErrorBar.tsx';
import { ConnectorDialog } from './ConnectorDialog.tsx';
import { ConnectorList } from './ConnectorList.tsx';
import { Conflicts } from './Conflicts.tsx';
import { DeadLetters } from './DeadLetters.tsx';
import { PendingQueueDialog } from './PendingQueueDialog.tsx';
import { RemoveConnectorDialog } from './RemoveConnectorDialog.tsx';
import { useSyncOverview } from './use-sync-overview.ts';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXL },
  bars: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

type Open =
  | { kind: 'add' }
  | { kind: 'edit'; connector: ConnectorView }
  | { kind: 'remove'; connector: ConnectorView }
  | { kind: 'queue'; connector: ConnectorView };

/**
 * Sync to central systems: each connector's state and queue, dead letters to retry or
 * discard, and conflicts to decide. Follows the core live through `sync.changed`.
 */
export function SyncPage() {
  const styles = useStyles();
  const { t } = useTranslation();
  const { overview, error, loading, reload } = useSyncOverview();
  const [open, setOpen] = useState<Open | undefined>(undefined);
  const close = () => setOpen(undefined);
  const connectors = overview?.connectors ?? [];
  // The queue dialog follows the connector's live counts, not the ones it was opened with.
  const live = (connector: ConnectorView) => connectors.find((c) => c.id === connector.id) ?? connector;

  const add = (
    <Button appearance="primary" icon={<Add20Regular />} onClick={() => setOpen({ kind: 'add' })}>
      {t('sync.add')}
    </Button>
  );

  return (
    <>
      <PageHeader
        title={t('sync.title')}
        description={t('sync.description')}
        actions={connectors.length > 0 ? add : undefined}
      />
      <div className={styles.page}>
        {(error ?? overview?.secrets.available === false) && (
          <div className={styles.bars}>
            {error && <ContractErrorBar error={error} onRetry={reload} />}
            {overview && !overview.secrets.available && (
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle>{t('sync.secretsUnavailable.title')}</MessageBarTitle>
                  {t('sync.secretsUnavailable.body', {
                    source: overview.secrets.source,
                    reason: overview.secrets.reason ?? '',
                  })}
                </MessageBarBody>
              </MessageBar>
            )}
          </div>
        )}
        {!overview && loading && <LoadingState label={t('sync.loading')} />}
        {overview && connectors.length === 0 && (
          <EmptyState
            icon={<ArrowSync24Regular />}
            title={t('sync.empty.title')}
            actions={
              <>
                {add}
                <LinkButton to="audit" appearance="secondary" icon={<ShieldTask20Regular />}>
                  {t('sync.empty.action')}
                </LinkButton>
              </>
            }
          >
            {t('sync.empty.body')}
          </EmptyState>
        )}
        {connectors.length > 0 && (
          <ConnectorList
            connectors={connectors}
            onEdit={(connector) => setOpen({ kind: 'edit', connector })}
            onRemove={(connector) => setOpen({ kind: 'remove', connector })}
            onShowQueue={(connector) => setOpen({ kind: 'queue', connector })}
          />
        )}
        {connectors.some((c) => c.openConflicts > 0) && <Conflicts connectors={connectors} />}
        {connectors.some((c) => c.deadLetters > 0) && <DeadLetters connectors={connectors} />}
      </div>
      {(open?.kind === 'add' || open?.kind === 'edit') && (
        <ConnectorDialog
          editing={open.kind === 'edit' ? open.connector : undefined}
          takenIds={connectors.map((c) => c.id)}
          onClose={close}
          onSaved={() => {
            close();
            reload();
          }}
        />
      )}
      {open?.kind === 'remove' && <RemoveConnectorDialog connector={open.connector} onClose={close} />}
      {open?.kind === 'queue' && <PendingQueueDialog connector={live(open.connector)} onClose={close} />}
    </>
  );
}

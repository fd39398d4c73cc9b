import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { ConnectorView, OutboxItemView } from '../../../electron/common/models/sync.ts';
import { ContractErrorBar } from '../../components/ContractErrorBar.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { SyncTable, type SyncColumn } from './SyncTable.tsx';
import { useSyncList } from './use-sync-list.ts';

const useStyles = makeStyles({
  surface: { maxWidth: '880px', width: 'calc(100vw - 48px)' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  secondary: { color: tokens.colorNeutralForeground2 },
  error: { overflowWrap: 'anywhere' },
});

const LIMIT = 100;

/** A connector's queue, oldest first: what is waiting to be sent and how often it was tried. */
export function PendingQueueDialog({
  connector,
  onClose,
}: {
  connector: ConnectorView;
  onClose: () => void;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  const { dateTime, number } = useFormatters();
  const list = useSyncList(
    'sync.pending.list',
    { id: connector.id, limit: LIMIT },
    `${connector.queueDepth}:${connector.lastSuccessAt ?? ''}`,
  );
  const items = list.value?.items ?? [];
  const total = list.value?.total ?? 0;

  const columns: SyncColumn<OutboxItemView>[] = [
    { header: t('sync.pending.asset'), cell: (item) => item.assetLabel },
    { header: t('sync.pending.change'), cell: (item) => t(`sync.changeKinds.${item.kind}`) },
    { header: t('sync.pending.attempts'), cell: (item) => number(item.attempts) },
    {
      header: t('sync.pending.error'),
      cell: (item) => item.lastError ?? '',
      className: styles.error,
    },
    { header: t('sync.pending.queued'), cell: (item) => dateTime(item.enqueuedAt) },
  ];

  return (
    <Dialog open onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>{t('sync.pending.title', { name: connector.name })}</DialogTitle>
          <DialogContent className={styles.content}>
            {list.error && <ContractErrorBar error={list.error} onRetry={list.reload} />}
            {!list.value && list.loading && <Spinner size="small" label={t('sync.loading')} />}
            {list.value && items.length === 0 && <Text>{t('sync.pending.empty')}</Text>}
            {items.length > 0 && (
              <>
                <SyncTable
                  label={t('sync.pending.tableLabel')}
                  columns={columns}
                  rows={items}
                  rowKey={(item) => item.id}
                />
                <Text className={styles.secondary}>
                  {t('sync.pending.shown', { shown: number(items.length), total: number(total) })}
                </Text>
              </>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onClose}>
              {t('sync.pending.close')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

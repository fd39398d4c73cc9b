import { useState } from 'react';
import { Button, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { ArrowClockwise20Regular, Delete20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../../electron/common/contract/index.ts';
import type { ConnectorView, OutboxItemView } from '../../../electron/common/models/sync.ts';
import { useApi } from '../../api/api-context.tsx';
import { ContractErrorBar } from '../../components/ContractErrorBar.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { DiscardDialog } from './DiscardDialog.tsx';
import { SyncTable, type SyncColumn } from './SyncTable.tsx';
import { useSyncList } from './use-sync-list.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  header: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalL, flexWrap: 'wrap' },
  titles: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, flexGrow: 1 },
  heading: { margin: 0 },
  secondary: { color: tokens.colorNeutralForeground2 },
  error: { overflowWrap: 'anywhere', color: tokens.colorPaletteRedForeground1, minWidth: '240px' },
  nowrap: { whiteSpace: 'nowrap' },
  asset: { minWidth: '160px' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalXS, whiteSpace: 'nowrap' },
});

const LIMIT = 100;

/** Changes that failed too often: why, and a retry or a discard (with a reason) for each. */
export function DeadLetters({ connectors }: { connectors: readonly ConnectorView[] }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const api = useApi();
  const { dateTime, number } = useFormatters();
  const signature = connectors.map((c) => `${c.id}:${c.deadLetters}:${c.lastErrorAt ?? ''}`).join();
  const list = useSyncList('sync.deadLetters.list', { limit: LIMIT }, signature);
  const [retrying, setRetrying] = useState<ReadonlySet<number>>(new Set());
  const [discarding, setDiscarding] = useState<OutboxItemView | undefined>(undefined);
  const [error, setError] = useState<ContractError | undefined>(undefined);
  const items = list.value?.items ?? [];
  const shownError = error ?? list.error;
  const names = new Map(connectors.map((c) => [c.id, c.name]));

  const retry = async (ids: number[]) => {
    setRetrying(new Set(ids));
    setError(undefined);
    const result = await api.request('sync.deadLetters.retry', { ids });
    setRetrying(new Set());
    if (!result.ok) setError(result.error);
    list.reload();
  };

  const columns: SyncColumn<OutboxItemView>[] = [
    { header: t('sync.deadLetters.asset'), cell: (item) => item.assetLabel, className: styles.asset },
    ...(connectors.length > 1
      ? [
          {
            header: t('sync.deadLetters.connector'),
            cell: (item: OutboxItemView) => names.get(item.connectorId) ?? item.connectorId,
          },
        ]
      : []),
    { header: t('sync.deadLetters.change'), cell: (item) => t(`sync.changeKinds.${item.kind}`) },
    { header: t('sync.deadLetters.attempts'), cell: (item) => number(item.attempts) },
    { header: t('sync.deadLetters.error'), cell: (item) => item.lastError ?? '', className: styles.error },
    {
      header: t('sync.deadLetters.updated'),
      cell: (item) => dateTime(item.updatedAt),
      className: styles.nowrap,
    },
    {
      header: t('sync.deadLetters.actions'),
      cell: (item) => (
        <div className={styles.actions}>
          <Button
            size="small"
            icon={retrying.has(item.id) ? <Spinner size="extra-tiny" /> : <ArrowClockwise20Regular />}
            disabledFocusable={retrying.size > 0}
            aria-label={t('sync.deadLetters.retryFor', { asset: item.assetLabel })}
            onClick={() => void retry([item.id])}
          >
            {t('sync.deadLetters.retry')}
          </Button>
          <Button
            size="small"
            icon={<Delete20Regular />}
            disabledFocusable={retrying.size > 0}
            aria-label={t('sync.deadLetters.discardFor', { asset: item.assetLabel })}
            onClick={() => setDiscarding(item)}
          >
            {t('sync.deadLetters.discard')}
          </Button>
        </div>
      ),
    },
  ];

  return (
    <section aria-labelledby="sync-dead-letters-heading" className={styles.root}>
      <div className={styles.header}>
        <div className={styles.titles}>
          <Text
            as="h2"
            id="sync-dead-letters-heading"
            size={500}
            weight="semibold"
            className={styles.heading}
          >
            {t('sync.deadLetters.heading')}
          </Text>
          <Text className={styles.secondary}>{t('sync.deadLetters.description')}</Text>
        </div>
        {items.length > 1 && (
          <Button
            icon={retrying.size > 1 ? <Spinner size="tiny" /> : <ArrowClockwise20Regular />}
            disabledFocusable={retrying.size > 0}
            onClick={() => void retry(items.map((item) => item.id))}
          >
            {t('sync.deadLetters.retryAll')}
          </Button>
        )}
      </div>
      {shownError && <ContractErrorBar error={shownError} onRetry={list.reload} />}
      {!list.value && list.loading && <Spinner size="small" label={t('sync.loading')} />}
      {items.length > 0 && (
        <SyncTable
          label={t('sync.deadLetters.tableLabel')}
          columns={columns}
          rows={items}
          rowKey={(item) => item.id}
        />
      )}
      {list.value && list.value.total > items.length && (
        <Text className={styles.secondary}>
          {t('sync.deadLetters.shown', { shown: number(items.length), total: number(list.value.total) })}
        </Text>
      )}
      {discarding && (
        <DiscardDialog
          item={discarding}
          onClose={() => setDiscarding(undefined)}
          onDiscarded={() => {
            setDiscarding(undefined);
            list.reload();
          }}
        />
      )}
    </section>
  );
}

import { useState } from 'react';
import { Button, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../../electron/common/contract/index.ts';
import type { ConflictView, ConnectorView } from '../../../electron/common/models/sync.ts';
import { useApi } from '../../api/api-context.tsx';
import { ContractErrorBar } from '../../components/ContractErrorBar.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { ConflictValue } from './ConflictValue.tsx';
import { SyncTable, type SyncColumn } from './SyncTable.tsx';
import { useSyncList } from './use-sync-list.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  secondary: { color: tokens.colorNeutralForeground2 },
  asset: { display: 'flex', flexDirection: 'column', minWidth: '160px' },
  value: { minWidth: '140px', maxWidth: '280px', verticalAlign: 'top' },
  actions: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, alignItems: 'stretch' },
});

const LIMIT = 100;
type Keep = 'local' | 'remote';

/** Fields changed on both sides: base, this station and the remote side by side, and a decision. */
export function Conflicts({ connectors }: { connectors: readonly ConnectorView[] }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const api = useApi();
  const { dateTime, number } = useFormatters();
  const signature = connectors.map((c) => `${c.id}:${c.openConflicts}`).join();
  const list = useSyncList('sync.conflicts.list', { limit: LIMIT }, signature);
  const [deciding, setDeciding] = useState<{ id: number; keep: Keep } | undefined>(undefined);
  const [error, setError] = useState<ContractError | undefined>(undefined);
  const items = list.value?.items ?? [];
  const names = new Map(connectors.map((c) => [c.id, c.name]));
  const shownError = error ?? list.error;

  const decide = async (conflict: ConflictView, keep: Keep) => {
    setDeciding({ id: conflict.id, keep });
    setError(undefined);
    const result = await api.request('sync.conflicts.resolve', { id: conflict.id, keep });
    setDeciding(undefined);
    if (!result.ok) setError(result.error);
    list.reload();
  };

  const keepButton = (conflict: ConflictView, keep: Keep) => {
    const busy = deciding?.id === conflict.id && deciding.keep === keep;
    const subject = { asset: conflict.assetLabel, field: t(`sync.fields.${conflict.field}`) };
    return (
      <Button
        size="small"
        appearance={keep === 'local' ? 'primary' : 'secondary'}
        icon={busy ? <Spinner size="extra-tiny" /> : undefined}
        disabledFocusable={deciding !== undefined}
        aria-label={t(
          keep === 'local' ? 'sync.conflicts.keepLocalFor' : 'sync.conflicts.keepRemoteFor',
          subject,
        )}
        onClick={() => void decide(conflict, keep)}
      >
        {t(keep === 'local' ? 'sync.conflicts.keepLocal' : 'sync.conflicts.keepRemote')}
      </Button>
    );
  };

  const columns: SyncColumn<ConflictView>[] = [
    {
      header: t('sync.conflicts.asset'),
      cell: (conflict) => (
        <span className={styles.asset}>
          <span>{conflict.assetLabel}</span>
          <Text size={200} className={styles.secondary}>
            {t('sync.conflicts.detected', { at: dateTime(conflict.detectedAt) })}
          </Text>
        </span>
      ),
    },
    { header: t('sync.conflicts.field'), cell: (conflict) => t(`sync.fields.${conflict.field}`) },
    ...(connectors.length > 1
      ? [
          {
            header: t('sync.conflicts.connector'),
            cell: (conflict: ConflictView) => names.get(conflict.connectorId) ?? conflict.connectorId,
          },
        ]
      : []),
    {
      header: t('sync.conflicts.base'),
      cell: (conflict) => <ConflictValue value={conflict.baseValue} />,
      className: styles.value,
    },
    {
      header: t('sync.conflicts.local'),
      cell: (conflict) => <ConflictValue value={conflict.localValue} base={conflict.baseValue} />,
      className: styles.value,
    },
    {
      header: t('sync.conflicts.remote'),
      cell: (conflict) => <ConflictValue value={conflict.remoteValue} base={conflict.baseValue} />,
      className: styles.value,
    },
    {
      header: t('sync.conflicts.decision'),
      cell: (conflict) => (
        <div className={styles.actions}>
          {keepButton(conflict, 'local')}
          {keepButton(conflict, 'remote')}
        </div>
      ),
    },
  ];

  return (
    <section aria-labelledby="sync-conflicts-heading" className={styles.root}>
      <Text as="h2" id="sync-conflicts-heading" size={500} weight="semibold" className={styles.heading}>
        {t('sync.conflicts.heading')}
      </Text>
      <Text className={styles.secondary}>{t('sync.conflicts.description')}</Text>
      {shownError && <ContractErrorBar error={shownError} onRetry={list.reload} />}
      {!list.value && list.loading && <Spinner size="small" label={t('sync.loading')} />}
      {items.length > 0 && (
        <SyncTable
          label={t('sync.conflicts.tableLabel')}
          columns={columns}
          rows={items}
          rowKey={(conflict) => conflict.id}
        />
      )}
      {list.value && list.value.total > items.length && (
        <Text className={styles.secondary}>
          {t('sync.conflicts.shown', { shown: number(items.length), total: number(list.value.total) })}
        </Text>
      )}
    </section>
  );
}

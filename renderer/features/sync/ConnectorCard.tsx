import { useId, useState, type ReactElement } from 'react';
import {
  Badge,
  Button,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import {
  Delete20Regular,
  Edit20Regular,
  List20Regular,
  Pause20Regular,
  Play20Regular,
  PlugConnected20Regular,
} from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../../electron/common/contract/index.ts';
import {
  CONNECTOR_STATES,
  type ConnectorState,
  type ConnectorView,
} from '../../../electron/common/models/sync.ts';
import { useApi } from '../../api/api-context.tsx';
import { ContractErrorBar } from '../../components/ContractErrorBar.tsx';
import { FactList, type Fact } from '../../components/FactList.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { CONNECTOR_LOOK } from './connector-states.ts';

const useStyles = makeStyles({
  card: {
    position: 'relative',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    minWidth: 0,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL} ${tokens.spacingVerticalM} ${tokens.spacingHorizontalXL}`,
    borderRadius: tokens.borderRadiusLarge,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow2,
    overflow: 'hidden',
  },
  accent: { position: 'absolute', left: 0, top: 0, bottom: 0, width: '4px' },
  header: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalM },
  titles: { display: 'flex', flexDirection: 'column', flexGrow: 1, minWidth: 0 },
  name: { margin: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  kind: { color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  problem: { color: tokens.colorPaletteRedForeground1 },
});

const useAccentStyles = makeStyles(
  Object.fromEntries(
    CONNECTOR_STATES.map((state) => [state, { backgroundColor: CONNECTOR_LOOK[state].accent }]),
  ) as Record<ConnectorState, { backgroundColor: string }>,
);

type Busy = 'check' | 'pause' | 'resume';

interface ConnectorCardProps {
  connector: ConnectorView;
  onEdit: (connector: ConnectorView) => void;
  onRemove: (connector: ConnectorView) => void;
  onShowQueue: (connector: ConnectorView) => void;
}

/** One connector: its state, queue and last outcomes, and what can be done with it. */
export function ConnectorCard({ connector, onEdit, onRemove, onShowQueue }: ConnectorCardProps) {
  const styles = useStyles();
  const accents = useAccentStyles();
  const { t } = useTranslation();
  const api = useApi();
  const { dateTime, preciseDateTime, number } = useFormatters();
  const headingId = useId();
  const [busy, setBusy] = useState<Busy | undefined>(undefined);
  const [check, setCheck] = useState<{ ok: boolean; message: string } | undefined>(undefined);
  const [error, setError] = useState<ContractError | undefined>(undefined);
  const look = CONNECTOR_LOOK[connector.state];
  const Icon = look.icon;

  const run = async (action: Busy) => {
    setBusy(action);
    setError(undefined);
    if (action === 'check') setCheck(undefined);
    const result = await api.request(`sync.connectors.${action}`, { id: connector.id });
    setBusy(undefined);
    if (!result.ok) return setError(result.error);
    if ('ok' in result.value) setCheck(result.value);
  };

  const facts: Fact[] = [
    { term: t('sync.connectors.queue'), value: number(connector.queueDepth) },
    {
      term: t('sync.connectors.lastSuccess'),
      value: connector.lastSuccessAt ? dateTime(connector.lastSuccessAt) : t('sync.connectors.never'),
    },
    {
      term: t('sync.connectors.lastError'),
      value: connector.lastError ? (
        <span className={styles.problem}>
          {connector.lastErrorAt
            ? t('sync.connectors.errorAt', {
                at: dateTime(connector.lastErrorAt),
                error: connector.lastError,
              })
            : connector.lastError}
        </span>
      ) : (
        t('sync.connectors.none')
      ),
    },
    { term: t('sync.connectors.deadLetters'), value: number(connector.deadLetters) },
    { term: t('sync.connectors.conflicts'), value: number(connector.openConflicts) },
  ];
  if (connector.nextAttemptAt)
    facts.push({ term: t('sync.connectors.nextAttempt'), value: preciseDateTime(connector.nextAttemptAt) });

  const spinnerOr = (action: Busy, icon: ReactElement) => (busy === action ? <Spinner size="tiny" /> : icon);

  return (
    <section
      aria-labelledby={headingId}
      className={styles.card}
      data-connector={connector.id}
      data-state={connector.state}
    >
      <span aria-hidden="true" className={mergeClasses(styles.accent, accents[connector.state])} />
      <div className={styles.header}>
        <div className={styles.titles}>
          <Text as="h3" id={headingId} size={400} weight="semibold" className={styles.name}>
            {connector.name}
          </Text>
          <Text size={200} className={styles.kind}>
            {t('sync.connectors.kindAndId', { kind: t(`sync.kinds.${connector.kind}`), id: connector.id })}
          </Text>
        </div>
        <Badge appearance={look.appearance} color={look.badge} icon={<Icon />} size="medium">
          {t(`sync.states.${connector.state}`)}
        </Badge>
      </div>
      <FactList facts={facts} />
      {error && <ContractErrorBar error={error} />}
      {check && (
        <MessageBar intent={check.ok ? 'success' : 'error'} layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              {check.ok ? t('sync.connectors.checkOk') : t('sync.connectors.checkFailed')}
            </MessageBarTitle>
            {check.message}
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button
          icon={spinnerOr('check', <PlugConnected20Regular />)}
          disabledFocusable={busy !== undefined}
          onClick={() => void run('check')}
        >
          {busy === 'check' ? t('sync.connectors.checking') : t('sync.connectors.check')}
        </Button>
        {/* One button whose action flips, so focus stays on it after a pause or a resume. */}
        <Button
          icon={
            connector.paused ? spinnerOr('resume', <Play20Regular />) : spinnerOr('pause', <Pause20Regular />)
          }
          disabledFocusable={busy !== undefined}
          onClick={() => void run(connector.paused ? 'resume' : 'pause')}
        >
          {connector.paused ? t('sync.connectors.resume') : t('sync.connectors.pause')}
        </Button>
        {connector.queueDepth > 0 && (
          <Button icon={<List20Regular />} onClick={() => onShowQueue(connector)}>
            {t('sync.connectors.showQueue')}
          </Button>
        )}
        <Button icon={<Edit20Regular />} onClick={() => onEdit(connector)}>
          {t('sync.connectors.edit')}
        </Button>
        <Button icon={<Delete20Regular />} onClick={() => onRemove(connector)}>
          {t('sync.connectors.remove')}
        </Button>
      </div>
    </section>
  );
}

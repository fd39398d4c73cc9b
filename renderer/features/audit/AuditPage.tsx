import { Button, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import {
  ArrowClockwise20Regular,
  ShieldCheckmark20Regular,
  ShieldTask24Regular,
} from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { ContractErrorBar } from '../../components/ContractErrorBar.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { AuditTable } from './AuditTable.tsx';
import { VerifyResult } from './VerifyResult.tsx';
import { useAuditLog } from './use-audit-log.ts';
import { useVerifyChain } from './use-verify-chain.ts';

const useStyles = makeStyles({
  block: { marginBottom: tokens.spacingVerticalL },
  footer: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    marginTop: tokens.spacingVerticalM,
  },
  count: { color: tokens.colorNeutralForeground2 },
});

export function AuditPage() {
  const styles = useStyles();
  const { t } = useTranslation();
  const { number } = useFormatters();
  const log = useAuditLog();
  const { outcome, verify } = useVerifyChain();
  const verifying = outcome.kind === 'running';

  const actions = (
    <>
      <Button icon={<ArrowClockwise20Regular />} onClick={log.reload} disabled={log.loading}>
        {t('common.refresh')}
      </Button>
      <Button
        appearance="primary"
        icon={verifying ? <Spinner size="tiny" /> : <ShieldCheckmark20Regular />}
        disabled={verifying}
        onClick={() => void verify()}
      >
        {verifying ? t('audit.verify.running') : t('audit.verify.action')}
      </Button>
    </>
  );

  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.description')} actions={actions} />
      <VerifyResult outcome={outcome} />
      {log.error && (
        <div className={styles.block}>
          <ContractErrorBar error={log.error} onRetry={log.reload} />
        </div>
      )}
      {!log.loaded && log.loading && <LoadingState label={t('audit.loading')} />}
      {log.loaded && log.entries.length === 0 && (
        <EmptyState
          icon={<ShieldTask24Regular />}
          title={t('audit.empty.title')}
          actions={
            <LinkButton to="settings" appearance="secondary">
              {t('audit.empty.action')}
            </LinkButton>
          }
        >
          {t('audit.empty.body')}
        </EmptyState>
      )}
      {log.entries.length > 0 && (
        <>
          <AuditTable entries={log.entries} />
          <div className={styles.footer}>
            <Text className={styles.count}>
              {t('audit.showing', {
                shown: number(log.entries.length),
                total: number(log.total),
                count: log.total,
              })}
            </Text>
            {log.hasOlder && (
              <Button
                onClick={() => void log.loadOlder()}
                disabled={log.loadingOlder}
                icon={log.loadingOlder ? <Spinner size="tiny" /> : undefined}
              >
                {t('audit.loadOlder')}
              </Button>
            )}
          </div>
        </>
      )}
    </>
  );
}

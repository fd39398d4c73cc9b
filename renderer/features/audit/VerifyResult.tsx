import { makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { ContractErrorBar } from '../../components/ContractErrorBar.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import type { VerifyOutcome } from './use-verify-chain.ts';

const useStyles = makeStyles({
  root: { marginBottom: tokens.spacingVerticalL },
  hash: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
});

/** What "Verify chain" found: intact (with the head hash to compare elsewhere) or where it breaks. */
export function VerifyResult({ outcome }: { outcome: VerifyOutcome }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const { dateTime, number } = useFormatters();
  if (outcome.kind === 'idle' || outcome.kind === 'running') return null;
  if (outcome.kind === 'failed') {
    return (
      <div className={styles.root}>
        <ContractErrorBar error={outcome.error} />
      </div>
    );
  }
  const { result, at } = outcome;
  const checkedAt = dateTime(at.toISOString());
  return (
    <div className={styles.root}>
      {result.ok ? (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('audit.verify.intactTitle')}</MessageBarTitle>
            {t('audit.verify.intactBody', {
              count: result.entries,
              formatted: number(result.entries),
              at: checkedAt,
            })}{' '}
            <span>
              {t('audit.verify.headHash')} <code className={styles.hash}>{result.headHash}</code>
            </span>
          </MessageBarBody>
        </MessageBar>
      ) : (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('audit.verify.brokenTitle', { seq: result.brokenAtSeq })}</MessageBarTitle>
            {t(`audit.verify.reasons.${result.reason}`)} {result.message}{' '}
            {t('audit.verify.brokenCheckedAt', {
              count: result.entries,
              formatted: number(result.entries),
              at: checkedAt,
            })}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}

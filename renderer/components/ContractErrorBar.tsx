import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../electron/common/contract/index.ts';

interface ContractErrorBarProps {
  error: ContractError;
  onRetry?: () => void;
}

/** A contract error as the user should see it: what failed (by code) and the core's own message. */
export function ContractErrorBar({ error, onRetry }: ContractErrorBarProps) {
  const { t } = useTranslation();
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t(`errors.${error.code}`)}</MessageBarTitle>
        {error.message}
      </MessageBarBody>
      {onRetry && (
        <MessageBarActions>
          <Button onClick={onRetry}>{t('common.retry')}</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

import { Text } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { OutboxItemView } from '../../../electron/common/models/sync.ts';
import { useApi } from '../../api/api-context.tsx';
import { ReasonDialog } from '../../components/ReasonDialog.tsx';

const MIN_REASON = 3;

interface DiscardDialogProps {
  item: OutboxItemView;
  onClose: () => void;
  onDiscarded: () => void;
}

/** Drops a dead letter for good; the reason goes into the audit log with it. */
export function DiscardDialog({ item, onClose, onDiscarded }: DiscardDialogProps) {
  const { t } = useTranslation();
  const api = useApi();
  return (
    <ReasonDialog
      title={t('sync.deadLetters.discardDialog.title', { asset: item.assetLabel })}
      label={t('sync.deadLetters.discardDialog.reason')}
      hint={t('sync.deadLetters.discardDialog.reasonHint')}
      minLength={MIN_REASON}
      maxLength={500}
      field="reason"
      confirmLabel={t('sync.deadLetters.discardDialog.confirm')}
      cancelLabel={t('sync.deadLetters.discardDialog.cancel')}
      submit={(reason) => api.request('sync.deadLetters.discard', { ids: [item.id], reason })}
      onDone={onDiscarded}
      onClose={onClose}
    >
      <Text>{t('sync.deadLetters.discardDialog.body')}</Text>
    </ReasonDialog>
  );
}

import { Text } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { BenchRow, ChecklistItem } from '../../../electron/common/models/repair.ts';
import { useApi } from '../../api/api-context.tsx';
import { ReasonDialog } from '../../components/ReasonDialog.tsx';

/** The contract's minimum for an override reason. */
const MIN_REASON = 10;

interface OverrideDialogProps {
  assetId: number;
  item: ChecklistItem;
  onClose: () => void;
  onDone: (row: BenchRow) => void;
}

/** Records an override of one blocker with a reason; the core audits it. */
export function OverrideDialog({ assetId, item, onClose, onDone }: OverrideDialogProps) {
  const { t } = useTranslation();
  const api = useApi();
  return (
    <ReasonDialog
      title={t('repair.override.title', { blocker: item.label })}
      label={t('repair.override.reason')}
      hint={t('repair.override.reasonHint', { count: MIN_REASON })}
      minLength={MIN_REASON}
      maxLength={1000}
      field="reason"
      confirmLabel={t('repair.override.confirm')}
      cancelLabel={t('repair.cancel')}
      submit={(reason) => api.request('repair.override', { assetId, code: item.code, reason })}
      onDone={onDone}
      onClose={onClose}
    >
      <Text>{t('repair.override.body')}</Text>
      {item.action && (
        <Text>
          <strong>{t('repair.blockers.whatToDo')}</strong> {item.action}
        </Text>
      )}
    </ReasonDialog>
  );
}

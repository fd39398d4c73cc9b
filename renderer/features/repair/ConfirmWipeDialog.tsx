import { Text } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { BenchRow } from '../../../electron/common/models/repair.ts';
import { useApi } from '../../api/api-context.tsx';
import { ReasonDialog } from '../../components/ReasonDialog.tsx';

/** The contract's minimum for a confirmation note. */
const MIN_REASON = 10;

interface ConfirmWipeDialogProps {
  jobId: number;
  onClose: () => void;
  onDone: (row: BenchRow) => void;
}

/** Confirms a wipe the device could not read back, with what the technician saw (audited). */
export function ConfirmWipeDialog({ jobId, onClose, onDone }: ConfirmWipeDialogProps) {
  const { t } = useTranslation();
  const api = useApi();
  return (
    <ReasonDialog
      title={t('repair.confirm.title')}
      label={t('repair.confirm.note')}
      hint={t('repair.confirm.noteHint', { count: MIN_REASON })}
      minLength={MIN_REASON}
      maxLength={1000}
      field="note"
      confirmLabel={t('repair.confirm.confirm')}
      cancelLabel={t('repair.cancel')}
      submit={(note) => api.request('repair.confirmWipe', { jobId, note })}
      onDone={onDone}
      onClose={onClose}
    >
      <Text>{t('repair.confirm.body')}</Text>
    </ReasonDialog>
  );
}

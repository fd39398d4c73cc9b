import { useState, type FormEvent } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  makeStyles,
  Spinner,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../../electron/common/contract/index.ts';
import type { BenchRow } from '../../../electron/common/models/repair.ts';
import { useApi } from '../../api/api-context.tsx';
import { ContractErrorBar } from '../../components/ContractErrorBar.tsx';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

/** The contract's minimum for a confirmation note. */
const MIN_REASON = 10;

interface ConfirmWipeDialogProps {
  jobId: number;
  onClose: () => void;
  onDone: (row: BenchRow) => void;
}

/** Confirms a wipe the device could not read back, with what the technician saw (audited). */
export function ConfirmWipeDialog({ jobId, onClose, onDone }: ConfirmWipeDialogProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const api = useApi();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ContractError | undefined>(undefined);
  const short = reason.trim().length < MIN_REASON;
  const reasonIssue = error?.details?.issues?.find((issue) => issue.path === 'note')?.message;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (short || busy) return;
    setBusy(true);
    const result = await api.request('repair.confirmWipe', { jobId, note: reason.trim() });
    setBusy(false);
    if (result.ok) onDone(result.value);
    else setError(result.error);
  };

  return (
    <Dialog open onOpenChange={(_, data) => !data.open && !busy && onClose()}>
      <DialogSurface>
        <form onSubmit={(event) => void submit(event)} noValidate>
          <DialogBody>
            <DialogTitle>{t('repair.confirm.title')}</DialogTitle>
            <DialogContent className={styles.content}>
              {error && !reasonIssue && <ContractErrorBar error={error} />}
              <Text>{t('repair.confirm.body')}</Text>
              <Field
                label={t('repair.confirm.note')}
                hint={t('repair.confirm.noteHint', { count: MIN_REASON })}
                validationMessage={reasonIssue}
                required
              >
                <Textarea
                  value={reason}
                  maxLength={1000}
                  resize="vertical"
                  onChange={(_, data) => setReason(data.value)}
                />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button
                type="submit"
                appearance="primary"
                disabled={busy || short}
                icon={busy ? <Spinner size="tiny" /> : undefined}
              >
                {t('repair.confirm.confirm')}
              </Button>
              <Button type="button" disabled={busy} onClick={onClose}>
                {t('repair.cancel')}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

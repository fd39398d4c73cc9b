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
import type { OutboxItemView } from '../../../electron/common/models/sync.ts';
import { useApi } from '../../api/api-context.tsx';
import { ContractErrorBar } from '../../components/ContractErrorBar.tsx';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

const MIN_REASON = 3;

interface DiscardDialogProps {
  item: OutboxItemView;
  onClose: () => void;
  onDiscarded: () => void;
}

/** Drops a dead letter for good; the reason goes into the audit log with it. */
export function DiscardDialog({ item, onClose, onDiscarded }: DiscardDialogProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const api = useApi();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ContractError | undefined>(undefined);
  const short = reason.trim().length < MIN_REASON;
  const reasonIssue = error?.details?.issues?.find((issue) => issue.path === 'reason')?.message;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (short) return;
    setBusy(true);
    const result = await api.request('sync.deadLetters.discard', { ids: [item.id], reason: reason.trim() });
    setBusy(false);
    if (result.ok) onDiscarded();
    else setError(result.error);
  };

  return (
    <Dialog open onOpenChange={(_, data) => !data.open && !busy && onClose()}>
      <DialogSurface>
        <form onSubmit={(event) => void submit(event)} noValidate>
          <DialogBody>
            <DialogTitle>{t('sync.deadLetters.discardDialog.title', { asset: item.assetLabel })}</DialogTitle>
            <DialogContent className={styles.content}>
              {error && !reasonIssue && <ContractErrorBar error={error} />}
              <Text>{t('sync.deadLetters.discardDialog.body')}</Text>
              <Field
                label={t('sync.deadLetters.discardDialog.reason')}
                hint={t('sync.deadLetters.discardDialog.reasonHint')}
                validationMessage={reasonIssue}
                required
              >
                <Textarea
                  value={reason}
                  maxLength={500}
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
                {t('sync.deadLetters.discardDialog.confirm')}
              </Button>
              <Button type="button" disabled={busy} onClick={onClose}>
                {t('sync.deadLetters.discardDialog.cancel')}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

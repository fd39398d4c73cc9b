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
import type { BenchRow, ChecklistItem } from '../../../electron/common/models/repair.ts';
import { useApi } from '../../api/api-context.tsx';
import { ContractErrorBar } from '../../components/ContractErrorBar.tsx';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

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
    if (short || busy) return;
    setBusy(true);
    const result = await api.request('repair.override', { assetId, code: item.code, reason: reason.trim() });
    setBusy(false);
    if (result.ok) onDone(result.value);
    else setError(result.error);
  };

  return (
    <Dialog open onOpenChange={(_, data) => !data.open && !busy && onClose()}>
      <DialogSurface>
        <form onSubmit={(event) => void submit(event)} noValidate>
          <DialogBody>
            <DialogTitle>{t('repair.override.title', { blocker: item.label })}</DialogTitle>
            <DialogContent className={styles.content}>
              {error && !reasonIssue && <ContractErrorBar error={error} />}
              <Text>{t('repair.override.body')}</Text>
              {item.action && (
                <Text>
                  <strong>{t('repair.blockers.whatToDo')}</strong> {item.action}
                </Text>
              )}
              <Field
                label={t('repair.override.reason')}
                hint={t('repair.override.reasonHint', { count: MIN_REASON })}
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
                {t('repair.override.confirm')}
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

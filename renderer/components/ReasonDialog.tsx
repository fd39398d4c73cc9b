import { useState, type FormEvent, type ReactNode } from 'react';
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
  Textarea,
  tokens,
} from '@fluentui/react-components';
import type { ContractError } from '../../electron/common/contract/index.ts';
import { ContractErrorBar } from './ContractErrorBar.tsx';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

type Outcome<T> = { ok: true; value: T } | { ok: false; error: ContractError };

export interface ReasonDialogProps<T> {
  title: string;
  /** What the action does, above the reason field. */
  children: ReactNode;
  label: string;
  hint: string;
  /** Shortest reason (trimmed) the core accepts: the confirm button waits for it. */
  minLength: number;
  maxLength: number;
  /** The request's field the reason goes into: a contract issue there shows under the field. */
  field: string;
  confirmLabel: string;
  cancelLabel: string;
  /** Sends the trimmed reason; a refusal stays in the dialog, shown where it belongs. */
  submit: (reason: string) => Promise<Outcome<T>>;
  onDone: (value: T) => void;
  onClose: () => void;
}

/**
 * An audited action that needs a person's reason first (an override, a confirmed wipe, a
 * discarded dead letter): the reason field, its minimum, and the core's answer.
 */
export function ReasonDialog<T>(props: ReasonDialogProps<T>) {
  const styles = useStyles();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ContractError | undefined>(undefined);
  const short = reason.trim().length < props.minLength;
  const reasonIssue = error?.details?.issues?.find((issue) => issue.path === props.field)?.message;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (short || busy) return;
    setBusy(true);
    const result = await props.submit(reason.trim());
    setBusy(false);
    if (result.ok) props.onDone(result.value);
    else setError(result.error);
  };

  return (
    <Dialog open onOpenChange={(_, data) => !data.open && !busy && props.onClose()}>
      <DialogSurface>
        <form onSubmit={(event) => void submit(event)} noValidate>
          <DialogBody>
            <DialogTitle>{props.title}</DialogTitle>
            <DialogContent className={styles.content}>
              {error && !reasonIssue && <ContractErrorBar error={error} />}
              {props.children}
              <Field label={props.label} hint={props.hint} validationMessage={reasonIssue} required>
                <Textarea
                  value={reason}
                  maxLength={props.maxLength}
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
                {props.confirmLabel}
              </Button>
              <Button type="button" disabled={busy} onClick={props.onClose}>
                {props.cancelLabel}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

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
  Input,
  makeStyles,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../../electron/common/contract/index.ts';
import type { DeviceView } from '../../../electron/common/models/device.ts';
import { useApi } from '../../api/api-context.tsx';
import { ContractErrorBar } from '../../components/ContractErrorBar.tsx';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

/** Names the physical slot a phone is in ("Hub A / 3"); the name stays with the port. */
export function RenameSlotDialog({ device, onClose }: { device: DeviceView; onClose: () => void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const api = useApi();
  const [name, setName] = useState(device.slotName);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ContractError | undefined>(undefined);
  const fieldError =
    error?.code === 'invalid_input'
      ? (error.details?.issues?.find((issue) => issue.path === 'name')?.message ?? error.message)
      : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    const result = await api.request('slots.rename', { slotKey: device.slotKey, name });
    setSaving(false);
    if (result.ok) onClose();
    else setError(result.error);
  };

  return (
    <Dialog open onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface>
        <form onSubmit={(event) => void submit(event)} noValidate>
          <DialogBody>
            <DialogTitle>{t('bench.rename.title')}</DialogTitle>
            <DialogContent className={styles.content}>
              <Field
                label={t('bench.rename.label')}
                hint={t('bench.rename.hint')}
                validationMessage={fieldError}
                required
              >
                <Input value={name} maxLength={60} onChange={(_, data) => setName(data.value)} />
              </Field>
              {error && !fieldError && <ContractErrorBar error={error} />}
            </DialogContent>
            <DialogActions>
              <Button
                type="submit"
                appearance="primary"
                disabled={saving || name.trim() === ''}
                icon={saving ? <Spinner size="tiny" /> : undefined}
              >
                {t('bench.rename.save')}
              </Button>
              <Button type="button" onClick={onClose}>
                {t('bench.rename.cancel')}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

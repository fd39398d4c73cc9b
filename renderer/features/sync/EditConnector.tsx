import {
  Button,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogTitle,
  Spinner,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { ConnectorView } from '../../../electron/common/models/sync.ts';
import { useContractQuery } from '../../api/use-contract-query.ts';
import { ContractErrorBar } from '../../components/ContractErrorBar.tsx';
import { draftFromDetails } from './connector-form.ts';
import { ConnectorForm } from './ConnectorForm.tsx';

/** The connector dialog's body when editing: the saved settings load first, then the form. */
export function EditConnector({
  editing,
  onClose,
  onSaved,
  onBusyChange,
}: {
  editing: { id: string; name: string };
  onClose: () => void;
  onSaved: (connector: ConnectorView) => void;
  onBusyChange: (busy: boolean) => void;
}) {
  const { t } = useTranslation();
  const details = useContractQuery('sync.connectors.get', { id: editing.id });
  if (details.value)
    return (
      <ConnectorForm
        initial={draftFromDetails(details.value)}
        isNew={false}
        secretsSet={details.value.secretsSet}
        takenIds={[]}
        onSaved={onSaved}
        onCancel={onClose}
        onBusyChange={onBusyChange}
      />
    );
  return (
    <DialogBody>
      <DialogTitle>{t('sync.dialog.editTitle', { name: editing.name })}</DialogTitle>
      <DialogContent>
        {details.error ? (
          <ContractErrorBar error={details.error} onRetry={details.reload} />
        ) : (
          <Spinner label={t('sync.dialog.loading')} />
        )}
      </DialogContent>
      <DialogActions>
        <Button type="button" onClick={onClose}>
          {t('sync.dialog.close')}
        </Button>
      </DialogActions>
    </DialogBody>
  );
}

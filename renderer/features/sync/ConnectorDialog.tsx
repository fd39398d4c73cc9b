import { useState } from 'react';
import { Dialog, DialogSurface, makeStyles } from '@fluentui/react-components';
import type { ConnectorView } from '../../../electron/common/models/sync.ts';
import { emptyDraft } from './connector-form.ts';
import { ConnectorForm } from './ConnectorForm.tsx';
import { EditConnector } from './EditConnector.tsx';

const useStyles = makeStyles({
  surface: { maxWidth: '760px', width: 'calc(100vw - 48px)' },
});

interface ConnectorDialogProps {
  /** The connector to edit; a new one when absent. */
  editing?: { id: string; name: string } | undefined;
  takenIds: readonly string[];
  onClose: () => void;
  onSaved: (connector: ConnectorView) => void;
}

/** Adds or edits a connector; editing loads its settings first (secrets only as "stored"). */
export function ConnectorDialog({ editing, takenIds, onClose, onSaved }: ConnectorDialogProps) {
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  return (
    <Dialog open onOpenChange={(_, data) => !data.open && !busy && onClose()}>
      <DialogSurface className={styles.surface}>
        {editing ? (
          <EditConnector editing={editing} onClose={onClose} onSaved={onSaved} onBusyChange={setBusy} />
        ) : (
          <ConnectorForm
            initial={emptyDraft()}
            isNew
            secretsSet={[]}
            takenIds={takenIds}
            onSaved={onSaved}
            onCancel={onClose}
            onBusyChange={setBusy}
          />
        )}
      </DialogSurface>
    </Dialog>
  );
}

import { useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../../electron/common/contract/index.ts';
import type { ConnectorView } from '../../../electron/common/models/sync.ts';
import { useApi } from '../../api/api-context.tsx';
import { ContractErrorBar } from '../../components/ContractErrorBar.tsx';
import { useFormatters } from '../../components/use-formatters.ts';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

interface RemoveConnectorDialogProps {
  connector: ConnectorView;
  onClose: () => void;
}

/** Asks before a connector and its queue go; the core audits how many changes were dropped. */
export function RemoveConnectorDialog({ connector, onClose }: RemoveConnectorDialogProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const api = useApi();
  const { number } = useFormatters();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ContractError | undefined>(undefined);

  const remove = async () => {
    setBusy(true);
    const result = await api.request('sync.connectors.remove', { id: connector.id });
    setBusy(false);
    if (result.ok) onClose();
    else setError(result.error);
  };

  return (
    <Dialog open modalType="alert" onOpenChange={(_, data) => !data.open && !busy && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('sync.remove.title', { name: connector.name })}</DialogTitle>
          <DialogContent className={styles.content}>
            {error && <ContractErrorBar error={error} />}
            <Text>
              {t('sync.remove.body', {
                count: connector.queueDepth,
                formatted: number(connector.queueDepth),
              })}
            </Text>
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              disabled={busy}
              icon={busy ? <Spinner size="tiny" /> : undefined}
              onClick={() => void remove()}
            >
              {t('sync.remove.confirm')}
            </Button>
            <Button disabled={busy} onClick={onClose}>
              {t('sync.remove.cancel')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

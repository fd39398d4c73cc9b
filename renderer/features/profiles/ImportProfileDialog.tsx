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
import { ArrowImport20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../../electron/common/contract/index.ts';
import type { ProfileSummary } from '../../../electron/common/models/staging.ts';
import { useApi } from '../../api/api-context.tsx';
import { ContractErrorBar } from '../../components/ContractErrorBar.tsx';
import { ProfileIssueList } from './ProfileIssueList.tsx';

const useStyles = makeStyles({
  surface: { maxWidth: '720px', width: 'calc(100vw - 48px)' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  path: { fontFamily: tokens.fontFamilyMonospace },
});

/**
 * Imports a profile file by its path on the station PC (the station reads it there, with the
 * apps and files beside it). A profile that does not validate is listed problem by problem.
 */
export function ImportProfileDialog({
  onClose,
  onImported,
}: {
  onClose: () => void;
  onImported: (profile: ProfileSummary) => void;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  const api = useApi();
  const [path, setPath] = useState('');
  const [importing, setImporting] = useState(false);
  const [error, setError] = useState<ContractError | undefined>(undefined);
  const issues = error?.code === 'invalid_input' ? (error.details?.issues ?? []) : [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (path.trim() === '') return;
    setImporting(true);
    setError(undefined);
    const result = await api.request('profiles.import', { path: path.trim() });
    setImporting(false);
    if (result.ok) onImported(result.value);
    else setError(result.error);
  };

  return (
    <Dialog open onOpenChange={(_, data) => !data.open && !importing && onClose()}>
      <DialogSurface className={styles.surface}>
        <form onSubmit={(event) => void submit(event)} noValidate>
          <DialogBody>
            <DialogTitle>{t('profiles.import.title')}</DialogTitle>
            <DialogContent className={styles.content}>
              <Field label={t('profiles.import.label')} hint={t('profiles.import.hint')} required>
                <Input
                  className={styles.path}
                  value={path}
                  placeholder={t('profiles.import.placeholder')}
                  spellCheck={false}
                  autoComplete="off"
                  onChange={(_, data) => setPath(data.value)}
                />
              </Field>
              {error && issues.length > 0 && <ProfileIssueList issues={issues} />}
              {error && issues.length === 0 && <ContractErrorBar error={error} />}
            </DialogContent>
            <DialogActions>
              <Button
                type="submit"
                appearance="primary"
                disabled={importing || path.trim() === ''}
                icon={importing ? <Spinner size="tiny" /> : <ArrowImport20Regular />}
              >
                {importing ? t('profiles.import.importing') : t('profiles.import.submit')}
              </Button>
              <Button type="button" disabled={importing} onClick={onClose}>
                {t('profiles.import.cancel')}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

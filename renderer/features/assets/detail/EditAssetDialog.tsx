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
  Select,
  Spinner,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../../../electron/common/contract/index.ts';
import { CONDITION_GRADES, ROLE_PROFILES, type Asset } from '../../../../electron/common/models/asset.ts';
import { useApi } from '../../../api/api-context.tsx';
import { ContractErrorBar } from '../../../components/ContractErrorBar.tsx';
import {
  changesFromDraft,
  draftFromAsset,
  EDIT_FIELDS,
  fieldForPath,
  type EditDraft,
  type EditField,
} from './asset-edit-form.ts';

const useStyles = makeStyles({
  surface: { maxWidth: '760px', width: 'calc(100vw - 48px)' },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))',
    gap: tokens.spacingVerticalM,
  },
  wide: { gridColumn: '1 / -1' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

const DATE_FIELDS: readonly EditField[] = ['purchaseDate', 'warrantyEnd'];
const CHOICES: Partial<Record<EditField, readonly string[]>> = {
  roleProfile: ROLE_PROFILES,
  conditionGrade: CONDITION_GRADES,
};

interface EditAssetDialogProps {
  asset: Asset;
  onClose: () => void;
  onSaved: (asset: Asset) => void;
  /** After a stale-edit refusal: fetch the asset again (the dialog stays open with the user's changes). */
  onReload: () => void;
}

/**
 * Edits an asset's fields. Sends only what changed, with the `updatedAt` the form started from:
 * when someone else saved in between, the core refuses and the form says so (nothing is lost).
 */
export function EditAssetDialog({ asset, onClose, onSaved, onReload }: EditAssetDialogProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const api = useApi();
  const [draft, setDraft] = useState<EditDraft>(() => draftFromAsset(asset));
  const [errors, setErrors] = useState<Partial<Record<EditField, string>>>({});
  const [error, setError] = useState<ContractError | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { changes, errors: found } = changesFromDraft(asset, draft);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    if (Object.keys(changes).length === 0) return onClose();
    setBusy(true);
    const result = await api.request('assets.update', {
      id: asset.id,
      changes,
      expectedUpdatedAt: asset.updatedAt,
    });
    setBusy(false);
    if (result.ok) return onSaved(result.value);
    setError(result.error);
    const byField: Partial<Record<EditField, string>> = {};
    for (const issue of result.error.details?.issues ?? []) {
      const field = fieldForPath(issue.path);
      if (field) byField[field] = issue.message;
    }
    setErrors(byField);
  };

  const input = (field: EditField) => {
    const set = (value: string) => setDraft((current) => ({ ...current, [field]: value }));
    const choices = CHOICES[field];
    if (choices)
      return (
        <Select value={draft[field]} onChange={(_, data) => set(data.value)}>
          <option value="">{t('assets.detail.none')}</option>
          {choices.map((choice) => (
            <option key={choice} value={choice}>
              {field === 'roleProfile'
                ? t(`assets.roleProfiles.${choice as (typeof ROLE_PROFILES)[number]}`)
                : choice}
            </option>
          ))}
        </Select>
      );
    if (field === 'notes')
      return <Textarea value={draft.notes} resize="vertical" onChange={(_, data) => set(data.value)} />;
    return (
      <Input
        type={DATE_FIELDS.includes(field) ? 'date' : 'text'}
        value={draft[field]}
        onChange={(_, data) => set(data.value)}
      />
    );
  };

  return (
    <Dialog open onOpenChange={(_, data) => !data.open && !busy && onClose()}>
      <DialogSurface className={styles.surface}>
        <form onSubmit={(event) => void submit(event)} noValidate>
          <DialogBody>
            <DialogTitle>{t('assets.edit.title', { serial: asset.serial })}</DialogTitle>
            <DialogContent className={styles.content}>
              {error && (
                <ContractErrorBar
                  error={error}
                  onRetry={
                    error.code === 'conflict'
                      ? () => {
                          // The form keeps the user's changes; the next save compares against the fresh copy.
                          onReload();
                          setError(undefined);
                        }
                      : undefined
                  }
                />
              )}
              {error?.code === 'conflict' && <Text>{t('assets.edit.stale')}</Text>}
              <div className={styles.grid}>
                {EDIT_FIELDS.map((field) => (
                  <Field
                    key={field}
                    className={field === 'notes' ? styles.wide : undefined}
                    label={t(`assets.fields.${field}`)}
                    hint={field === 'imeis' || field === 'tags' ? t('assets.filters.listHint') : undefined}
                    validationMessage={errors[field]}
                  >
                    {input(field)}
                  </Field>
                ))}
              </div>
            </DialogContent>
            <DialogActions>
              <Button
                type="submit"
                appearance="primary"
                disabled={busy}
                icon={busy ? <Spinner size="tiny" /> : undefined}
              >
                {t('assets.edit.save')}
              </Button>
              <Button type="button" disabled={busy} onClick={onClose}>
                {t('assets.edit.cancel')}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

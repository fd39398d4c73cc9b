import { useState, type FormEvent } from 'react';
import {
  Button,
  Checkbox,
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
  Text,
  tokens,
} from '@fluentui/react-components';
import { CompactTable } from '../../components/CompactTable.tsx';
import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../../electron/common/contract/index.ts';
import {
  CUSTOM_FIELD_TYPES,
  CustomFieldDefinitionSchema,
  type CustomFieldDefinition,
} from '../../../electron/common/models/asset.ts';
import { useApi } from '../../api/api-context.tsx';
import { useContractQuery } from '../../api/use-contract-query.ts';
import { ContractErrorBar } from '../../components/ContractErrorBar.tsx';

const useStyles = makeStyles({
  surface: { maxWidth: '720px', width: 'calc(100vw - 48px)' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  form: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))',
    gap: tokens.spacingHorizontalM,
    alignItems: 'end',
  },
  heading: { margin: 0 },
});

type Draft = Omit<CustomFieldDefinition, 'required'> & { required: boolean };
const EMPTY: Draft = { key: '', name: '', type: 'text', required: false };

/** The depot lead's own asset fields: the defined ones, and a form to add or change one (by key). */
export function CustomFieldsDialog({ onClose }: { onClose: () => void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const api = useApi();
  const fields = useContractQuery('customFields.list', {});
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<keyof Draft, string>>>({});
  const [error, setError] = useState<ContractError | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // The contract's own schema names a bad key or name at its field before anything is sent.
    const parsed = CustomFieldDefinitionSchema.safeParse(draft);
    if (!parsed.success) {
      const found: Partial<Record<keyof Draft, string>> = {};
      for (const issue of parsed.error.issues) found[issue.path[0] as keyof Draft] ??= issue.message;
      return setErrors(found);
    }
    setErrors({});
    setBusy(true);
    const result = await api.request('customFields.define', parsed.data);
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(undefined);
    setDraft(EMPTY);
    fields.reload();
  };

  const list = fields.value ?? [];
  return (
    <Dialog open onOpenChange={(_, data) => !data.open && !busy && onClose()}>
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>{t('assets.customFields.title')}</DialogTitle>
          <DialogContent className={styles.content}>
            {fields.error && <ContractErrorBar error={fields.error} onRetry={fields.reload} />}
            {list.length === 0 ? (
              <Text>{t('assets.customFields.none')}</Text>
            ) : (
              <CompactTable
                label={t('assets.customFields.title')}
                rows={list}
                rowKey={(field) => field.key}
                columns={[
                  { header: t('assets.customFields.key'), cell: (field) => field.key },
                  { header: t('assets.customFields.name'), cell: (field) => field.name },
                  {
                    header: t('assets.customFields.type'),
                    cell: (field) => t(`assets.customFields.types.${field.type}`),
                  },
                  {
                    header: t('assets.customFields.required'),
                    cell: (field) =>
                      field.required ? t('assets.customFields.yes') : t('assets.customFields.no'),
                  },
                ]}
              />
            )}
            <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="custom-field-form">
              <Text as="h3" weight="semibold" id="custom-field-form" className={styles.heading}>
                {t('assets.customFields.define')}
              </Text>
              <div className={styles.form}>
                <Field
                  label={t('assets.customFields.key')}
                  hint={t('assets.customFields.keyHint')}
                  validationMessage={errors.key}
                >
                  <Input value={draft.key} onChange={(_, data) => setDraft({ ...draft, key: data.value })} />
                </Field>
                <Field label={t('assets.customFields.name')} validationMessage={errors.name}>
                  <Input
                    value={draft.name}
                    onChange={(_, data) => setDraft({ ...draft, name: data.value })}
                  />
                </Field>
                <Field label={t('assets.customFields.type')}>
                  <Select
                    value={draft.type}
                    onChange={(_, data) => setDraft({ ...draft, type: data.value as Draft['type'] })}
                  >
                    {CUSTOM_FIELD_TYPES.map((type) => (
                      <option key={type} value={type}>
                        {t(`assets.customFields.types.${type}`)}
                      </option>
                    ))}
                  </Select>
                </Field>
                <Checkbox
                  checked={draft.required}
                  label={t('assets.customFields.required')}
                  onChange={(_, data) => setDraft({ ...draft, required: Boolean(data.checked) })}
                />
              </div>
              {error && <ContractErrorBar error={error} />}
              <Button type="submit" appearance="primary" disabled={busy}>
                {t('assets.customFields.save')}
              </Button>
            </form>
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>{t('assets.customFields.close')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

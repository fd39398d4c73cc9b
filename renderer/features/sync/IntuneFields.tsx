import { Field, Input } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { DEFAULT_RATE, type FieldErrors, type IntuneDraft } from './connector-form.ts';
import { SecretField } from './SecretField.tsx';

interface IntuneFieldsProps {
  draft: IntuneDraft;
  onChange: (patch: Partial<IntuneDraft>) => void;
  errors: FieldErrors;
  secretStored: boolean;
}

/** Microsoft Intune through Graph: the tenant, the app registration and its secret. */
export function IntuneFields({ draft, onChange, errors, secretStored }: IntuneFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <Field
        label={t('sync.dialog.intune.tenantId')}
        hint={t('sync.dialog.intune.tenantIdHint')}
        validationMessage={errors.tenantId}
        required
      >
        <Input
          spellCheck={false}
          value={draft.tenantId}
          onChange={(_, data) => onChange({ tenantId: data.value })}
        />
      </Field>
      <Field label={t('sync.dialog.intune.clientId')} validationMessage={errors.clientId} required>
        <Input
          spellCheck={false}
          value={draft.clientId}
          onChange={(_, data) => onChange({ clientId: data.value })}
        />
      </Field>
      <SecretField
        label={t('sync.dialog.intune.clientSecret')}
        value={draft.clientSecret}
        stored={secretStored}
        error={errors.clientSecret}
        onChange={(clientSecret) => onChange({ clientSecret })}
      />
      <Field
        label={t('sync.dialog.rate')}
        hint={t('sync.dialog.rateHint', { default: DEFAULT_RATE.intune })}
        validationMessage={errors.ratePerMinute}
      >
        <Input
          inputMode="numeric"
          value={draft.ratePerMinute}
          onChange={(_, data) => onChange({ ratePerMinute: data.value })}
        />
      </Field>
    </>
  );
}

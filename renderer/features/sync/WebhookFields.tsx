import { Field, Input } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { DEFAULT_RATE, type FieldErrors, type WebhookDraft } from './connector-form.ts';
import { SecretField } from './SecretField.tsx';

interface WebhookFieldsProps {
  draft: WebhookDraft;
  onChange: (patch: Partial<WebhookDraft>) => void;
  errors: FieldErrors;
  secretStored: boolean;
}

/** A webhook: where to POST each change, the key that signs it, and how fast. */
export function WebhookFields({ draft, onChange, errors, secretStored }: WebhookFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <Field
        label={t('sync.dialog.webhook.url')}
        hint={t('sync.dialog.webhook.urlHint')}
        validationMessage={errors.url}
        required
      >
        <Input
          type="url"
          spellCheck={false}
          value={draft.url}
          onChange={(_, data) => onChange({ url: data.value })}
        />
      </Field>
      <SecretField
        label={t('sync.dialog.webhook.signingSecret')}
        hint={t('sync.dialog.webhook.signingSecretHint')}
        value={draft.signingSecret}
        stored={secretStored}
        error={errors.signingSecret}
        onChange={(signingSecret) => onChange({ signingSecret })}
      />
      <Field
        label={t('sync.dialog.rate')}
        hint={t('sync.dialog.rateHint', { default: DEFAULT_RATE.webhook })}
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

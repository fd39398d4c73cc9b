import { Badge, Field, Input } from '@fluentui/react-components';
import { LockClosed16Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';

interface SecretFieldProps {
  label: string;
  /** What the secret is for; replaced by "stored …" once the station holds one. */
  hint?: string;
  value: string;
  /** The station already holds this secret (its value is never sent to the page). */
  stored: boolean;
  error: string | undefined;
  onChange: (value: string) => void;
}

/**
 * A token or key: typed into a password field and sent once with the save; afterwards only
 * "stored" is shown. Leaving it empty keeps the stored value.
 */
export function SecretField({ label, hint, value, stored, error, onChange }: SecretFieldProps) {
  const { t } = useTranslation();
  return (
    <Field
      label={label}
      hint={stored ? t('sync.dialog.secretStored') : (hint ?? t('sync.dialog.secretNew'))}
      validationMessage={error}
      required={!stored}
    >
      <Input
        type="password"
        autoComplete="new-password"
        spellCheck={false}
        value={value}
        contentAfter={
          stored && !value ? (
            <Badge appearance="tint" color="success" size="small" icon={<LockClosed16Regular />}>
              {t('sync.dialog.secretStoredPlaceholder')}
            </Badge>
          ) : undefined
        }
        onChange={(_, data) => onChange(data.value)}
      />
    </Field>
  );
}

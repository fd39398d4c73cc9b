import { Dropdown, Field, Option } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useContractQuery } from '../../api/use-contract-query.ts';
import { ShellWarningBadge } from '../../components/ShellWarningBadge.tsx';

interface AutoStageFieldProps {
  value: string;
  validationMessage: string | undefined;
  onChange: (profileId: string) => void;
}

/** Auto-stage mode: off ('') or the id of an imported profile every newly plugged phone gets. */
export function AutoStageField({ value, validationMessage, onChange }: AutoStageFieldProps) {
  const { t } = useTranslation();
  const profiles = useContractQuery('profiles.list', {});
  const list = profiles.value ?? [];
  const known = list.some((profile) => profile.id === value);
  const nameOf = (id: string) => {
    if (id === '') return t('settings.autoStage.off');
    const profile = list.find((candidate) => candidate.id === id);
    return profile
      ? t('settings.autoStage.option', { name: profile.name, id })
      : t('settings.autoStage.missing', { id });
  };

  return (
    <Field
      label={t('settings.fields.autoStageProfile.label')}
      hint={t('settings.fields.autoStageProfile.hint')}
      validationMessage={validationMessage}
    >
      <Dropdown
        value={nameOf(value)}
        selectedOptions={[value]}
        onOptionSelect={(_, data) => onChange(data.optionValue ?? '')}
      >
        <Option value="">{t('settings.autoStage.off')}</Option>
        {list.map((profile) => (
          <Option key={profile.id} value={profile.id} text={nameOf(profile.id)}>
            {nameOf(profile.id)}
            {profile.allowShell && <ShellWarningBadge />}
          </Option>
        ))}
        {value !== '' && !known && <Option value={value}>{nameOf(value)}</Option>}
      </Dropdown>
    </Field>
  );
}

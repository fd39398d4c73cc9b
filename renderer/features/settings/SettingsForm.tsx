import type { FormEvent } from 'react';
import {
  Button,
  Dropdown,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Radio,
  RadioGroup,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { Save20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { LOCALES, THEMES, type Settings } from '../../../electron/common/models/settings.ts';
import { LOCALE_NAMES } from '../../app/i18n.ts';
import { ContractErrorBar } from '../../components/ContractErrorBar.tsx';
import { useSettingsForm, type SaveState } from './settings-form.ts';
import { AutoStageField } from './AutoStageField.tsx';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '560px' },
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalXL,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow2,
  },
  legend: {
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    padding: 0,
    marginBottom: tokens.spacingVerticalS,
  },
  fieldset: {
    border: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

/** Field problems are shown on their fields; the bar then only points there. Anything else shows in full. */
function SaveFailure({ state }: { state: Extract<SaveState, { kind: 'failed' }> }) {
  const { t } = useTranslation();
  const onFieldsOnly =
    state.error.code === 'invalid_input' &&
    state.otherIssues.length === 0 &&
    (state.error.details?.issues?.length ?? 0) > 0;
  if (!onFieldsOnly) return <ContractErrorBar error={state.error} />;
  return (
    <MessageBar intent="error">
      <MessageBarBody>
        <MessageBarTitle>{t('errors.invalid_input')}</MessageBarTitle>
        {t('settings.fixFields')}
      </MessageBarBody>
    </MessageBar>
  );
}

export function SettingsForm({ saved }: { saved: Settings }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const { values, dirty, saveState, update, submit, discard } = useSettingsForm(saved);
  const saving = saveState.kind === 'saving';
  const fieldError = (key: keyof Settings) =>
    saveState.kind === 'failed' ? saveState.fieldErrors[key] : undefined;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };

  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate>
      {saveState.kind === 'saved' && (
        <MessageBar intent="success">
          <MessageBarBody>
            <MessageBarTitle>{t('settings.saved.title')}</MessageBarTitle>
            {t('settings.saved.body', { count: saveState.changed })}
          </MessageBarBody>
        </MessageBar>
      )}
      {saveState.kind === 'failed' && <SaveFailure state={saveState} />}

      <div className={styles.section}>
        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>{t('settings.sections.station')}</legend>
          <Field
            label={t('settings.fields.stationName.label')}
            hint={t('settings.fields.stationName.hint')}
            required
            validationMessage={fieldError('stationName')}
          >
            <Input value={values.stationName} onChange={(_, data) => update('stationName', data.value)} />
          </Field>
          <Field
            label={t('settings.fields.technicianName.label')}
            hint={t('settings.fields.technicianName.hint')}
            validationMessage={fieldError('technicianName')}
          >
            <Input
              value={values.technicianName}
              onChange={(_, data) => update('technicianName', data.value)}
            />
          </Field>
        </fieldset>
      </div>

      <div className={styles.section}>
        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>{t('settings.sections.appearance')}</legend>
          <Field
            label={t('settings.fields.locale.label')}
            hint={t('settings.fields.locale.hint')}
            validationMessage={fieldError('locale')}
          >
            <Dropdown
              value={LOCALE_NAMES[values.locale]}
              selectedOptions={[values.locale]}
              onOptionSelect={(_, data) => {
                const locale = LOCALES.find((candidate) => candidate === data.optionValue);
                if (locale) update('locale', locale);
              }}
            >
              {LOCALES.map((locale) => (
                <Option key={locale} value={locale} lang={locale}>
                  {LOCALE_NAMES[locale]}
                </Option>
              ))}
            </Dropdown>
          </Field>
          <Field
            label={t('settings.fields.theme.label')}
            hint={t('settings.fields.theme.hint')}
            validationMessage={fieldError('theme')}
          >
            <RadioGroup
              value={values.theme}
              onChange={(_, data) => {
                const theme = THEMES.find((candidate) => candidate === data.value);
                if (theme) update('theme', theme);
              }}
            >
              {THEMES.map((theme) => (
                <Radio key={theme} value={theme} label={t(`settings.themes.${theme}`)} />
              ))}
            </RadioGroup>
          </Field>
        </fieldset>
      </div>

      <div className={styles.section}>
        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>{t('settings.sections.staging')}</legend>
          <AutoStageField
            value={values.autoStageProfile}
            validationMessage={fieldError('autoStageProfile')}
            onChange={(profileId) => update('autoStageProfile', profileId)}
          />
        </fieldset>
      </div>

      <div className={styles.actions}>
        <Button
          type="submit"
          appearance="primary"
          disabled={!dirty || saving}
          icon={saving ? <Spinner size="tiny" /> : <Save20Regular />}
        >
          {saving ? t('settings.saving') : t('settings.save')}
        </Button>
        <Button type="button" disabled={!dirty || saving} onClick={discard}>
          {t('settings.discard')}
        </Button>
      </div>
    </form>
  );
}

import {
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';

export interface RegisterDraft {
  platform: 'android' | 'ios';
  manufacturer: string;
  model: string;
  assetTag: string;
}

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL },
});

/** The details an unknown device is registered with; the scanned code becomes its serial. */
export function RegisterFields({
  draft,
  onChange,
}: {
  draft: RegisterDraft;
  onChange: (draft: RegisterDraft) => void;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  return (
    <fieldset className={styles.root}>
      <legend>{t('repair.register.title')}</legend>
      <MessageBar intent="info">
        <MessageBarBody>{t('repair.register.body')}</MessageBarBody>
      </MessageBar>
      <div className={styles.row}>
        <Field label={t('repair.register.platform')}>
          <RadioGroup
            layout="horizontal"
            value={draft.platform}
            onChange={(_, data) => onChange({ ...draft, platform: data.value === 'ios' ? 'ios' : 'android' })}
          >
            <Radio value="android" label={t('platforms.android')} />
            <Radio value="ios" label={t('platforms.ios')} />
          </RadioGroup>
        </Field>
        <Field label={t('repair.register.manufacturer')} required>
          <Input
            value={draft.manufacturer}
            onChange={(_, data) => onChange({ ...draft, manufacturer: data.value })}
          />
        </Field>
        <Field label={t('repair.register.model')}>
          <Input value={draft.model} onChange={(_, data) => onChange({ ...draft, model: data.value })} />
        </Field>
        <Field label={t('repair.register.assetTag')}>
          <Input
            value={draft.assetTag}
            onChange={(_, data) => onChange({ ...draft, assetTag: data.value })}
          />
        </Field>
      </div>
    </fieldset>
  );
}

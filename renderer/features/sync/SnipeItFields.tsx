import { useMemo } from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Field,
  Input,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { ASSET_STATES } from '../../../electron/common/models/asset.ts';
import { SYNC_FIELDS } from '../../../electron/common/models/sync.ts';
import { DEFAULT_RATE, type FieldErrors, type SnipeItDraft } from './connector-form.ts';
import { FieldPoliciesEditor } from './FieldPoliciesEditor.tsx';
import { MappingEditor } from './MappingEditor.tsx';
import { SecretField } from './SecretField.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  panel: { paddingBottom: tokens.spacingVerticalM },
});

const MAPPINGS = ['models', 'statusLabels', 'customFields'] as const;
type Mapping = (typeof MAPPINGS)[number];
export const SNIPEIT_SECTIONS = [...MAPPINGS, 'fieldPolicies'] as const;

interface SnipeItFieldsProps {
  draft: SnipeItDraft;
  onChange: (patch: Partial<SnipeItDraft>) => void;
  errors: FieldErrors;
  tokenStored: boolean;
  /** Which of the collapsible sections are open (the form opens the ones with errors). */
  openSections: string[];
  onToggleSection: (section: string) => void;
}

/** Snipe-IT: address, token, rate, and the mappings and field policies in collapsible sections. */
export function SnipeItFields({
  draft,
  onChange,
  errors,
  tokenStored,
  openSections,
  onToggleSection,
}: SnipeItFieldsProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const keyChoices = useMemo(
    () => ({
      models: undefined,
      statusLabels: ASSET_STATES.map((state) => ({ value: state, label: t(`assets.states.${state}`) })),
      customFields: SYNC_FIELDS.map((field) => ({ value: field, label: t(`sync.fields.${field}`) })),
    }),
    [t],
  );

  const mappingPanel = (mapping: Mapping) => (
    <AccordionItem key={mapping} value={mapping}>
      <AccordionHeader>{t(`sync.mappings.${mapping}.title`)}</AccordionHeader>
      <AccordionPanel className={styles.panel}>
        <MappingEditor
          label={t(`sync.mappings.${mapping}.title`)}
          description={t(`sync.mappings.${mapping}.description`)}
          keyLabel={t(`sync.mappings.${mapping}.key`)}
          valueLabel={t(`sync.mappings.${mapping}.value`)}
          rows={draft[mapping]}
          onChange={(rows) => onChange({ [mapping]: rows })}
          keyChoices={keyChoices[mapping]}
          numericValues={mapping !== 'customFields'}
          error={errors[mapping]}
        />
      </AccordionPanel>
    </AccordionItem>
  );

  return (
    <div className={styles.root}>
      <Field
        label={t('sync.dialog.snipeit.baseUrl')}
        hint={t('sync.dialog.snipeit.baseUrlHint')}
        validationMessage={errors.baseUrl}
        required
      >
        <Input
          type="url"
          spellCheck={false}
          value={draft.baseUrl}
          onChange={(_, data) => onChange({ baseUrl: data.value })}
        />
      </Field>
      <SecretField
        label={t('sync.dialog.snipeit.token')}
        value={draft.token}
        stored={tokenStored}
        error={errors.token}
        onChange={(token) => onChange({ token })}
      />
      <Field
        label={t('sync.dialog.rate')}
        hint={t('sync.dialog.snipeit.rateHint', { default: DEFAULT_RATE.snipeit })}
        validationMessage={errors.ratePerMinute}
      >
        <Input
          inputMode="numeric"
          value={draft.ratePerMinute}
          onChange={(_, data) => onChange({ ratePerMinute: data.value })}
        />
      </Field>
      <Accordion
        multiple
        collapsible
        openItems={openSections}
        onToggle={(_, data) => onToggleSection(String(data.value))}
      >
        {MAPPINGS.map(mappingPanel)}
        <AccordionItem value="fieldPolicies">
          <AccordionHeader>{t('sync.policies.title')}</AccordionHeader>
          <AccordionPanel className={styles.panel}>
            <FieldPoliciesEditor
              policies={draft.fieldPolicies}
              onChange={(fieldPolicies) => onChange({ fieldPolicies })}
            />
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </div>
  );
}

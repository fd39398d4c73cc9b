import { useEffect, useMemo, useRef } from 'react';
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
import { ReadFromServer } from './ReadFromServer.tsx';
import { SecretField } from './SecretField.tsx';
import { MAPPINGS, type Mapping } from './snipeit-read.ts';
import { useSnipeItRead, type ReadProblem } from './use-snipeit-read.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  panel: { paddingBottom: tokens.spacingVerticalM },
});

export const SNIPEIT_SECTIONS = [...MAPPINGS, 'fieldPolicies'] as const;

interface SnipeItFieldsProps {
  draft: SnipeItDraft;
  onChange: (patch: Partial<SnipeItDraft>) => void;
  errors: FieldErrors;
  tokenStored: boolean;
  /** The name the token is (or will be) stored under; "Read from server" names it to the core. */
  tokenSecret: string;
  /** A read that could not start (marked fields) or failed (the form's error bar); undefined clears. */
  onReadProblem: (problem: ReadProblem | undefined) => void;
  /** Which of the collapsible sections are open (the form opens the ones with errors). */
  openSections: string[];
  onToggleSection: (section: string) => void;
  /** Opens sections (the ones a read filled) and leaves the others as they are. */
  onOpenSections: (sections: readonly string[]) => void;
}

/**
 * Snipe-IT: address, token, "Read from server", rate, and the mappings and field policies in
 * collapsible sections. After a read the mapping values are picked by name from the server's lists.
 */
export function SnipeItFields({
  draft,
  onChange,
  errors,
  tokenStored,
  tokenSecret,
  onReadProblem,
  openSections,
  onToggleSection,
  onOpenSections,
}: SnipeItFieldsProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const rootRef = useRef<HTMLDivElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const { reading, choices, outcome, read } = useSnipeItRead({
    draft,
    tokenSecret,
    tokenStored,
    onChange,
    onProblem: onReadProblem,
    onRead: (done) => onOpenSections(done.touched),
  });

  // After a read: the first row that still needs a pick, else the message that says what was filled.
  useEffect(() => {
    if (!outcome) return;
    const first = outcome.unmatched[0];
    const selector = first && `[data-mapping="${first.mapping}"] [data-row="${first.index}"]`;
    let frame = 0;
    let tries = 0;
    const focus = () => {
      // An accordion section opened by the read mounts its rows a frame or two later.
      const row = selector ? rootRef.current?.querySelector<HTMLElement>(selector) : null;
      if (selector && !row && tries++ < 10) frame = requestAnimationFrame(focus);
      else (row ?? summaryRef.current)?.focus();
    };
    focus();
    return () => cancelAnimationFrame(frame);
  }, [outcome]);
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
      <AccordionPanel className={styles.panel} data-mapping={mapping}>
        <MappingEditor
          label={t(`sync.mappings.${mapping}.title`)}
          description={
            choices ? t(`sync.setup.descriptions.${mapping}`) : t(`sync.mappings.${mapping}.description`)
          }
          keyLabel={t(`sync.mappings.${mapping}.key`)}
          valueLabel={choices ? t(`sync.setup.values.${mapping}`) : t(`sync.mappings.${mapping}.value`)}
          valueChoices={choices?.[mapping]}
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
    <div ref={rootRef} className={styles.root}>
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
      <ReadFromServer
        reading={reading}
        onRead={() => void read()}
        outcome={outcome}
        summaryRef={summaryRef}
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

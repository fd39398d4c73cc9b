import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import {
  Button,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../../electron/common/contract/index.ts';
import {
  CONNECTOR_KINDS,
  type ConnectorKind,
  type ConnectorView,
} from '../../../electron/common/models/sync.ts';
import { useApi } from '../../api/api-context.tsx';
import { ContractErrorBar } from '../../components/ContractErrorBar.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import {
  buildSave,
  DEFAULT_ATTEMPTS_BEFORE_DEAD_LETTER,
  errorsFromIssues,
  idFromName,
  secretNameOf,
  type ConnectorDraft,
  type FieldErrors,
  type FormMessages,
} from './connector-form.ts';
import { IntuneFields } from './IntuneFields.tsx';
import { SNIPEIT_SECTIONS, SnipeItFields } from './SnipeItFields.tsx';
import type { ReadProblem } from './use-snipeit-read.ts';
import { WebhookFields } from './WebhookFields.tsx';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

interface ConnectorFormProps {
  initial: ConnectorDraft;
  isNew: boolean;
  /** Secrets the station holds for this connector (by name). */
  secretsSet: readonly string[];
  /** Ids already taken: a new connector must not overwrite one (save adds or changes). */
  takenIds: readonly string[];
  onSaved: (connector: ConnectorView) => void;
  onCancel: () => void;
  /** Tells the dialog not to close while a save is on its way. */
  onBusyChange: (busy: boolean) => void;
}

/** The setup form inside the connector dialog: common fields, then the chosen system's. */
export function ConnectorForm({
  initial,
  isNew,
  secretsSet,
  takenIds,
  onSaved,
  onCancel,
  onBusyChange,
}: ConnectorFormProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const api = useApi();
  const { number } = useFormatters();
  const formRef = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<ContractError | undefined>(undefined);
  const [fieldsOnly, setFieldsOnly] = useState(false);
  const [busy, setBusy] = useState(false);
  const [openSections, setOpenSections] = useState<string[]>([]);
  const [attempts, setAttempts] = useState(0);

  const messages: FormMessages = useMemo(
    () => ({
      required: t('sync.dialog.required'),
      wholeNumber: (min, max) => t('sync.dialog.wholeNumber', { min: number(min), max: number(max) }),
      positiveId: t('sync.mappings.positiveId'),
      duplicate: t('sync.mappings.duplicate'),
      httpUrl: t('sync.dialog.httpUrl'),
    }),
    [t, number],
  );

  // After a refused save: focus the first marked field, so the keyboard lands where the problem is.
  useEffect(() => {
    if (attempts === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempts]);

  const stored = secretsSet.includes(secretNameOf(draft));
  const setName = (name: string) =>
    setDraft((current) => ({ ...current, name, id: current.idTouched ? current.id : idFromName(name) }));

  const openSectionsFor = (sections: readonly string[]) =>
    setOpenSections((open) => [...open, ...sections.filter((section) => !open.includes(section))]);

  const showErrors = (found: FieldErrors) => {
    setErrors(found);
    openSectionsFor(SNIPEIT_SECTIONS.filter((section) => found[section]));
    setAttempts((count) => count + 1);
  };

  // "Read from server": marked fields when it cannot be sent, the core's message when it failed.
  // What it checks (address, token) is marked afresh each time; other fields keep their marks.
  const showReadProblem = (problem: ReadProblem | undefined) => {
    const kept = Object.fromEntries(
      Object.entries(errors).filter(([field]) => field !== 'baseUrl' && field !== 'token'),
    );
    setError(problem && 'error' in problem ? problem.error : undefined);
    if (problem) setFieldsOnly(false);
    if (problem && 'fields' in problem) showErrors({ ...kept, ...problem.fields });
    else setErrors(kept);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const built = buildSave(draft, secretsSet, messages);
    const taken = isNew && takenIds.includes(draft.id.trim());
    if (built.errors || taken) {
      setError(undefined);
      setFieldsOnly(true);
      return showErrors({ ...built.errors, ...(taken ? { id: t('sync.dialog.idTaken') } : {}) });
    }
    setBusy(true);
    onBusyChange(true);
    const result = await api.request('sync.connectors.save', built.input);
    setBusy(false);
    onBusyChange(false);
    if (result.ok) return onSaved(result.value);
    const { fields, other } = errorsFromIssues(result.error.details?.issues ?? [], draft.kind);
    setError(result.error);
    setFieldsOnly(
      result.error.code === 'invalid_input' && other.length === 0 && Object.keys(fields).length > 0,
    );
    showErrors(fields);
  };

  const kindFields = (kind: ConnectorKind) => {
    switch (kind) {
      case 'snipeit':
        return (
          <SnipeItFields
            draft={draft.snipeit}
            onChange={(patch) =>
              setDraft((current) => ({ ...current, snipeit: { ...current.snipeit, ...patch } }))
            }
            errors={errors}
            tokenStored={stored}
            tokenSecret={secretNameOf(draft)}
            onReadProblem={showReadProblem}
            openSections={openSections}
            onToggleSection={(section) =>
              setOpenSections((open) =>
                open.includes(section) ? open.filter((item) => item !== section) : [...open, section],
              )
            }
            onOpenSections={openSectionsFor}
          />
        );
      case 'webhook':
        return (
          <WebhookFields
            draft={draft.webhook}
            onChange={(patch) =>
              setDraft((current) => ({ ...current, webhook: { ...current.webhook, ...patch } }))
            }
            errors={errors}
            secretStored={stored}
          />
        );
      case 'intune':
        return (
          <IntuneFields
            draft={draft.intune}
            onChange={(patch) =>
              setDraft((current) => ({ ...current, intune: { ...current.intune, ...patch } }))
            }
            errors={errors}
            secretStored={stored}
          />
        );
    }
  };

  return (
    <form ref={formRef} onSubmit={(event) => void submit(event)} noValidate>
      <DialogBody>
        <DialogTitle>
          {isNew ? t('sync.dialog.addTitle') : t('sync.dialog.editTitle', { name: initial.name })}
        </DialogTitle>
        <DialogContent className={styles.content}>
          {fieldsOnly && Object.keys(errors).length > 0 && (
            <MessageBar intent="error">
              <MessageBarBody>
                <MessageBarTitle>{t('errors.invalid_input')}</MessageBarTitle>
                {t('sync.dialog.fixFields')}
              </MessageBarBody>
            </MessageBar>
          )}
          {error && !fieldsOnly && <ContractErrorBar error={error} />}
          {isNew ? (
            <Field label={t('sync.dialog.kind')}>
              <RadioGroup
                layout="horizontal"
                value={draft.kind}
                onChange={(_, data) => {
                  const kind = CONNECTOR_KINDS.find((candidate) => candidate === data.value);
                  if (kind) setDraft((current) => ({ ...current, kind }));
                }}
              >
                {CONNECTOR_KINDS.map((kind) => (
                  <Radio key={kind} value={kind} label={t(`sync.kinds.${kind}`)} />
                ))}
              </RadioGroup>
            </Field>
          ) : null}
          <Field
            label={t('sync.dialog.name')}
            hint={t('sync.dialog.nameHint')}
            validationMessage={errors.name}
            required
          >
            <Input value={draft.name} maxLength={100} onChange={(_, data) => setName(data.value)} />
          </Field>
          <Field
            label={t('sync.dialog.id')}
            hint={isNew ? t('sync.dialog.idHint') : undefined}
            validationMessage={errors.id}
            required={isNew}
          >
            <Input
              value={draft.id}
              readOnly={!isNew}
              maxLength={40}
              spellCheck={false}
              onChange={(_, data) => setDraft((current) => ({ ...current, id: data.value, idTouched: true }))}
            />
          </Field>
          {kindFields(draft.kind)}
          <Field
            label={t('sync.dialog.attempts')}
            hint={t('sync.dialog.attemptsHint', { default: DEFAULT_ATTEMPTS_BEFORE_DEAD_LETTER })}
            validationMessage={errors.attemptsBeforeDeadLetter}
          >
            <Input
              inputMode="numeric"
              value={draft.attemptsBeforeDeadLetter}
              onChange={(_, data) =>
                setDraft((current) => ({ ...current, attemptsBeforeDeadLetter: data.value }))
              }
            />
          </Field>
        </DialogContent>
        <DialogActions>
          <Button
            type="submit"
            appearance="primary"
            disabled={busy}
            icon={busy ? <Spinner size="tiny" /> : undefined}
          >
            {t('sync.dialog.save')}
          </Button>
          <Button type="button" disabled={busy} onClick={onCancel}>
            {t('sync.dialog.cancel')}
          </Button>
        </DialogActions>
      </DialogBody>
    </form>
  );
}

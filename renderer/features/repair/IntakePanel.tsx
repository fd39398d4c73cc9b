import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  Button,
  Card,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Spinner,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { ArrowEnterLeft20Regular, BarcodeScanner24Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../../electron/common/contract/index.ts';
import { INTAKE_REASONS, type BenchRow, type IntakeReason } from '../../../electron/common/models/repair.ts';
import { useApi } from '../../api/api-context.tsx';
import { ContractErrorBar } from '../../components/ContractErrorBar.tsx';
import { VisuallyHidden } from '../../components/VisuallyHidden.tsx';
import { RegisterFields, type RegisterDraft } from './RegisterFields.tsx';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, margin: 0 },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, alignItems: 'flex-start' },
  scan: { flex: '1 1 320px' },
  input: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase500 },
  notes: { flex: '2 1 320px' },
});

const EMPTY_REGISTER: RegisterDraft = { platform: 'android', manufacturer: '', model: '', assetTag: '' };

/**
 * Returns intake: one field a scanner types into (tag, serial, IMEI or UDID, then Enter), the
 * reason and condition notes. A code nobody knows asks for the device's details and registers it.
 * The field takes focus when the page opens and again after each intake, for the next scan.
 */
export function IntakePanel({ onTakenIn }: { onTakenIn: (row: BenchRow) => void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const api = useApi();
  const field = useRef<HTMLInputElement>(null);
  const [code, setCode] = useState('');
  const [reason, setReason] = useState<IntakeReason>('leaver');
  const [notes, setNotes] = useState('');
  const [register, setRegister] = useState<RegisterDraft | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ContractError | undefined>(undefined);
  const [done, setDone] = useState('');

  useEffect(() => {
    // The shell focuses the page heading after navigation; take focus a frame later.
    const frame = requestAnimationFrame(() => field.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, []);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const scanned = (field.current?.value ?? code).trim();
    if (!scanned || busy) return;
    setBusy(true);
    setError(undefined);
    setDone('');
    const result = await api.request('repair.intake', {
      code: scanned,
      reason,
      conditionNotes: notes.trim(),
      photos: [],
      ...(register && register.manufacturer.trim()
        ? {
            register: {
              serial: scanned,
              platform: register.platform,
              manufacturer: register.manufacturer.trim(),
              ...(register.model.trim() ? { model: register.model.trim() } : {}),
              ...(register.assetTag.trim() ? { assetTag: register.assetTag.trim() } : {}),
            },
          }
        : {}),
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      if (result.error.code === 'not_found' && !register) setRegister(EMPTY_REGISTER);
      return;
    }
    const { row, registered } = result.value;
    const device = row.asset.assetTag ?? row.asset.serial;
    setDone(t(registered ? 'repair.intake.registered' : 'repair.intake.takenIn', { device }));
    setCode('');
    setNotes('');
    setRegister(undefined);
    onTakenIn(row);
    field.current?.focus();
  };

  return (
    <Card className={styles.card} aria-labelledby="repair-intake-heading">
      <Text as="h2" id="repair-intake-heading" size={500} weight="semibold" className={styles.heading}>
        <BarcodeScanner24Regular aria-hidden="true" />
        {t('repair.intake.title')}
      </Text>
      <form onSubmit={(event) => void submit(event)} noValidate className={styles.card}>
        <div className={styles.row}>
          <Field
            className={styles.scan}
            label={t('repair.intake.codeLabel')}
            hint={t('repair.intake.codeHint')}
            required
          >
            <Input
              ref={field}
              size="large"
              className={styles.input}
              value={code}
              autoComplete="off"
              spellCheck={false}
              data-testid="repair-scan"
              contentAfter={
                busy ? <Spinner size="tiny" aria-label={t('repair.intake.working')} /> : undefined
              }
              onChange={(_, data) => {
                setCode(data.value);
                if (register) setRegister(undefined);
              }}
            />
          </Field>
          <Field label={t('repair.intake.reasonLabel')}>
            <RadioGroup
              layout="horizontal"
              value={reason}
              onChange={(_, data) => setReason(data.value as IntakeReason)}
            >
              {INTAKE_REASONS.map((value) => (
                <Radio key={value} value={value} label={t(`repair.reasons.${value}`)} />
              ))}
            </RadioGroup>
          </Field>
        </div>
        <Field
          className={styles.notes}
          label={t('repair.intake.notesLabel')}
          hint={t('repair.intake.notesHint')}
        >
          <Textarea
            value={notes}
            maxLength={2000}
            resize="vertical"
            onChange={(_, data) => setNotes(data.value)}
          />
        </Field>
        {register && <RegisterFields draft={register} onChange={setRegister} />}
        {error && <ContractErrorBar error={error} />}
        {done && (
          <MessageBar intent="success" aria-hidden="true">
            <MessageBarBody>{done}</MessageBarBody>
          </MessageBar>
        )}
        <VisuallyHidden>
          <span role="status">{done}</span>
        </VisuallyHidden>
        <div>
          <Button
            type="submit"
            appearance="primary"
            size="large"
            icon={busy ? <Spinner size="tiny" /> : <ArrowEnterLeft20Regular />}
            disabled={busy || !code.trim()}
          >
            {register ? t('repair.intake.registerSubmit') : t('repair.intake.submit')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

import { useEffect, useState, type KeyboardEvent, type RefObject } from 'react';
import {
  Badge,
  Button,
  Card,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Switch,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ArrowUndo20Regular, BarcodeScanner24Regular, Dismiss20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { VisuallyHidden } from '../../components/VisuallyHidden.tsx';
import { useFeedbackSound } from './feedback-sound.ts';
import { assetLabel, assetModel, useOutcomeText } from './scan-outcome.ts';
import { useScanFlow } from './use-scan-flow.ts';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, margin: 0 },
  steps: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  input: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase500 },
  device: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  deviceName: { fontFamily: tokens.fontFamilyMonospace },
  footer: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
  },
});

/**
 * The handover desk: one field a keyboard-wedge scanner types into (device, then person, each
 * ending in Enter), the device in hand, what the last scan did (seen, heard and announced),
 * and undo for the last handover. Focus stays in the field so the next scan needs no click.
 */
export function ScanPanel({
  onChange,
  fieldRef,
}: {
  onChange: () => void;
  /** The scan field, for the page to give focus back after a dialog closes. */
  fieldRef: RefObject<HTMLInputElement | null>;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  const { muted, setMuted, sound } = useFeedbackSound();
  const flow = useScanFlow({ onChange, feedback: sound });
  const describe = useOutcomeText();
  const [value, setValue] = useState('');
  const field = fieldRef;
  const text = flow.outcome && describe(flow.outcome);
  const spoken = text ? `${text.title}. ${text.body}` : '';

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      // The field's own value: a scanner's keystrokes can outrun React's render of `value`.
      flow.submit(event.currentTarget.value);
      setValue('');
    } else if (event.key === 'Escape') {
      flow.cancel();
      setValue('');
    }
  };
  const refocus = () => field.current?.focus();

  // A scanner types wherever focus is: the field takes it when the page opens. The shell moves
  // focus to the page heading after navigation (its effect runs after ours), so wait a frame.
  useEffect(() => {
    const frame = requestAnimationFrame(() => field.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, [field]);

  return (
    <Card className={styles.card} aria-labelledby="rollout-scan-heading">
      <Text as="h2" id="rollout-scan-heading" size={500} weight="semibold" className={styles.heading}>
        <BarcodeScanner24Regular aria-hidden="true" />
        {t('rollout.scan.title')}
      </Text>
      <div className={styles.steps}>
        <Badge appearance={flow.step === 'device' ? 'filled' : 'outline'}>
          {t('rollout.scan.stepDevice')}
        </Badge>
        <Text aria-hidden="true">→</Text>
        <Badge appearance={flow.step === 'person' ? 'filled' : 'outline'}>
          {t('rollout.scan.stepPerson')}
        </Badge>
      </div>
      <Field
        label={flow.step === 'device' ? t('rollout.scan.deviceLabel') : t('rollout.scan.personLabel')}
        hint={flow.step === 'device' ? t('rollout.scan.deviceHint') : t('rollout.scan.personHint')}
      >
        <Input
          ref={field}
          size="large"
          className={styles.input}
          value={value}
          autoComplete="off"
          spellCheck={false}
          contentAfter={
            flow.busy ? <Spinner size="tiny" aria-label={t('rollout.scan.working')} /> : undefined
          }
          onChange={(_, data) => setValue(data.value)}
          onKeyDown={onKeyDown}
        />
      </Field>
      {flow.device && (
        <div className={styles.device} aria-label={t('rollout.scan.deviceInHand')} role="group">
          <Text weight="semibold" className={styles.deviceName}>
            {assetLabel(flow.device)}
          </Text>
          <Text>{assetModel(flow.device)}</Text>
          <Badge appearance="tint">{t(`assets.states.${flow.device.state}`)}</Badge>
          <Button
            size="small"
            icon={<Dismiss20Regular />}
            onClick={() => {
              flow.cancel();
              refocus();
            }}
          >
            {t('rollout.scan.cancel')}
          </Button>
        </div>
      )}
      {text && (
        <MessageBar intent={text.intent} layout="multiline" aria-hidden="true">
          <MessageBarBody>
            <MessageBarTitle>{text.title}</MessageBarTitle>
            {text.body}
          </MessageBarBody>
        </MessageBar>
      )}
      {/* Two regions that are always there: an error interrupts, anything else waits its turn. */}
      <VisuallyHidden>
        <span role="alert">{text?.intent === 'error' ? spoken : ''}</span>
        <span role="status">{text && text.intent !== 'error' ? spoken : ''}</span>
      </VisuallyHidden>
      <div className={styles.footer}>
        <Button
          icon={<ArrowUndo20Regular />}
          disabled={!flow.last || flow.busy}
          onClick={() => void flow.undoLast().then(refocus)}
        >
          {flow.last
            ? t('rollout.scan.undoLast', {
                device: assetLabel(flow.last.asset),
                person: flow.last.person.name,
              })
            : t('rollout.scan.undoNothing')}
        </Button>
        <Switch
          checked={muted}
          label={t('rollout.scan.mute')}
          onChange={(_, data) => {
            setMuted(data.checked);
            refocus();
          }}
        />
      </div>
    </Card>
  );
}

import { useState } from 'react';
import {
  Badge,
  Button,
  Field,
  Input,
  makeStyles,
  Radio,
  RadioGroup,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Checkmark20Regular, Stethoscope20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { CONDITION_GRADES } from '../../../electron/common/models/asset.ts';
import type { BenchRow } from '../../../electron/common/models/repair.ts';
import { useApi } from '../../api/api-context.tsx';
import { FactList, type Fact } from '../../components/FactList.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import type { RepairAction } from './use-repair-action.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  line: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalM },
  reasons: { margin: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
});

type Grade = (typeof CONDITION_GRADES)[number];

interface GradeSectionProps {
  row: BenchRow;
  /** The fleet's minimum OS version for this device's platform; empty for none. */
  minimumOs: string;
  action: RepairAction;
  onRow: (row: BenchRow) => void;
}

/** Diagnostics read from the device, the grade the rules propose and why, and the technician's grade. */
export function GradeSection({ row, minimumOs, action, onRow }: GradeSectionProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const api = useApi();
  const { number, dateTime } = useFormatters();
  const proposed = row.grade.proposed;
  const confirmed = row.grade.confirmed;
  const [chosen, setChosen] = useState<Grade | undefined>(undefined);
  const [note, setNote] = useState('');
  const grade = chosen ?? confirmed?.grade ?? proposed?.grade;
  const busy = action.busy !== undefined;
  const values = row.diagnostics?.values;
  const unknown = t('repair.grade.unknown');
  const gb = (bytes: number | null) =>
    bytes === null ? unknown : `${number(Math.round(bytes / 1e8) / 10)} GB`;
  const percent = (value: number | null) => (value === null ? unknown : `${number(value)} %`);

  const facts: Fact[] = values
    ? [
        { term: t('repair.grade.batteryLevel'), value: percent(values.batteryLevel) },
        { term: t('repair.grade.batteryHealth'), value: percent(values.batteryHealth) },
        {
          term: t('repair.grade.batteryCycles'),
          value: values.batteryCycles === null ? unknown : number(values.batteryCycles),
        },
        {
          term: t('repair.grade.storage'),
          value: t('repair.grade.storageValue', {
            free: gb(values.storageFreeBytes),
            total: gb(values.storageTotalBytes),
          }),
        },
        {
          term: t('repair.grade.os'),
          value: minimumOs
            ? t('repair.grade.osVsMinimum', { version: values.osVersion, minimum: minimumOs })
            : t('repair.grade.osNoMinimum', { version: values.osVersion }),
        },
      ]
    : [];

  return (
    <section className={styles.root} aria-labelledby={`repair-grade-${row.intake.id}`}>
      <div className={styles.line}>
        <Text as="h4" weight="semibold" id={`repair-grade-${row.intake.id}`}>
          {t('repair.grade.title')}
        </Text>
        <Button
          size="small"
          icon={action.busy === 'diagnose' ? <Spinner size="tiny" /> : <Stethoscope20Regular />}
          disabled={busy || !row.plugged}
          onClick={() =>
            void action.run(
              'diagnose',
              () => api.request('repair.diagnose', { assetId: row.asset.id }),
              onRow,
            )
          }
        >
          {row.diagnostics ? t('repair.grade.diagnoseAgain') : t('repair.grade.diagnose')}
        </Button>
      </div>
      {!row.diagnostics && !row.plugged && <Text className={styles.muted}>{t('repair.grade.plugIn')}</Text>}
      {row.diagnostics && (
        <>
          <Text size={200} className={styles.muted}>
            {t('repair.grade.readAt', { at: dateTime(row.diagnostics.at) })}
          </Text>
          <FactList facts={facts} />
        </>
      )}
      {proposed && (
        <div>
          <Text>
            {t('repair.grade.proposed')} <Badge appearance="filled">{proposed.grade}</Badge>
          </Text>
          {proposed.reasons.length > 0 && (
            <ul className={styles.reasons} aria-label={t('repair.grade.rulesLabel')}>
              {proposed.reasons.map((reason, index) => (
                <li key={index}>{reason}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {confirmed && (
        <Text data-testid="repair-confirmed-grade">
          {t('repair.grade.confirmedBy', {
            grade: confirmed.grade,
            by: confirmed.by,
            at: dateTime(confirmed.at),
          })}
        </Text>
      )}
      <div className={styles.line}>
        <Field label={t('repair.grade.choose')}>
          <RadioGroup
            layout="horizontal"
            value={grade ?? ''}
            onChange={(_, data) => setChosen(data.value as Grade)}
          >
            {CONDITION_GRADES.map((value) => (
              <Radio key={value} value={value} label={value} />
            ))}
          </RadioGroup>
        </Field>
        <Field label={t('repair.grade.note')}>
          <Input value={note} maxLength={500} onChange={(_, data) => setNote(data.value)} />
        </Field>
        <Button
          appearance={row.nextStep === 'grade' ? 'primary' : 'secondary'}
          icon={action.busy === 'grade' ? <Spinner size="tiny" /> : <Checkmark20Regular />}
          disabled={busy || !grade}
          onClick={() =>
            grade &&
            void action.run(
              'grade',
              () => api.request('repair.grade', { assetId: row.asset.id, grade, note: note.trim() }),
              (next) => {
                setChosen(undefined);
                setNote('');
                onRow(next);
              },
            )
          }
        >
          {grade && grade === proposed?.grade && !chosen
            ? t('repair.grade.confirm', { grade })
            : t('repair.grade.set', { grade: grade ?? '' })}
        </Button>
      </div>
    </section>
  );
}

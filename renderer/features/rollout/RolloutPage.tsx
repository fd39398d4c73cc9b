import { useEffect, useRef, useState } from 'react';
import { Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { PeopleAdd20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../../electron/common/contract/index.ts';
import { useContractQuery } from '../../api/use-contract-query.ts';
import { ContractErrorBar } from '../../components/ContractErrorBar.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ReportButtons } from './ReportButtons.tsx';
import { RolloutBoard } from './RolloutBoard.tsx';
import { ScanPanel } from './ScanPanel.tsx';
import { ImportDialog } from '../assets/import/ImportDialog.tsx';

/** Other technicians hand out devices too: the board catches up this often without a scan here. */
const BOARD_REFRESH_MS = 5000;

const useStyles = makeStyles({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalM,
    marginBottom: tokens.spacingVerticalL,
  },
  layout: {
    display: 'grid',
    gridTemplateColumns: 'minmax(320px, 460px) minmax(0, 1fr)',
    alignItems: 'start',
    gap: tokens.spacingHorizontalXXL,
    '@media (max-width: 1100px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  bar: { marginBottom: tokens.spacingVerticalM },
});

/** Today in the station's own time zone, as YYYY-MM-DD: a rollout day is a local calendar day. */
export function localToday(now = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Rollout day: import the day's roster, hand out devices by scanning, watch the board, take the report. */
export function RolloutPage() {
  const styles = useStyles();
  const { t } = useTranslation();
  const [day, setDay] = useState(localToday);
  const [importing, setImporting] = useState(false);
  const [reportError, setReportError] = useState<ContractError | undefined>(undefined);
  const board = useContractQuery('rollout.board', { day });
  const { reload } = board;
  const scanField = useRef<HTMLInputElement>(null);
  // After the dialog has closed and restored focus to its trigger: the next scan goes to the field.
  const backToScanning = () => requestAnimationFrame(() => scanField.current?.focus());

  useEffect(() => {
    const timer = setInterval(reload, BOARD_REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  return (
    <>
      <PageHeader title={t('rollout.title')} description={t('rollout.description')} />
      <div className={styles.toolbar}>
        <Field label={t('rollout.day')}>
          <Input type="date" value={day} required onChange={(_, data) => data.value && setDay(data.value)} />
        </Field>
        <Button icon={<PeopleAdd20Regular />} onClick={() => setImporting(true)}>
          {t('rollout.import.button')}
        </Button>
        <ReportButtons day={day} onError={setReportError} />
      </div>
      {reportError && (
        <div className={styles.bar}>
          <ContractErrorBar error={reportError} />
        </div>
      )}
      {board.error && (
        <div className={styles.bar}>
          <ContractErrorBar error={board.error} onRetry={reload} />
        </div>
      )}
      <div className={styles.layout}>
        <ScanPanel onChange={reload} fieldRef={scanField} />
        {board.value ? (
          <RolloutBoard board={board.value} />
        ) : (
          board.loading && <LoadingState label={t('rollout.board.loading')} />
        )}
      </div>
      {importing && (
        // The Assets page's import, opened for a people roster of this day.
        <ImportDialog
          roster={{ day }}
          onClose={() => {
            setImporting(false);
            backToScanning();
          }}
          onImported={reload}
        />
      )}
    </>
  );
}

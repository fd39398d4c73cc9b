import { useId, useState } from 'react';
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  makeStyles,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { ArrowImport20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../../electron/common/models/asset-import.ts';
import { ContractErrorBar } from '../../components/ContractErrorBar.tsx';
import { RosterReport } from './RosterReport.tsx';
import { useRosterImport } from './use-roster-import.ts';

const useStyles = makeStyles({
  surface: { maxWidth: '760px', width: 'calc(100vw - 48px)' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

interface RosterImportDialogProps {
  day: string;
  onClose: () => void;
  onImported: (report: ImportReport) => void;
}

/** Imports the people expected on a rollout day from a CSV: preview, fix the mapping, then all rows or none. */
export function RosterImportDialog({ day, onClose, onImported }: RosterImportDialogProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const roster = useRosterImport(day);
  const [updateExisting, setUpdateExisting] = useState(false);
  const fileId = useId();
  const report = roster.report;
  const blocked =
    !report ||
    report.issueCount > 0 ||
    report.validRows === 0 ||
    (report.conflictCount > 0 && !updateExisting);

  const commit = async () => {
    const committed = await roster.commit(updateExisting);
    if (committed) onImported(committed);
  };

  return (
    <Dialog open onOpenChange={(_, data) => !data.open && !roster.busy && onClose()}>
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>{t('rollout.import.title', { day })}</DialogTitle>
          <DialogContent className={styles.content}>
            {/* Field labels Fluent controls through context; a native file input needs its id passed on. */}
            <Field
              label={{ htmlFor: fileId, children: t('rollout.import.file') }}
              hint={t('rollout.import.fileHint')}
            >
              <input
                id={fileId}
                type="file"
                accept=".csv,.txt,text/csv"
                disabled={roster.busy}
                onChange={(event) => {
                  const file = event.currentTarget.files?.[0];
                  if (file) void roster.choose(file);
                }}
              />
            </Field>
            {roster.busy && <Spinner size="small" label={t('rollout.import.reading')} />}
            {roster.error && <ContractErrorBar error={roster.error} />}
            {report && (
              <RosterReport report={report} disabled={roster.busy} onRemap={(m) => void roster.remap(m)} />
            )}
            {report && report.conflictCount > 0 && (
              <Checkbox
                checked={updateExisting}
                label={t('rollout.import.updateExisting')}
                onChange={(_, data) => setUpdateExisting(data.checked === true)}
              />
            )}
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              icon={<ArrowImport20Regular />}
              disabled={blocked || roster.busy}
              onClick={() => void commit()}
            >
              {t('rollout.import.submit', { count: report?.validRows ?? 0 })}
            </Button>
            <Button disabled={roster.busy} onClick={onClose}>
              {t('rollout.import.cancel')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

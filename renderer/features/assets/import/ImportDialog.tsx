import { useRef, useState } from 'react';
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
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Radio,
  RadioGroup,
  Text,
  tokens,
} from '@fluentui/react-components';
import { DocumentArrowUp20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { ImportKind } from '../../../../electron/common/models/asset-import.ts';
import { ContractErrorBar } from '../../../components/ContractErrorBar.tsx';
import { ImportReportView } from './ImportReportView.tsx';
import { MappingTable } from './MappingTable.tsx';
import { useImport } from './use-import.ts';

const useStyles = makeStyles({
  surface: { maxWidth: '960px', width: 'calc(100vw - 48px)' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  pick: { display: 'flex', gap: tokens.spacingHorizontalL, alignItems: 'flex-end', flexWrap: 'wrap' },
  file: { display: 'none' },
  options: { display: 'flex', gap: tokens.spacingHorizontalL, alignItems: 'flex-end', flexWrap: 'wrap' },
});

/**
 * Imports a supplier delivery list or a people roster: pick a CSV, see how its columns map
 * and every bad row, remap and check again (a dry run), then import all rows or none.
 */
export function ImportDialog({
  onClose,
  onImported,
  roster,
}: {
  onClose: () => void;
  onImported: () => void;
  /** Opened from a rollout day: a people roster for that day (both still changeable). */
  roster?: { day: string };
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  const flow = useImport(roster ? 'people' : 'assets');
  const picker = useRef<HTMLInputElement>(null);
  const [fileName, setFileName] = useState('');
  const [updateExisting, setUpdateExisting] = useState(false);
  const [rosterDay, setRosterDay] = useState(roster?.day ?? '');
  const { report, phase } = flow;
  const working =
    phase === 'reading' || phase === 'uploading' || phase === 'checking' || phase === 'committing';
  const blocked =
    !report || report.issueCount > 0 || (report.conflictCount > 0 && !updateExisting) || flow.remapped;

  const close = () => {
    if (phase === 'committed') onImported();
    onClose();
  };

  return (
    <Dialog open onOpenChange={(_, data) => !data.open && !working && close()}>
      <DialogSurface className={styles.surface} aria-busy={working}>
        <DialogBody>
          <DialogTitle>{t('assets.import.title')}</DialogTitle>
          <DialogContent className={styles.content}>
            <div className={styles.pick}>
              <RadioGroup
                layout="horizontal"
                aria-label={t('assets.import.kind')}
                value={flow.kind}
                disabled={working || report !== undefined}
                onChange={(_, data) => flow.setKind(data.value as ImportKind)}
              >
                <Radio value="assets" label={t('assets.import.kinds.assets')} />
                <Radio value="people" label={t('assets.import.kinds.people')} />
              </RadioGroup>
              <input
                ref={picker}
                className={styles.file}
                type="file"
                accept=".csv,.txt,text/csv,text/plain"
                aria-label={t('assets.import.file')}
                onChange={(event) => {
                  const file = event.target.files?.[0];
                  event.target.value = '';
                  if (!file) return;
                  setFileName(file.name);
                  setUpdateExisting(false);
                  flow.chooseFile(file);
                }}
              />
              <Button
                icon={<DocumentArrowUp20Regular />}
                disabled={working}
                onClick={() => picker.current?.click()}
              >
                {report ? t('assets.import.otherFile') : t('assets.import.chooseFile')}
              </Button>
              {fileName && <Text>{fileName}</Text>}
            </div>
            {working && (
              <Field validationMessage={t(`assets.import.phases.${phase}`)} validationState="none">
                <ProgressBar aria-label={t(`assets.import.phases.${phase}`)} />
              </Field>
            )}
            {flow.readError && (
              <MessageBar intent="error">
                <MessageBarBody>{t('assets.import.readError', { reason: flow.readError })}</MessageBarBody>
              </MessageBar>
            )}
            {flow.error && <ContractErrorBar error={flow.error} />}
            {phase === 'committed' && report && (
              <MessageBar intent="success">
                <MessageBarBody>
                  {t('assets.import.committed', { created: report.created, updated: report.updated })}
                </MessageBarBody>
              </MessageBar>
            )}
            {report && phase !== 'committed' && (
              <>
                <MappingTable
                  kind={report.kind}
                  report={report}
                  mapping={flow.mapping}
                  disabled={working}
                  onRemap={flow.remap}
                />
                {flow.remapped && <Text>{t('assets.import.remapped')}</Text>}
                <ImportReportView report={report} onMerged={flow.recheck} />
                <div className={styles.options}>
                  {report.conflictCount > 0 && (
                    <Checkbox
                      checked={updateExisting}
                      label={t('assets.import.updateExisting')}
                      onChange={(_, data) => setUpdateExisting(Boolean(data.checked))}
                    />
                  )}
                  {report.kind === 'people' && (
                    <Field label={t('assets.import.rosterDay')} hint={t('assets.import.rosterDayHint')}>
                      <Input type="date" value={rosterDay} onChange={(_, data) => setRosterDay(data.value)} />
                    </Field>
                  )}
                </div>
                {report.issueCount > 0 && <Text>{t('assets.import.fixFirst')}</Text>}
              </>
            )}
          </DialogContent>
          <DialogActions>
            {report && phase !== 'committed' && (
              <>
                <Button disabled={working} onClick={flow.dryRun}>
                  {t('assets.import.dryRun')}
                </Button>
                <Button
                  appearance="primary"
                  disabled={working || blocked}
                  onClick={() => flow.commit({ updateExisting, ...(rosterDay ? { rosterDay } : {}) })}
                >
                  {t('assets.import.commit', { count: report.validRows })}
                </Button>
              </>
            )}
            <Button disabled={working} onClick={close}>
              {phase === 'committed' ? t('assets.import.done') : t('assets.import.cancel')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

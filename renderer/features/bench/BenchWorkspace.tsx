import { useCallback, useRef, useState, useSyncExternalStore } from 'react';
import {
  makeStyles,
  Toast,
  Toaster,
  ToastTitle,
  tokens,
  useId,
  useToastController,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../../electron/common/contract/index.ts';
import { ContractErrorBar } from '../../components/ContractErrorBar.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { BenchEmpty } from './BenchEmpty.tsx';
import { BenchToolbar } from './BenchToolbar.tsx';
import { BatchSummaryBar } from './BatchSummaryBar.tsx';
import { BenchGrid } from './BenchGrid.tsx';
import { AutoStageNotice } from './AutoStageNotice.tsx';
import { StageDialog } from './StageDialog.tsx';
import { SlotRangeDialog } from './SlotRangeDialog.tsx';
import { RenameSlotDialog } from './RenameSlotDialog.tsx';
import { JobLogDrawer } from './JobLogDrawer.tsx';
import type { TileAction } from './TileActions.tsx';
import { useBenchCommands, type Notice } from './use-bench-commands.ts';
import { useBenchStore } from './use-bench.ts';
import { useSelectionStore } from './selection.ts';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    '& > header': { marginBottom: tokens.spacingVerticalS },
  },
});

type OpenDialog =
  | { kind: 'stage'; serials: string[]; skipped: number }
  | { kind: 'range' }
  | { kind: 'log'; serial: string }
  | { kind: 'rename'; serial: string };

/** The bench: header with the staging actions, selection toolbar, batch summary, tiles, and the dialogs they open. */
export function BenchWorkspace({
  error,
  onRetry,
}: {
  error: ContractError | undefined;
  onRetry: () => void;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  const store = useBenchStore();
  const selection = useSelectionStore();
  const toasterId = useId('bench-toaster');
  const { dispatchToast } = useToastController(toasterId);
  const [dialog, setDialog] = useState<OpenDialog | undefined>(undefined);
  const close = useCallback(() => setDialog(undefined), []);

  const notify = useCallback(
    (notice: Notice) =>
      dispatchToast(
        <Toast>
          <ToastTitle>{notice.text}</ToastTitle>
        </Toast>,
        { intent: notice.intent, timeout: 5000 },
      ),
    [dispatchToast],
  );
  const commands = useBenchCommands(notify);

  // Tiles are memoised: they get one callback for good, which always sees the latest commands.
  const latest = useRef(commands.locate);
  latest.current = commands.locate;
  const onTileAction = useCallback((action: TileAction, serial: string) => {
    if (action === 'locate') void latest.current(serial);
    else setDialog({ kind: action, serial });
  }, []);

  const loaded = useSyncExternalStore(store.subscribe, () => store.get().loaded);
  const empty = useSyncExternalStore(store.subscribe, () => store.get().order.length === 0);
  const device = dialog && 'serial' in dialog ? store.get().devices.get(dialog.serial) : undefined;

  return (
    <div className={styles.root}>
      <PageHeader title={t('bench.title')} description={t('bench.description')} />
      {error && <ContractErrorBar error={error} onRetry={onRetry} />}
      <Toaster toasterId={toasterId} position="bottom-end" pauseOnHover pauseOnWindowBlur />
      <AutoStageNotice />
      {!loaded && !error && <LoadingState label={t('bench.loading')} />}
      {loaded && empty && <BenchEmpty />}
      {loaded && !empty && (
        <>
          <BenchToolbar
            busy={commands.busy}
            onStage={(serials, skipped) => setDialog({ kind: 'stage', serials, skipped })}
            onRetry={(jobIds) => void commands.retry(jobIds)}
            onCancel={(jobIds) => void commands.cancel(jobIds)}
            onSlotRange={() => setDialog({ kind: 'range' })}
          />
          {commands.error && <ContractErrorBar error={commands.error} />}
          <BatchSummaryBar />
          <BenchGrid onAction={onTileAction} />
        </>
      )}

      {dialog?.kind === 'stage' && (
        <StageDialog
          serials={dialog.serials}
          skipped={dialog.skipped}
          onClose={close}
          onStarted={(profile, count) => {
            close();
            selection.clear();
            notify({ intent: 'success', text: t('bench.notices.started', { count, profile: profile.name }) });
          }}
        />
      )}
      {dialog?.kind === 'range' && <SlotRangeDialog onClose={close} />}
      {dialog?.kind === 'log' && <JobLogDrawer serial={dialog.serial} onClose={close} />}
      {dialog?.kind === 'rename' && device && <RenameSlotDialog device={device} onClose={close} />}
    </div>
  );
}

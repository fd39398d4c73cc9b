import type { ReactElement } from 'react';
import { Spinner, ToolbarButton } from '@fluentui/react-components';
import { ArrowClockwise20Regular, Play20Filled, DismissCircle20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { SelectionTargets } from './bench-actions.ts';

export type BenchCommand = 'stage' | 'retry' | 'cancel';

export interface StagingActionsProps {
  busy: BenchCommand | undefined;
  onStage: (serials: string[], skipped: number) => void;
  onRetry: (jobIds: number[]) => void;
  onCancel: (jobIds: number[]) => void;
}

/** What can be done to the ticked phones; each button says how many it would act on. */
export function StagingActions({
  busy,
  onStage,
  onRetry,
  onCancel,
  targets,
}: StagingActionsProps & { targets: SelectionTargets }) {
  const { t } = useTranslation();
  const icon = (command: BenchCommand, idle: ReactElement) =>
    busy === command ? <Spinner size="tiny" /> : idle;
  const idle = busy === undefined;
  return (
    <>
      <ToolbarButton
        appearance="primary"
        icon={icon('stage', <Play20Filled />)}
        disabled={targets.stage.length === 0 || !idle}
        onClick={() => onStage(targets.stage, targets.selected.length - targets.stage.length)}
      >
        {t('bench.toolbar.stage', { count: targets.stage.length })}
      </ToolbarButton>
      <ToolbarButton
        icon={icon('retry', <ArrowClockwise20Regular />)}
        disabled={targets.retryJobIds.length === 0 || !idle}
        onClick={() => onRetry(targets.retryJobIds)}
      >
        {t('bench.toolbar.retry', { count: targets.retryJobIds.length })}
      </ToolbarButton>
      <ToolbarButton
        icon={icon('cancel', <DismissCircle20Regular />)}
        disabled={targets.cancelJobIds.length === 0 || !idle}
        onClick={() => onCancel(targets.cancelJobIds)}
      >
        {t('bench.toolbar.cancel', { count: targets.cancelJobIds.length })}
      </ToolbarButton>
    </>
  );
}

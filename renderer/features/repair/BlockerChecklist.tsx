import { useState } from 'react';
import { Badge, Button, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { ArrowClockwise20Regular, ShieldError20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { BenchRow, ChecklistItem } from '../../../electron/common/models/repair.ts';
import { useFormatters } from '../../components/use-formatters.ts';
import { OverrideDialog } from './OverrideDialog.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  line: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground2 },
});

function statusBadge(item: ChecklistItem): {
  color: 'danger' | 'success' | 'warning' | 'informative';
  key: string;
} {
  if (item.override) return { color: 'informative', key: 'overridden' };
  if (item.status === 'clear') return { color: 'success', key: 'clear' };
  if (item.status === 'unknown') return { color: 'warning', key: 'unknown' };
  return { color: 'danger', key: 'blocking' };
}

interface BlockerChecklistProps {
  row: BenchRow;
  busy: boolean;
  checking: boolean;
  onCheck: () => void;
  onOverridden: (row: BenchRow) => void;
}

/** What stands in the way of a wipe, read from the device, with what to do and an override per item. */
export function BlockerChecklist({ row, busy, checking, onCheck, onOverridden }: BlockerChecklistProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const [overriding, setOverriding] = useState<ChecklistItem | undefined>(undefined);
  const checklist = row.checklist;
  const wiped = row.job !== null && row.job.phase !== 'failed';

  return (
    <section className={styles.root} aria-labelledby={`repair-blockers-${row.intake.id}`}>
      <div className={styles.head}>
        <Text as="h4" weight="semibold" id={`repair-blockers-${row.intake.id}`}>
          {t('repair.blockers.title')}
        </Text>
        {checklist && (
          <Badge appearance="tint" color={checklist.wipeAllowed ? 'success' : 'danger'}>
            {checklist.wipeAllowed ? t('repair.blockers.allowed') : t('repair.blockers.notAllowed')}
          </Badge>
        )}
        <Button
          size="small"
          icon={checking ? <Spinner size="tiny" /> : <ArrowClockwise20Regular />}
          disabled={busy || !row.plugged || wiped}
          onClick={onCheck}
        >
          {checklist ? t('repair.blockers.checkAgain') : t('repair.blockers.check')}
        </Button>
      </div>
      {!row.plugged && !checklist && <Text className={styles.muted}>{t('repair.blockers.plugIn')}</Text>}
      {checklist && (
        <>
          <Text size={200} className={styles.muted}>
            {t('repair.blockers.checkedAt', { at: dateTime(checklist.checkedAt) })}
          </Text>
          <ul className={styles.list}>
            {checklist.items.map((item) => {
              const badge = statusBadge(item);
              return (
                <li key={item.code} className={styles.item} data-blocker={item.code}>
                  <div className={styles.line}>
                    <Text weight="semibold">{item.label}</Text>
                    <Badge appearance="filled" color={badge.color}>
                      {t(`repair.blockers.status.${badge.key}` as 'repair.blockers.status.clear')}
                    </Badge>
                    {item.open && (
                      <Button
                        size="small"
                        icon={<ShieldError20Regular />}
                        disabled={busy || wiped}
                        onClick={() => setOverriding(item)}
                      >
                        {t('repair.blockers.override')}
                      </Button>
                    )}
                  </div>
                  {item.detail && <Text>{item.detail}</Text>}
                  {item.unknownReason && <Text className={styles.muted}>{item.unknownReason}</Text>}
                  {item.action && !item.override && (
                    <Text>
                      <strong>{t('repair.blockers.whatToDo')}</strong> {item.action}
                    </Text>
                  )}
                  {item.override && (
                    <Text className={styles.muted}>
                      {t('repair.blockers.overrideBy', {
                        by: item.override.by,
                        at: dateTime(item.override.at),
                        reason: item.override.reason,
                      })}
                    </Text>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
      {overriding && (
        <OverrideDialog
          assetId={row.asset.id}
          item={overriding}
          onClose={() => setOverriding(undefined)}
          onDone={(next) => {
            setOverriding(undefined);
            onOverridden(next);
          }}
        />
      )}
    </section>
  );
}

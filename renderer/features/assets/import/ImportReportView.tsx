import { useState } from 'react';
import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { CompactTable } from '../../../components/CompactTable.tsx';
import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../../../electron/common/contract/index.ts';
import type { ImportReport, RowConflict } from '../../../../electron/common/models/asset-import.ts';
import { useApi } from '../../../api/api-context.tsx';
import { ContractErrorBar } from '../../../components/ContractErrorBar.tsx';
import { useFormatters } from '../../../components/use-formatters.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  wrapper: { maxHeight: '220px', overflowY: 'auto' },
  heading: { margin: 0 },
});

/**
 * Where two conflicts of one row point at two different registered assets, the registry already
 * holds twins of one device: merging them is offered (the second into the first).
 */
export function mergeCandidates(
  conflicts: readonly RowConflict[],
): { row: number; keep: RowConflict; merge: RowConflict }[] {
  const byRow = new Map<number, RowConflict[]>();
  for (const conflict of conflicts) byRow.set(conflict.row, [...(byRow.get(conflict.row) ?? []), conflict]);
  return [...byRow.entries()].flatMap(([row, list]) => {
    const distinct = list.filter(
      (c, i) => list.findIndex((other) => other.existingId === c.existingId) === i,
    );
    return distinct.length >= 2 ? [{ row, keep: distinct[0]!, merge: distinct[1]! }] : [];
  });
}

/** The row-level report: every bad row with its column and reason, every conflict with the record it meets. */
export function ImportReportView({ report, onMerged }: { report: ImportReport; onMerged: () => void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const { number } = useFormatters();
  const api = useApi();
  const [error, setError] = useState<ContractError | undefined>(undefined);
  const merges = mergeCandidates(report.conflicts);

  const merge = async (keepId: number, mergeId: number) => {
    const result = await api.request('assets.merge', { keepId, mergeId });
    if (result.ok) {
      setError(undefined);
      onMerged();
    } else setError(result.error);
  };

  return (
    <div className={styles.root}>
      <Text role="status">
        {t('assets.import.summary', {
          rows: number(report.rows),
          valid: number(report.validRows),
          issues: number(report.issueCount),
          conflicts: number(report.conflictCount),
          encoding: report.encoding,
          delimiter: report.delimiter === '\t' ? 'Tab' : report.delimiter,
        })}
      </Text>
      {report.issueCount > 0 && (
        <section aria-label={t('assets.import.issuesTitle')}>
          <Text as="h3" weight="semibold" className={styles.heading}>
            {t('assets.import.issuesTitle')}
            {report.issueCount > report.issues.length &&
              ` ${t('assets.import.firstOf', { shown: report.issues.length, total: number(report.issueCount) })}`}
          </Text>
          <div className={styles.wrapper}>
            <CompactTable
              label={t('assets.import.issuesTitle')}
              rows={report.issues}
              rowKey={(_issue, index) => index}
              columns={[
                { header: t('assets.import.row'), cell: (issue) => issue.row },
                { header: t('assets.import.column'), cell: (issue) => issue.column ?? '—' },
                { header: t('assets.import.problem'), cell: (issue) => issue.message },
              ]}
            />
          </div>
        </section>
      )}
      {report.conflictCount > 0 && (
        <section aria-label={t('assets.import.conflictsTitle')}>
          <Text as="h3" weight="semibold" className={styles.heading}>
            {t('assets.import.conflictsTitle')}
          </Text>
          {error && <ContractErrorBar error={error} />}
          <div className={styles.wrapper}>
            <CompactTable
              label={t('assets.import.conflictsTitle')}
              rows={report.conflicts}
              rowKey={(_conflict, index) => index}
              columns={[
                { header: t('assets.import.row'), cell: (conflict) => conflict.row },
                { header: t('assets.import.field'), cell: (conflict) => conflict.field },
                { header: t('assets.import.value'), cell: (conflict) => conflict.value },
                { header: t('assets.import.existing'), cell: (conflict) => conflict.existing },
              ]}
            />
          </div>
          {merges.map(({ row, keep, merge: twin }) => (
            <div key={row}>
              <Text>{t('assets.import.twins', { row, keep: keep.existing, merge: twin.existing })} </Text>
              <Button size="small" onClick={() => void merge(keep.existingId, twin.existingId)}>
                {t('assets.import.merge')}
              </Button>
            </div>
          ))}
        </section>
      )}
    </div>
  );
}

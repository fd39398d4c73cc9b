import { useState } from 'react';
import {
  Button,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
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
            <Table size="small" aria-label={t('assets.import.issuesTitle')}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t('assets.import.row')}</TableHeaderCell>
                  <TableHeaderCell>{t('assets.import.column')}</TableHeaderCell>
                  <TableHeaderCell>{t('assets.import.problem')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {report.issues.map((issue, index) => (
                  <TableRow key={index}>
                    <TableCell>{issue.row}</TableCell>
                    <TableCell>{issue.column ?? '—'}</TableCell>
                    <TableCell>{issue.message}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
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
            <Table size="small" aria-label={t('assets.import.conflictsTitle')}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t('assets.import.row')}</TableHeaderCell>
                  <TableHeaderCell>{t('assets.import.field')}</TableHeaderCell>
                  <TableHeaderCell>{t('assets.import.value')}</TableHeaderCell>
                  <TableHeaderCell>{t('assets.import.existing')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {report.conflicts.map((conflict, index) => (
                  <TableRow key={index}>
                    <TableCell>{conflict.row}</TableCell>
                    <TableCell>{conflict.field}</TableCell>
                    <TableCell>{conflict.value}</TableCell>
                    <TableCell>{conflict.existing}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
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

import {
  makeStyles,
  mergeClasses,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../electron/common/models/audit.ts';
import { useFormatters } from '../../components/use-formatters.ts';
import { AuditDetails } from './AuditDetails.tsx';

const useStyles = makeStyles({
  wrapper: { overflowX: 'auto' },
  table: { minWidth: '880px', tableLayout: 'auto' },
  seq: { width: '64px' },
  nowrap: { whiteSpace: 'nowrap' },
  hashColumn: { width: '120px' },
  cell: { verticalAlign: 'top', paddingTop: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  secondary: { color: tokens.colorNeutralForeground2 },
});

/** The log itself. Each row keeps its hash visible: the chain can be compared with an export by eye. */
export function AuditTable({ entries }: { entries: readonly AuditEntry[] }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const { preciseDateTime } = useFormatters();

  return (
    <div className={styles.wrapper}>
      <Table aria-label={t('audit.tableLabel')} className={styles.table}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('audit.columns.seq')}</TableHeaderCell>
            <TableHeaderCell>{t('audit.columns.at')}</TableHeaderCell>
            <TableHeaderCell>{t('audit.columns.actor')}</TableHeaderCell>
            <TableHeaderCell>{t('audit.columns.action')}</TableHeaderCell>
            <TableHeaderCell>{t('audit.columns.details')}</TableHeaderCell>
            <TableHeaderCell>{t('audit.columns.hash')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {entries.map((entry) => (
            <TableRow key={entry.seq}>
              <TableCell className={styles.cell}>{entry.seq}</TableCell>
              <TableCell className={mergeClasses(styles.cell, styles.nowrap)}>
                {preciseDateTime(entry.at)}
              </TableCell>
              <TableCell className={mergeClasses(styles.cell, styles.nowrap)}>
                <div>{entry.actor}</div>
                <div className={styles.secondary}>{entry.station}</div>
              </TableCell>
              <TableCell className={mergeClasses(styles.cell, styles.nowrap)}>
                <div className={styles.mono}>{entry.action}</div>
                <div className={styles.secondary}>{entry.subject}</div>
              </TableCell>
              <TableCell className={styles.cell}>
                <AuditDetails details={entry.details} />
              </TableCell>
              <TableCell className={styles.cell}>
                <span className={styles.mono} title={entry.hash}>
                  {entry.hash.slice(0, 12)}
                </span>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

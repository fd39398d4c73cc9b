import type { ReactNode } from 'react';
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

const useStyles = makeStyles({
  wrapper: { overflowX: 'auto' },
  // Columns as wide as their content (Fluent's default splits the width evenly).
  table: { tableLayout: 'auto', minWidth: '720px' },
  cell: { verticalAlign: 'top', paddingTop: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS },
});

export interface SyncColumn<Row> {
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** For the body cells only, so a header never takes a cell's colour. */
  className?: string;
}

interface SyncTableProps<Row> {
  /** The table's accessible name. */
  label: string;
  columns: readonly SyncColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string | number;
}

/** The Sync page's lists (dead letters, conflicts, a queue): sized by content, scrolling sideways when narrow. */
export function SyncTable<Row>({ label, columns, rows, rowKey }: SyncTableProps<Row>) {
  const styles = useStyles();
  return (
    <div className={styles.wrapper}>
      <Table size="small" aria-label={label} className={styles.table}>
        <TableHeader>
          <TableRow>
            {columns.map((column, index) => (
              <TableHeaderCell key={index}>{column.header}</TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={rowKey(row)}>
              {columns.map((column, index) => (
                <TableCell key={index} className={mergeClasses(styles.cell, column.className)}>
                  {column.cell(row)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

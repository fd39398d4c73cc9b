import { useEffect, useRef } from 'react';
import {
  makeStyles,
  Table,
  TableBody,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import type { Asset, AssetSortField } from '../../../electron/common/models/asset.ts';
import { VisuallyHidden } from '../../components/VisuallyHidden.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { ASSET_COLUMNS, ROW_HEIGHT, SELECT_COLUMN_WIDTH } from './asset-columns.ts';
import type { AssetSort } from './asset-query-state.ts';
import { AssetRow, cellStyle } from './AssetRow.tsx';
import type { AssetWindow } from './use-asset-window.ts';

const useStyles = makeStyles({
  scroller: {
    // The table scrolls inside the page so its header stays in view; the page header and
    // toolbar above take about 260 px.
    height: 'max(320px, calc(100vh - 300px))',
    overflow: 'auto',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  table: { minWidth: '1280px' },
  header: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  headerRow: { display: 'flex' },
  body: { position: 'relative' },
});

interface AssetsTableProps {
  rows: AssetWindow;
  total: number;
  /** Changes when the query does: the table returns to the top. */
  queryKey: string;
  sort: AssetSort;
  selected: ReadonlySet<number>;
  onSort: (field: AssetSortField) => void;
  onToggle: (asset: Asset) => void;
  onOpen: (asset: Asset) => void;
}

/**
 * Every matching asset in one scrollable table, however many: only the rows in view (and a few
 * either side) are in the DOM, and only their blocks are fetched. Screen readers get the real
 * row count and each row's place through aria-rowcount / aria-rowindex.
 */
export function AssetsTable({
  rows,
  total,
  queryKey,
  sort,
  selected,
  onSort,
  onToggle,
  onOpen,
}: AssetsTableProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    // The first render already fills a typical screen; the real size is measured right after.
    initialRect: { width: 1280, height: 600 },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  const { setVisibleRange } = rows;

  useEffect(() => setVisibleRange(first, last), [first, last, setVisibleRange]);
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [queryKey]);

  const direction = (field: AssetSortField | undefined) =>
    field && sort.field === field ? (sort.direction === 'desc' ? 'descending' : 'ascending') : undefined;

  return (
    <div
      ref={scroller}
      className={styles.scroller}
      tabIndex={0}
      role="region"
      aria-label={t('assets.table.region')}
    >
      <Table
        noNativeElements
        sortable
        size="small"
        aria-label={t('assets.tableLabel')}
        aria-rowcount={total + 1}
        className={styles.table}
      >
        <TableHeader className={styles.header}>
          <TableRow className={styles.headerRow} aria-rowindex={1}>
            <TableHeaderCell style={cellStyle(SELECT_COLUMN_WIDTH)}>
              <VisuallyHidden>{t('assets.table.selectColumn')}</VisuallyHidden>
            </TableHeaderCell>
            {ASSET_COLUMNS.map(({ key, sortField, width }) => (
              <TableHeaderCell
                key={key}
                style={cellStyle(width)}
                sortable={Boolean(sortField)}
                sortDirection={direction(sortField)}
                onClick={sortField ? () => onSort(sortField) : undefined}
              >
                {t(`assets.columns.${key}`)}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody className={styles.body} style={{ height: `${virtualizer.getTotalSize()}px` }}>
          {items.map((item) => {
            const asset = rows.rowAt(item.index);
            return (
              <AssetRow
                key={asset ? `a${asset.id}` : `i${item.index}`}
                index={item.index}
                top={item.start}
                asset={asset}
                selected={asset ? selected.has(asset.id) : false}
                onToggle={onToggle}
                onOpen={onOpen}
                t={t}
                dateTime={dateTime}
              />
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}

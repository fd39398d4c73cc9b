import {
  Badge,
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
import type { Asset, AssetSortField } from '../../../electron/common/models/asset.ts';
import { useFormatters } from '../../components/use-formatters.ts';
import type { AssetSort } from './use-assets-page.ts';

const useStyles = makeStyles({
  wrapper: { overflowX: 'auto' },
  table: { minWidth: '880px', tableLayout: 'auto' },
  nowrap: { whiteSpace: 'nowrap' },
  mono: { fontFamily: tokens.fontFamilyMonospace },
});

/** The columns shown: every sort field of the contract, plus the platform. */
type Column = { key: AssetSortField | 'platform'; sortField?: AssetSortField };

const COLUMNS: readonly Column[] = [
  { key: 'serial', sortField: 'serial' },
  { key: 'platform' },
  { key: 'manufacturer', sortField: 'manufacturer' },
  { key: 'model', sortField: 'model' },
  { key: 'osVersion', sortField: 'osVersion' },
  { key: 'state', sortField: 'state' },
  { key: 'updatedAt', sortField: 'updatedAt' },
  { key: 'createdAt', sortField: 'createdAt' },
];

const PLATFORM_NAMES: Record<Asset['platform'], string> = { android: 'Android', ios: 'iOS' };

interface AssetsTableProps {
  assets: readonly Asset[];
  sort: AssetSort;
  busy: boolean;
  onSort: (field: AssetSortField) => void;
}

/** Sorting happens in the core (the table shows one page); headers are buttons that say how it is sorted. */
export function AssetsTable({ assets, sort, busy, onSort }: AssetsTableProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const { dateTime } = useFormatters();

  const direction = (field: AssetSortField | undefined) =>
    field && sort.field === field ? (sort.direction === 'desc' ? 'descending' : 'ascending') : undefined;

  return (
    <div className={styles.wrapper}>
      <Table sortable aria-label={t('assets.tableLabel')} aria-busy={busy} className={styles.table}>
        <TableHeader>
          <TableRow>
            {COLUMNS.map(({ key, sortField }) => (
              <TableHeaderCell
                key={key}
                sortable={Boolean(sortField)}
                sortDirection={direction(sortField)}
                onClick={sortField ? () => onSort(sortField) : undefined}
              >
                {t(`assets.columns.${key}`)}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {assets.map((asset) => (
            <TableRow key={asset.id}>
              <TableCell className={mergeClasses(styles.mono, styles.nowrap)}>{asset.serial}</TableCell>
              <TableCell>{PLATFORM_NAMES[asset.platform]}</TableCell>
              <TableCell>{asset.manufacturer}</TableCell>
              <TableCell>{asset.model}</TableCell>
              <TableCell>{asset.osVersion}</TableCell>
              <TableCell className={styles.nowrap}>
                <Badge appearance="tint" color="informative">
                  {t(`assets.states.${asset.state}`)}
                </Badge>
              </TableCell>
              <TableCell className={styles.nowrap}>{dateTime(asset.updatedAt)}</TableCell>
              <TableCell className={styles.nowrap}>{dateTime(asset.createdAt)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

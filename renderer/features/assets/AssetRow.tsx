import { memo } from 'react';
import { Badge, Checkbox, Link, makeStyles, TableCell, TableRow, tokens } from '@fluentui/react-components';
import type { TFunction } from 'i18next';
import type { Asset } from '../../../electron/common/models/asset.ts';
import { VisuallyHidden } from '../../components/VisuallyHidden.tsx';
import { ASSET_COLUMNS, ROW_HEIGHT, SELECT_COLUMN_WIDTH, type AssetColumn } from './asset-columns.ts';
import { STATE_COLOURS } from './asset-states.ts';

const useStyles = makeStyles({
  row: { position: 'absolute', left: 0, right: 0, top: 0, display: 'flex', height: `${ROW_HEIGHT}px` },
  cell: { overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis', minWidth: 0 },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  placeholder: {
    display: 'block',
    height: '10px',
    width: '70%',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
});

interface AssetRowProps {
  index: number;
  top: number;
  asset: Asset | undefined;
  selected: boolean;
  onToggle: (asset: Asset) => void;
  onOpen: (asset: Asset) => void;
  /** From the table, once: a hook per row would build Intl formatters for every row scrolled in. */
  t: TFunction;
  dateTime: (iso: string) => string;
}

export function cellStyle(width: number) {
  return { flex: `${width} 0 ${width}px` };
}

/** One row of the virtualised table, placed at its offset; a row whose block is still loading shows bars. */
export const AssetRow = memo(function AssetRow({
  index,
  top,
  asset,
  selected,
  onToggle,
  onOpen,
  t,
  dateTime,
}: AssetRowProps) {
  const styles = useStyles();
  const style = { transform: `translateY(${top}px)` };

  if (!asset)
    return (
      <TableRow className={styles.row} style={style} aria-rowindex={index + 2} aria-busy>
        <TableCell style={cellStyle(SELECT_COLUMN_WIDTH)}>
          <VisuallyHidden>{t('assets.table.loadingRow')}</VisuallyHidden>
        </TableCell>
        {ASSET_COLUMNS.map((column) => (
          <TableCell key={column.key} style={cellStyle(column.width)}>
            <span className={styles.placeholder} />
          </TableCell>
        ))}
      </TableRow>
    );

  const text = (column: AssetColumn): string => {
    switch (column.key) {
      case 'assetTag':
        return asset.assetTag ?? '—';
      case 'assignee':
        return asset.assignee
          ? [asset.assignee.name, asset.assignee.department].filter(Boolean).join(' · ')
          : '';
      case 'warrantyEnd':
        return asset.purchase.warrantyEnd ?? '';
      case 'updatedAt':
        return dateTime(asset.updatedAt);
      default:
        return String(asset[column.key]);
    }
  };

  return (
    <TableRow className={styles.row} style={style} aria-rowindex={index + 2}>
      <TableCell style={cellStyle(SELECT_COLUMN_WIDTH)}>
        <Checkbox
          checked={selected}
          onChange={() => onToggle(asset)}
          aria-label={t('assets.table.select', { serial: asset.serial })}
        />
      </TableCell>
      {ASSET_COLUMNS.map((column) => (
        <TableCell key={column.key} style={cellStyle(column.width)} className={styles.cell}>
          {column.key === 'serial' ? (
            <Link as="button" className={styles.mono} onClick={() => onOpen(asset)}>
              {asset.serial}
            </Link>
          ) : column.key === 'state' ? (
            <Badge appearance="tint" color={STATE_COLOURS[asset.state]}>
              {t(`assets.states.${asset.state}`)}
            </Badge>
          ) : (
            text(column)
          )}
        </TableCell>
      ))}
    </TableRow>
  );
});

import { memo } from 'react';
import { Checkbox, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useSelectionStore } from './selection.ts';
import { TileActions, type TileAction } from './TileActions.tsx';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    minWidth: 0,
    marginLeft: `calc(-1 * ${tokens.spacingHorizontalS})`,
  },
  slot: { flexGrow: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
});

interface TileHeaderProps {
  serial: string;
  slotName: string;
  selected: boolean;
  canLocate: boolean;
  onAction: (action: TileAction, serial: string) => void;
}

/** Tick box, slot name and the tile's menu; renders again only when one of those changes. */
export const TileHeader = memo(function TileHeader({
  serial,
  slotName,
  selected,
  canLocate,
  onAction,
}: TileHeaderProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const selection = useSelectionStore();
  return (
    <div className={styles.header}>
      <Checkbox
        checked={selected}
        tabIndex={-1}
        aria-label={t('bench.tile.select', { slot: slotName })}
        onChange={() => selection.toggle(serial)}
      />
      <Text weight="semibold" size={400} className={styles.slot} title={slotName}>
        {slotName}
      </Text>
      <TileActions serial={serial} slotName={slotName} canLocate={canLocate} onAction={onAction} />
    </div>
  );
});

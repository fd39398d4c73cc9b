import { memo } from 'react';
import {
  Button,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Tooltip,
} from '@fluentui/react-components';
import {
  DocumentBulletList20Regular,
  Location20Regular,
  MoreHorizontal20Regular,
  Rename20Regular,
} from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';

export type TileAction = 'log' | 'locate' | 'rename';

interface TileActionsProps {
  serial: string;
  slotName: string;
  canLocate: boolean;
  onAction: (action: TileAction, serial: string) => void;
}

/** A tile's own actions: its job log, making the phone show its slot, naming the slot. */
export const TileActions = memo(function TileActions({
  serial,
  slotName,
  canLocate,
  onAction,
}: TileActionsProps) {
  const { t } = useTranslation();
  const label = t('bench.tile.actions', { slot: slotName });
  return (
    <Menu positioning="below-end">
      <MenuTrigger disableButtonEnhancement>
        <Tooltip content={label} relationship="label" withArrow>
          <Button appearance="subtle" size="small" icon={<MoreHorizontal20Regular />} />
        </Tooltip>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuItem icon={<DocumentBulletList20Regular />} onClick={() => onAction('log', serial)}>
            {t('bench.tile.openLog')}
          </MenuItem>
          <MenuItem
            icon={<Location20Regular />}
            disabled={!canLocate}
            onClick={() => onAction('locate', serial)}
          >
            {t('bench.tile.locate')}
          </MenuItem>
          <MenuItem icon={<Rename20Regular />} onClick={() => onAction('rename', serial)}>
            {t('bench.tile.rename')}
          </MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
});

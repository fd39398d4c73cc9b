import { Button, Menu, MenuItem, MenuList, MenuPopover, MenuTrigger } from '@fluentui/react-components';
import { ArrowRouting20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { AssetState } from '../../../../electron/common/models/asset.ts';
import { allowedTransitions } from '../../../../electron/common/models/lifecycle.ts';

interface TransitionMenuProps {
  state: AssetState;
  busy: boolean;
  onTransition: (to: AssetState) => void;
}

/** Offers only the moves the lifecycle allows from the asset's state (the core checks them again). */
export function TransitionMenu({ state, busy, onTransition }: TransitionMenuProps) {
  const { t } = useTranslation();
  const targets = allowedTransitions(state);
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <Button icon={<ArrowRouting20Regular />} disabled={busy || targets.length === 0}>
          {targets.length === 0 ? t('assets.detail.finalState') : t('assets.detail.changeState')}
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {targets.map((to) => (
            <MenuItem key={to} onClick={() => onTransition(to)}>
              {t(`assets.states.${to}`)}
            </MenuItem>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

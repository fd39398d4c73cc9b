import {
  Checkbox,
  makeStyles,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Text,
  Toolbar,
  ToolbarButton,
  tokens,
} from '@fluentui/react-components';
import { ChevronDown20Regular, Filter20Regular, SlideText20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { DeviceState } from '../../../electron/common/models/device.ts';
import { selectionTargets } from './bench-actions.ts';
import { STATE_MENU_ORDER } from './device-states.ts';
import { useSelection, useSelectionStore } from './selection.ts';
import { useBenchSnapshot } from './use-bench.ts';
import { StagingActions, type StagingActionsProps } from './StagingActions.tsx';

const useStyles = makeStyles({
  toolbar: {
    flexWrap: 'wrap',
    alignItems: 'center',
    rowGap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  chevron: { marginLeft: tokens.spacingHorizontalXXS },
  count: {
    padding: `0 ${tokens.spacingHorizontalS}`,
    color: tokens.colorNeutralForeground2,
    whiteSpace: 'nowrap',
  },
  grow: { flexGrow: 1 },
});

/**
 * Choosing phones (all or none, by state, by slot range) and acting on the chosen ones. One
 * tab stop: arrow keys move along the toolbar.
 */
export function BenchToolbar({ onSlotRange, ...actions }: StagingActionsProps & { onSlotRange: () => void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const bench = useBenchSnapshot();
  const selection = useSelection();
  const store = useSelectionStore();
  const targets = selectionTargets(bench, selection);
  const all = targets.selected.length === bench.order.length && bench.order.length > 0;

  const counts = new Map<DeviceState, number>();
  for (const device of bench.devices.values()) counts.set(device.state, (counts.get(device.state) ?? 0) + 1);
  const byState = (state: DeviceState) =>
    store.set(bench.order.filter((serial) => bench.devices.get(serial)?.state === state));

  return (
    <Toolbar aria-label={t('bench.toolbar.label')} className={styles.toolbar}>
      <Checkbox
        label={t('bench.toolbar.selectAll')}
        checked={all ? true : targets.selected.length > 0 ? 'mixed' : false}
        onChange={() => (all ? store.clear() : store.set(bench.order))}
      />
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <ToolbarButton icon={<Filter20Regular />} aria-label={t('bench.toolbar.selectByState')}>
            {t('bench.toolbar.byStateShort')}
            <ChevronDown20Regular aria-hidden="true" className={styles.chevron} />
          </ToolbarButton>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            {STATE_MENU_ORDER.filter((state) => counts.has(state)).map((state) => (
              <MenuItem key={state} onClick={() => byState(state)}>
                {t('bench.toolbar.stateOption', {
                  state: t(`bench.states.${state}`),
                  count: counts.get(state) ?? 0,
                })}
              </MenuItem>
            ))}
          </MenuList>
        </MenuPopover>
      </Menu>
      <ToolbarButton
        icon={<SlideText20Regular />}
        aria-label={t('bench.toolbar.selectRange')}
        onClick={onSlotRange}
      >
        {t('bench.toolbar.rangeShort')}
      </ToolbarButton>
      <Text role="status" size={200} className={styles.count}>
        {t('bench.toolbar.selected', { count: targets.selected.length, total: bench.order.length })}
      </Text>
      <span className={styles.grow} />
      <StagingActions {...actions} targets={targets} />
    </Toolbar>
  );
}

import { memo, type KeyboardEvent, type MouseEvent } from 'react';
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { DEVICE_STATES, type DeviceState } from '../../../electron/common/models/device.ts';
import { STATE_LOOK } from './device-states.ts';
import { useDevice, useLatestJob } from './use-bench.ts';
import { useIsSelected, useSelectionStore } from './selection.ts';
import type { TileAction } from './TileActions.tsx';
import { TileHeader } from './TileHeader.tsx';
import { TileDevice } from './TileDevice.tsx';
import { TileJob } from './TileJob.tsx';
import { TileReasons } from './TileReasons.tsx';

const useStyles = makeStyles({
  tile: {
    position: 'relative',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    minWidth: 0,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    borderRadius: tokens.borderRadiusLarge,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow2,
    cursor: 'pointer',
    overflow: 'hidden',
    transitionProperty: 'box-shadow, border-color',
    transitionDuration: tokens.durationFaster,
    ':hover': { boxShadow: tokens.shadow8 },
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: '2px',
    },
  },
  selected: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorBrandBackground2,
    boxShadow: `0 0 0 ${tokens.strokeWidthThin} ${tokens.colorBrandStroke1}`,
  },
  accent: { position: 'absolute', left: 0, top: 0, bottom: 0, width: '4px' },
});

const useAccentStyles = makeStyles(
  Object.fromEntries(
    DEVICE_STATES.map((state) => [state, { backgroundColor: STATE_LOOK[state].accent }]),
  ) as Record<DeviceState, { backgroundColor: string }>,
);

interface DeviceTileProps {
  serial: string;
  onAction: (action: TileAction, serial: string) => void;
}

/** A click meant for a control on the tile, or for a menu it opened (React bubbles portal events to the tile). */
function isForAControl(target: EventTarget | null, tile: Element): boolean {
  if (!(target instanceof Node) || !tile.contains(target)) return true;
  const hit = target instanceof Element ? target.closest('button, a, input, [role="menuitem"]') : null;
  return hit !== null && hit !== tile;
}

/**
 * One phone in its slot. Reads its own device, job and tick from the stores, so it renders
 * only when one of those changes. Focusable: Space ticks it, Enter opens its job log.
 */
export const DeviceTile = memo(function DeviceTile({ serial, onAction }: DeviceTileProps) {
  const styles = useStyles();
  const accents = useAccentStyles();
  const { t } = useTranslation();
  const device = useDevice(serial);
  const job = useLatestJob(serial);
  const selected = useIsSelected(serial);
  const selection = useSelectionStore();
  if (!device) return null;

  const stateText = t(`bench.states.${device.state}`);
  const label = t(selected ? 'bench.tile.labelSelected' : 'bench.tile.label', {
    slot: device.slotName,
    state: stateText,
  });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === ' ') {
      event.preventDefault();
      selection.toggle(serial);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      onAction('log', serial);
    }
  };
  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    if (!isForAControl(event.target, event.currentTarget)) selection.toggle(serial);
  };

  return (
    <div
      role="group"
      aria-label={label}
      tabIndex={0}
      data-tile={serial}
      data-state={device.state}
      className={mergeClasses(styles.tile, selected && styles.selected)}
      onKeyDown={onKeyDown}
      onClick={onClick}
    >
      <span aria-hidden="true" className={mergeClasses(styles.accent, accents[device.state])} />
      <TileHeader
        serial={serial}
        slotName={device.slotName}
        selected={selected}
        canLocate={device.connection === 'device'}
        onAction={onAction}
      />
      <TileDevice device={device} />
      <TileJob job={job} state={device.state} slotName={device.slotName} />
      <TileReasons
        reasons={device.reasons}
        problem={device.state === 'failed' || device.state === 'blocked'}
      />
    </div>
  );
});

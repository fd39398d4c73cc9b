import type { BadgeProps } from '@fluentui/react-components';
import { tokens } from '@fluentui/react-components';
import {
  ArrowSyncCircle20Filled,
  CheckmarkCircle20Filled,
  Clock20Filled,
  ErrorCircle20Filled,
  LockClosed20Filled,
  PhoneCheckmark20Regular,
  PlugConnected20Regular,
  PlugDisconnected20Filled,
  Prohibited20Filled,
  type FluentIcon,
} from '@fluentui/react-icons';
import type { DeviceState } from '../../../electron/common/models/device.ts';

export interface StateLook {
  icon: FluentIcon;
  badge: NonNullable<BadgeProps['color']>;
  appearance: NonNullable<BadgeProps['appearance']>;
  /** The tile's accent stripe. */
  accent: string;
  /** The progress bar's colour while the job is in this state. */
  progress: 'brand' | 'success' | 'warning' | 'error';
}

/** Every state has an icon and a word as well as a colour: colour is never the only cue. */
export const STATE_LOOK: Record<DeviceState, StateLook> = {
  unauthorized: {
    icon: LockClosed20Filled,
    badge: 'warning',
    appearance: 'tint',
    accent: tokens.colorPaletteMarigoldBorderActive,
    progress: 'warning',
  },
  untrusted: {
    icon: LockClosed20Filled,
    badge: 'warning',
    appearance: 'tint',
    accent: tokens.colorPaletteMarigoldBorderActive,
    progress: 'warning',
  },
  offline: {
    icon: PlugDisconnected20Filled,
    badge: 'informative',
    appearance: 'outline',
    accent: tokens.colorNeutralStrokeAccessible,
    progress: 'brand',
  },
  connecting: {
    icon: PlugConnected20Regular,
    badge: 'informative',
    appearance: 'tint',
    accent: tokens.colorNeutralStroke1,
    progress: 'brand',
  },
  ready: {
    icon: PhoneCheckmark20Regular,
    badge: 'brand',
    appearance: 'tint',
    accent: tokens.colorBrandStroke2Hover,
    progress: 'brand',
  },
  staging: {
    icon: ArrowSyncCircle20Filled,
    badge: 'brand',
    appearance: 'filled',
    accent: tokens.colorBrandBackground,
    progress: 'brand',
  },
  waiting_for_device: {
    icon: Clock20Filled,
    badge: 'warning',
    appearance: 'filled',
    accent: tokens.colorPaletteMarigoldBorderActive,
    progress: 'warning',
  },
  done: {
    icon: CheckmarkCircle20Filled,
    badge: 'success',
    appearance: 'filled',
    accent: tokens.colorStatusSuccessBorderActive,
    progress: 'success',
  },
  failed: {
    icon: ErrorCircle20Filled,
    badge: 'danger',
    appearance: 'filled',
    accent: tokens.colorStatusDangerBorderActive,
    progress: 'error',
  },
  blocked: {
    icon: Prohibited20Filled,
    badge: 'severe',
    appearance: 'filled',
    accent: tokens.colorPaletteDarkOrangeBorderActive,
    progress: 'warning',
  },
};

/** The order states are offered in "Select by state": what needs attention first. */
export const STATE_MENU_ORDER: readonly DeviceState[] = [
  'failed',
  'blocked',
  'unauthorized',
  'untrusted',
  'waiting_for_device',
  'ready',
  'staging',
  'done',
  'connecting',
  'offline',
];

import type { BadgeProps } from '@fluentui/react-components';
import { tokens } from '@fluentui/react-components';
import {
  ArrowSyncCircle20Filled,
  CheckmarkCircle20Filled,
  ErrorCircle20Filled,
  PauseCircle20Filled,
  PlugDisconnected20Filled,
  Prohibited20Filled,
  type FluentIcon,
} from '@fluentui/react-icons';
import type { ConnectorState } from '../../../electron/common/models/sync.ts';

export interface ConnectorLook {
  icon: FluentIcon;
  badge: NonNullable<BadgeProps['color']>;
  appearance: NonNullable<BadgeProps['appearance']>;
  /** The card's accent stripe. */
  accent: string;
}

/**
 * The bench tiles' language for connectors: an icon and a word as well as a colour (colour is
 * never the only cue); green done, brand while working, marigold waiting on a person, red failed.
 */
export const CONNECTOR_LOOK: Record<ConnectorState, ConnectorLook> = {
  idle: {
    icon: CheckmarkCircle20Filled,
    badge: 'success',
    appearance: 'filled',
    accent: tokens.colorStatusSuccessBorderActive,
  },
  syncing: {
    icon: ArrowSyncCircle20Filled,
    badge: 'brand',
    appearance: 'filled',
    accent: tokens.colorBrandBackground,
  },
  paused: {
    icon: PauseCircle20Filled,
    badge: 'warning',
    appearance: 'tint',
    accent: tokens.colorPaletteMarigoldBorderActive,
  },
  offline: {
    icon: PlugDisconnected20Filled,
    badge: 'informative',
    appearance: 'outline',
    accent: tokens.colorNeutralStrokeAccessible,
  },
  failing: {
    icon: ErrorCircle20Filled,
    badge: 'danger',
    appearance: 'filled',
    accent: tokens.colorStatusDangerBorderActive,
  },
  disabled: {
    icon: Prohibited20Filled,
    badge: 'informative',
    appearance: 'outline',
    accent: tokens.colorNeutralStroke1,
  },
};

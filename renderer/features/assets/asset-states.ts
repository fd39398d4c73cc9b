import type { BadgeProps } from '@fluentui/react-components';
import type { AssetState } from '../../../electron/common/models/asset.ts';

/** Badge colour per lifecycle state: green when usable, warm while away or leaving the fleet. */
export const STATE_COLOURS: Record<AssetState, NonNullable<BadgeProps['color']>> = {
  ordered: 'informative',
  received: 'informative',
  in_stock: 'brand',
  staging: 'warning',
  staged: 'success',
  issued: 'success',
  returned: 'informative',
  in_repair: 'warning',
  wiped: 'informative',
  ready_for_reissue: 'brand',
  retired: 'subtle',
  recycled: 'subtle',
  lost: 'danger',
};

import type { CoreContext } from '../core-context.ts';
import type { HandlerTable } from '../contract-server/dispatcher.ts';

export function setupAssets({ assets }: CoreContext): Pick<HandlerTable, 'assets.list' | 'assets.get'> {
  return {
    'assets.list': ({ page, pageSize, sort }) => assets.list(page, pageSize, sort),
    'assets.get': ({ id }) => assets.get(id),
  };
}

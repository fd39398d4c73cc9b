import type { CoreContext } from '../core-context.ts';
import type { HandlerTable } from '../contract-server/dispatcher.ts';

export function setupDevices({ bench, settings }: CoreContext): Pick<HandlerTable, 'devices.list' | 'slots.rename'> {
  return {
    'devices.list': () => bench.deviceViews(),
    'slots.rename': ({ slotKey, name }) => {
      bench.slots.rename(slotKey, name, settings.who());
      bench.devicesChanged();
      return { slotKey, name };
    },
  };
}

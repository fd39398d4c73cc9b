import type { CoreContext } from '../core-context.ts';
import type { HandlerTable } from '../contract-server/dispatcher.ts';
import { CoreError } from '../core-error.ts';

export function setupDevices({
  bench,
  settings,
}: CoreContext): Pick<HandlerTable, 'devices.list' | 'devices.locate' | 'slots.rename'> {
  return {
    'devices.list': () => bench.deviceViews(),
    'devices.locate': async ({ serial }) => {
      const device = bench.deviceViews().find((view) => view.serial === serial);
      if (!device || device.connection !== 'device')
        throw new CoreError('not_found', `${serial} is not connected and ready.`);
      try {
        await bench.manager
          .driver(serial)
          .locate(`This phone is in slot ${device.slotName} at ${settings.get().stationName}.`);
      } catch (error) {
        throw new CoreError(
          'unavailable',
          `${device.slotName}: the phone did not respond (${error instanceof Error ? error.message : String(error)}).`,
        );
      }
      return { slotName: device.slotName };
    },
    'slots.rename': ({ slotKey, name }) => {
      bench.slots.rename(slotKey, name, settings.who());
      bench.devicesChanged();
      return { slotKey, name };
    },
  };
}

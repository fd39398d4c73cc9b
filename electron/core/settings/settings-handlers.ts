import type { CoreContext } from '../core-context.ts';
import type { HandlerTable } from '../contract-server/dispatcher.ts';

export function setupSettings({
  settings,
  bus,
}: CoreContext): Pick<HandlerTable, 'settings.get' | 'settings.set'> {
  return {
    'settings.get': () => settings.get(),
    'settings.set': (patch) => {
      const change = settings.set(patch);
      if (change.auditEntry) {
        bus.emit('audit.appended', change.auditEntry);
        bus.emit('settings.changed', change.settings);
      }
      return change.settings;
    },
  };
}

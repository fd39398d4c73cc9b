import type { CoreContext } from '../core-context.ts';
import type { HandlerTable } from '../contract-server/dispatcher.ts';

export function setupAudit({ audit }: CoreContext): Pick<HandlerTable, 'audit.list' | 'audit.verify'> {
  return {
    'audit.list': (input) => audit.list(input),
    'audit.verify': () => audit.verify(),
  };
}

import type { CoreContext } from '../core-context.ts';
import type { HandlerTable } from '../contract-server/dispatcher.ts';
import { CoreError } from '../core-error.ts';

// TEMPORARY scaffold while exports, labels and reports are written (issue #5); replaced in this change.
const notYet = (): never => {
  throw new CoreError('unavailable', 'Documents are not built yet.');
};

export function setupDocuments(
  _context: CoreContext,
): Pick<HandlerTable, 'assets.export' | 'assets.labels' | 'rollout.report'> {
  return { 'assets.export': notYet, 'assets.labels': notYet, 'rollout.report': notYet };
}

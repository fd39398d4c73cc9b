import type { CoreContext } from '../core-context.ts';
import type { HandlerTable } from '../contract-server/dispatcher.ts';
import { CoreError } from '../core-error.ts';

// TEMPORARY scaffold while the import service is written (issue #5); replaced in this change.
const notYet = (): never => {
  throw new CoreError('unavailable', 'Imports are not built yet.');
};

export function setupImports(
  _context: CoreContext,
): Pick<HandlerTable, 'imports.upload' | 'imports.preview' | 'imports.commit'> {
  return { 'imports.upload': notYet, 'imports.preview': notYet, 'imports.commit': notYet };
}

import type { CoreContext } from '../core-context.ts';
import type { HandlerTable } from '../contract-server/dispatcher.ts';
import { CoreError } from '../core-error.ts';
import { runImport, type ImportTargets } from './import-service.ts';
import { UploadStore } from './upload-store.ts';

/** The registry's side of an import, as this core wires it. */
export function importTargetsOf(context: CoreContext): ImportTargets {
  return {
    customFields: () => context.assets.customFields.list(),
    // Staged across event-loop turns: a 100,000-row file holds the core only for its commit.
    importAssets: (rows, options) => context.assets.importAssetsInSteps(rows, options),
    importPeople: (rows, options) => context.people.importPeople(rows, options),
    who: () => context.settings.who(),
  };
}

export function setupImports(
  context: CoreContext,
): Pick<HandlerTable, 'imports.upload' | 'imports.preview' | 'imports.commit'> {
  const uploads = new UploadStore(context.dataDir);
  const targets = importTargetsOf(context);
  return {
    'imports.upload': ({ kind, fileName, contentBase64 }) => {
      const { importId } = uploads.save(kind, fileName, Buffer.from(contentBase64, 'base64'));
      return { importId };
    },
    'imports.preview': ({ importId, mapping }) =>
      runImport(targets, uploads.get(importId), {
        ...(mapping ? { mapping } : {}),
        commit: false,
        updateExisting: false,
      }),
    'imports.commit': async ({ importId, mapping, updateExisting, rosterDay }) => {
      const upload = uploads.get(importId);
      if (rosterDay && upload.kind !== 'people')
        throw new CoreError('invalid_input', 'A roster day goes with a people import, not a delivery list.');
      const report = await runImport(targets, upload, {
        ...(mapping ? { mapping } : {}),
        commit: true,
        updateExisting,
        ...(rosterDay ? { rosterDay } : {}),
      });
      if (report.committed) uploads.remove(importId);
      return report;
    },
  };
}

import { useState } from 'react';
import type { ContractError } from '../../../electron/common/contract/index.ts';
import type { ColumnMapping, ImportReport } from '../../../electron/common/models/asset-import.ts';
import { useApi } from '../../api/api-context.tsx';
import { readFileAsBase64 } from '../../components/file-transfer.ts';

/**
 * A people roster through the core's import: upload the file, preview it with the suggested
 * (or the user's) column mapping, then commit every row or none, making them the day's roster.
 */
export function useRosterImport(day: string) {
  const api = useApi();
  const [report, setReport] = useState<ImportReport | undefined>(undefined);
  const [error, setError] = useState<ContractError | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setError(undefined);
    try {
      return await work();
    } finally {
      setBusy(false);
    }
  }

  const choose = (file: File) =>
    run(async () => {
      setReport(undefined);
      const contentBase64 = await readFileAsBase64(file);
      const uploaded = await api.request('imports.upload', {
        kind: 'people',
        fileName: file.name,
        contentBase64,
      });
      if (!uploaded.ok) return setError(uploaded.error);
      const preview = await api.request('imports.preview', { importId: uploaded.value.importId });
      if (preview.ok) setReport(preview.value);
      else setError(preview.error);
    });

  const remap = (mapping: ColumnMapping) =>
    run(async () => {
      if (!report) return;
      const preview = await api.request('imports.preview', { importId: report.importId, mapping });
      if (preview.ok) setReport(preview.value);
      else setError(preview.error);
    });

  /** The committed report, or undefined when the core refused (the error says why; nothing was imported). */
  const commit = (updateExisting: boolean) =>
    run(async () => {
      if (!report) return undefined;
      const result = await api.request('imports.commit', {
        importId: report.importId,
        mapping: report.mapping,
        updateExisting,
        rosterDay: day,
      });
      if (result.ok) return result.value;
      setError(result.error);
      return undefined;
    });

  return { report, error, busy, choose, remap, commit };
}

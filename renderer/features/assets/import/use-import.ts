import { useState } from 'react';
import type { ContractError } from '../../../../electron/common/contract/index.ts';
import type {
  ColumnMapping,
  ImportKind,
  ImportReport,
} from '../../../../electron/common/models/asset-import.ts';
import { useApi } from '../../../api/api-context.tsx';
import { readFileAsBase64 } from '../../../components/file-transfer.ts';

/** Where the import is; every phase but `pick` and `ready` shows progress. */
export type ImportPhase =
  'pick' | 'reading' | 'uploading' | 'checking' | 'ready' | 'committing' | 'committed';

/**
 * An import as the dialog drives it: read the picked file in the browser, hand it to the core
 * (imports.upload), check it (imports.preview: suggested mapping, row report; writes nothing),
 * let the user remap columns and check again, then commit all rows or none.
 */
export function useImport(initialKind: ImportKind = 'assets') {
  const api = useApi();
  const [kind, setKind] = useState<ImportKind>(initialKind);
  const [phase, setPhase] = useState<ImportPhase>('pick');
  const [importId, setImportId] = useState<string | undefined>(undefined);
  const [report, setReport] = useState<ImportReport | undefined>(undefined);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [error, setError] = useState<ContractError | undefined>(undefined);
  const [readError, setReadError] = useState<string | undefined>(undefined);

  const check = async (id: string, withMapping?: ColumnMapping) => {
    setPhase('checking');
    const result = await api.request('imports.preview', {
      importId: id,
      ...(withMapping ? { mapping: withMapping } : {}),
    });
    if (result.ok) {
      setReport(result.value);
      setMapping(result.value.mapping);
      setError(undefined);
    } else setError(result.error);
    setPhase(result.ok || report ? 'ready' : 'pick');
  };

  const chooseFile = async (file: File) => {
    setError(undefined);
    setReadError(undefined);
    setReport(undefined);
    setPhase('reading');
    let contentBase64: string;
    try {
      contentBase64 = await readFileAsBase64(file);
    } catch (reason) {
      setReadError(reason instanceof Error ? reason.message : String(reason));
      return setPhase('pick');
    }
    setPhase('uploading');
    const uploaded = await api.request('imports.upload', { kind, fileName: file.name, contentBase64 });
    if (!uploaded.ok) {
      setError(uploaded.error);
      return setPhase('pick');
    }
    setImportId(uploaded.value.importId);
    await check(uploaded.value.importId);
  };

  const commit = async (options: { updateExisting: boolean; rosterDay?: string }) => {
    if (!importId) return;
    setPhase('committing');
    const result = await api.request('imports.commit', {
      importId,
      mapping,
      updateExisting: options.updateExisting,
      ...(options.rosterDay ? { rosterDay: options.rosterDay } : {}),
    });
    if (result.ok) {
      setReport(result.value);
      setError(undefined);
      setPhase(result.value.committed ? 'committed' : 'ready');
    } else {
      setError(result.error);
      setPhase('ready');
    }
  };

  return {
    kind,
    setKind,
    phase,
    report,
    mapping,
    error,
    readError,
    /** The mapping on screen differs from the one the report was made with. */
    remapped: report !== undefined && JSON.stringify(report.mapping) !== JSON.stringify(mapping),
    remap: (header: string, target: string | null) =>
      setMapping((current) => ({ ...current, [header]: target })),
    chooseFile: (file: File) => void chooseFile(file),
    dryRun: () => importId && void check(importId, mapping),
    commit: (options: { updateExisting: boolean; rosterDay?: string }) => void commit(options),
    /** Re-check after a merge changed the registry under the report. */
    recheck: () => importId && void check(importId, mapping),
    restart: () => {
      setPhase('pick');
      setReport(undefined);
      setImportId(undefined);
      setError(undefined);
    },
  };
}

import { useState } from 'react';
import type { ContractError, Result } from '../../../electron/common/contract/index.ts';
import type { GeneratedFile } from '../../../electron/common/models/asset-import.ts';
import { downloadGeneratedFile } from '../../components/file-transfer.ts';

/** Runs a request that makes a file (CSV export, PDF labels), then hands it to the browser; tracks busy and the error. */
export function useDownload() {
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [error, setError] = useState<ContractError | undefined>(undefined);

  const run = async (what: string, request: () => Promise<Result<GeneratedFile>>) => {
    setBusy(what);
    setError(undefined);
    const result = await request();
    setBusy(undefined);
    if (result.ok) downloadGeneratedFile(result.value);
    else setError(result.error);
  };

  return { busy, error, dismiss: () => setError(undefined), run };
}

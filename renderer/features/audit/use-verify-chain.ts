import { useCallback, useState } from 'react';
import type { ContractError } from '../../../electron/common/contract/index.ts';
import type { AuditVerification } from '../../../electron/common/models/audit.ts';
import { useApi } from '../../api/api-context.tsx';

export type VerifyOutcome =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'done'; result: AuditVerification; at: Date }
  | { kind: 'failed'; error: ContractError };

/** Asks the core to recompute the whole hash chain. */
export function useVerifyChain() {
  const api = useApi();
  const [outcome, setOutcome] = useState<VerifyOutcome>({ kind: 'idle' });
  const verify = useCallback(async () => {
    setOutcome({ kind: 'running' });
    const result = await api.request('audit.verify', {});
    setOutcome(
      result.ok
        ? { kind: 'done', result: result.value, at: new Date() }
        : { kind: 'failed', error: result.error },
    );
  }, [api]);
  return { outcome, verify };
}

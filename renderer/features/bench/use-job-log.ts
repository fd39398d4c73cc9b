import { useEffect, useState } from 'react';
import type { ContractError, RequestOutput } from '../../../electron/common/contract/index.ts';
import type { JobView } from '../../../electron/common/models/staging.ts';
import { useApi } from '../../api/api-context.tsx';

export type JobLog = RequestOutput<'staging.log'>;

/** A job's step journal, read again whenever the job itself moves (state, step). */
export function useJobLog(job: JobView | undefined): {
  steps: JobLog | undefined;
  error: ContractError | undefined;
  loading: boolean;
} {
  const api = useApi();
  const [state, setState] = useState<{
    steps: JobLog | undefined;
    error: ContractError | undefined;
    loading: boolean;
  }>({
    steps: undefined,
    error: undefined,
    loading: job !== undefined,
  });
  const jobId = job?.jobId;
  const moment = job ? `${job.state}:${job.stepIndex}:${job.finishedAt ?? ''}:${job.reasons.join('|')}` : '';

  useEffect(() => {
    if (jobId === undefined) return;
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    void api.request('staging.log', { jobId }).then((result) => {
      if (!current) return;
      setState((previous) =>
        result.ok
          ? { steps: result.value, error: undefined, loading: false }
          : { ...previous, error: result.error, loading: false },
      );
    });
    return () => {
      current = false;
    };
  }, [api, jobId, moment]);

  return state;
}

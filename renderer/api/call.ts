import type {
  DepotlineApi,
  RequestInput,
  RequestName,
  RequestOutput,
  Result,
} from '../../electron/common/contract/index.ts';

/**
 * `api.request` for a name that is only known generically (hooks over any request). The
 * contract's overload needs a concrete name to pick its argument list; this is the one place
 * that widens it.
 */
export function callRequest<N extends RequestName>(
  api: DepotlineApi,
  name: N,
  input: RequestInput<N>,
): Promise<Result<RequestOutput<N>>> {
  const request = api.request.bind(api) as (
    name: N,
    input: RequestInput<N>,
  ) => Promise<Result<RequestOutput<N>>>;
  return request(name, input);
}

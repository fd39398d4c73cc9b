import {
  invalidInput,
  isRequestName,
  requests,
  type ParsedInput,
  type RequestName,
  type RequestOutput,
  type Result,
} from '../../common/contract/index.ts';
import { CoreError } from '../core-error.ts';

export type Handler<N extends RequestName> = (
  input: ParsedInput<N>,
) => RequestOutput<N> | Promise<RequestOutput<N>>;

/** One handler per request in the contract; the type makes a missing one a compile error. */
export type HandlerTable = { [N in RequestName]: Handler<N> };

export type Dispatch = (name: string, input: unknown) => Promise<Result<unknown>>;

/**
 * Every front door ends here: the name must be in the contract, the input must parse, and
 * the output is checked too, so a handler bug surfaces as an `internal` error, not as a
 * malformed answer in the renderer.
 */
export function createDispatcher(handlers: HandlerTable, log: (message: string) => void): Dispatch {
  return async (name, input) => {
    if (!isRequestName(name)) {
      return {
        ok: false,
        error: { code: 'unknown_request', message: `There is no request named "${name}".` },
      };
    }
    const spec = requests[name];
    const parsedInput = spec.input.safeParse(input ?? {});
    if (!parsedInput.success) return { ok: false, error: invalidInput(parsedInput.error) };
    try {
      const handler = handlers[name] as (input: unknown) => unknown;
      const output = await handler(parsedInput.data);
      const parsedOutput = spec.output.safeParse(output);
      if (!parsedOutput.success) {
        log(`request ${name} produced output that breaks the contract: ${parsedOutput.error.message}`);
        return {
          ok: false,
          error: { code: 'internal', message: `The core answered ${name} with malformed data.` },
        };
      }
      return { ok: true, value: parsedOutput.data };
    } catch (error) {
      if (error instanceof CoreError) {
        return {
          ok: false,
          error: {
            code: error.code,
            message: error.message,
            ...(error.details ? { details: error.details } : {}),
          },
        };
      }
      log(
        `request ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return {
        ok: false,
        error: {
          code: 'internal',
          message: `${name} failed inside the core; the station log has the details.`,
        },
      };
    }
  };
}

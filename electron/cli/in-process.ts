import type { RequestInput, RequestName, RequestOutput } from '../common/contract/index.ts';
import { createCore } from '../core/core.ts';

/**
 * The CLI's front door: one contract request against the core in this process, through the
 * same dispatcher (and validation) as the window and the station.
 */
export async function requestInProcess<N extends RequestName>(
  dataDir: string,
  name: N,
  input: RequestInput<N>,
): Promise<RequestOutput<N>> {
  const core = createCore({
    dataDir,
    frontDoor: 'cli',
    log: (message) => process.stderr.write(`${message}\n`),
  });
  try {
    await core.context.sync.start(); // the secret store's key sources answer first
    const result = await core.dispatch(name, input);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as RequestOutput<N>;
  } finally {
    core.close();
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

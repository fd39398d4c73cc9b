// How a test waits for a SyncHttp request that must fail: the SyncError it failed with (a
// plain Error or a resolved promise fails the test), and how long it took.
import { expect } from 'vitest';
import { SyncError } from '../../../../../electron/core/sync/sync-error.ts';

export async function failure(promise: Promise<unknown>): Promise<SyncError & { elapsedMs: number }> {
  const started = performance.now();
  const outcome = await promise.then(
    (value: unknown) => ({ value }),
    (error: unknown) => ({ error }),
  );
  expect(outcome).not.toHaveProperty('value');
  const error = (outcome as { error: unknown }).error;
  expect(error).toBeInstanceOf(SyncError);
  return Object.assign(error as SyncError, { elapsedMs: performance.now() - started });
}

import { describe, expect, it } from 'vitest';
import { createLabAndroidDevice } from '../../../native/lab/adb/device/index.ts';

describe('lab phone command log', () => {
  it('records each command line it runs, in order', async () => {
    const phone = createLabAndroidDevice({ seed: 'log', index: 0, latency: 'fast', autoAcceptRsaAfterMs: 0 });
    const io = {
      stdout: () => {},
      stderr: () => {},
      stdin: (async function* () {})(),
      signal: new AbortController().signal,
    };
    await phone.runShell('getprop ro.product.model', io);
    await phone.runShell('settings put global device_name DL-1', io);
    expect(phone.commandLog().map((entry) => entry.command)).toEqual([
      'getprop ro.product.model',
      'settings put global device_name DL-1',
    ]);
    expect(phone.commandLog()[0]!.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    (phone as { dispose?: () => void }).dispose?.();
  });
});

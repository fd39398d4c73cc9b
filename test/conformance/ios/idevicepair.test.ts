// Debian's real idevicepair against the lab: the trust prompt answered through the control
// API (pending, then paired), validate, unpair, a denied prompt, a locked device, a device
// in Setup Assistant (no prompt) and one erased after pairing (the host's record is stale).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startControlApi, type ControlApi } from '../../../native/lab/adb/lab/control-api.ts';
import { IosLabController } from '../../../native/lab/ios/lab/ios-lab-controller.ts';
import { runTool } from './support/ios-tools.ts';

let lab: IosLabController;
let api: ControlApi;
let address: string;
const udid = (index: number): string => lab.list()[index]?.udid ?? '';

beforeAll(async () => {
  lab = await IosLabController.start({ ios: 4, seed: 'conformance-pair', latency: 'fast', services: [] });
  for (const index of ['0', '1', '2', '3']) {
    lab.device(index)?.setUp(true);
    lab.device(index)?.setPasscode(false);
  }
  api = await startControlApi(undefined, { port: 0, ios: lab });
  address = lab.usbmuxdAddress;
});

afterAll(async () => {
  await api?.close();
  await lab?.stop();
});

async function control(index: number, action: string, body?: unknown): Promise<number> {
  const response = await fetch(`${api.url}/ios/devices/${index}/${action}`, {
    method: 'POST',
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  await response.body?.cancel();
  return response.status;
}

const pair = (index: number, command = 'pair') =>
  runTool(address, 'idevicepair', ['-u', udid(index), command]);

describe('idevicepair', () => {
  it('is told to accept the trust dialog, then pairs once accept-trust is posted', async () => {
    const pending = await pair(0);
    expect(pending.code).not.toBe(0);
    expect(pending.stdout).toBe(
      `ERROR: Please accept the trust dialog on the screen of device ${udid(0)}, then attempt to pair again.\n`,
    );
    expect(lab.usbmuxd.pairRecords.read(udid(0))).toBeUndefined();

    expect(await control(0, 'accept-trust')).toBe(200);
    const paired = await pair(0);
    expect([paired.code, paired.stdout]).toEqual([0, `SUCCESS: Paired with device ${udid(0)}\n`]);
    expect(lab.find('0')).toMatchObject({ trust: 'trusted', pairedHosts: 1 });
    expect(lab.usbmuxd.pairRecords.read(udid(0))).toBeDefined();
  });

  it('validates the pairing (a session over TLS) and unpairs', async () => {
    const validated = await pair(0, 'validate');
    expect([validated.code, validated.stdout]).toEqual([
      0,
      `SUCCESS: Validated pairing with device ${udid(0)}\n`,
    ]);

    const unpaired = await pair(0, 'unpair');
    expect([unpaired.code, unpaired.stdout]).toEqual([0, `SUCCESS: Unpaired with device ${udid(0)}\n`]);
    expect(lab.find('0')?.pairedHosts).toBe(0);
    expect(lab.usbmuxd.pairRecords.read(udid(0))).toBeUndefined();
    // A second unpair: the host no longer has a record to send.
    expect((await pair(0, 'unpair')).code).not.toBe(0);
  });

  it('hears that the user denied the dialog', async () => {
    expect(await control(1, 'deny-trust')).toBe(200);
    const denied = await pair(1);
    expect(denied.stdout).toBe(`ERROR: Device ${udid(1)} said that the user denied the trust dialog.\n`);
    // The prompt shows again on the next attempt.
    expect((await pair(1)).stdout).toContain('Please accept the trust dialog');
  });

  it('is asked for the passcode while the device is locked', async () => {
    expect(await control(2, 'passcode', { set: true, locked: true })).toBe(200);
    expect((await pair(2)).stdout).toBe(
      `ERROR: Could not validate with device ${udid(2)} because a passcode is set. Please enter the passcode on the device and retry.\n`,
    );
    await control(2, 'passcode', { set: true, locked: false });
    await control(2, 'accept-trust');
    expect((await pair(2)).code).toBe(0);
  });

  it('pairs a device in Setup Assistant without a prompt', async () => {
    expect(await control(3, 'set-up', { done: false })).toBe(200);
    expect(lab.find('3')?.trust).toBe('untrusted');
    const paired = await pair(3);
    expect([paired.code, paired.stdout]).toEqual([0, `SUCCESS: Paired with device ${udid(3)}\n`]);
  });

  it('finds its record stale after the device was erased', async () => {
    expect(await control(3, 'erase')).toBe(200);
    await waitFor(() => lab.find('3')?.status === 'online');
    const stale = await pair(3, 'validate');
    expect(stale.stdout).toBe(`ERROR: Device ${udid(3)} is not paired with this host\n`);
    // Unpair cannot help (the device does not know the host); forget the record and pair again.
    expect((await pair(3, 'unpair')).code).not.toBe(0);
    lab.usbmuxd.pairRecords.delete(udid(3));
    expect((await pair(3)).code).toBe(0);
    expect((await pair(3, 'validate')).code).toBe(0);
  });
});

async function waitFor(check: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

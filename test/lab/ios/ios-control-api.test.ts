// The control API's iOS routes over a lab of simulated iPhones (no Android lab): every
// action reaches the device with its validated body, and bad requests get clear errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCKDOWN_PORT } from '../../../native/ios/wire/usbmux-frame.ts';
import { startControlApi, type ControlApi } from '../../../native/lab/adb/lab/control-api.ts';
import { IosLabController } from '../../../native/lab/ios/lab/ios-lab-controller.ts';
import { LockdownTestClient } from './support/lockdown-test-client.ts';
import { openTunnel } from './support/usbmux-test-client.ts';

let lab: IosLabController;
let api: ControlApi;

beforeAll(async () => {
  lab = await IosLabController.start({ ios: 3, seed: 'control-test', latency: 'fast', services: [] });
  api = await startControlApi(undefined, { port: 0, ios: lab });
});

afterAll(async () => {
  await api?.close();
  await lab?.stop();
});

async function call(method: 'GET' | 'POST', path: string, body?: unknown) {
  const response = await fetch(`${api.url}${path}`, {
    method,
    ...(body === undefined
      ? {}
      : {
          headers: { 'content-type': 'application/json' },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        }),
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & {
      device?: Record<string, unknown>;
      error?: { code: string; message: string };
    },
  };
}

describe('iOS control API', () => {
  it('lists the iOS devices, and no Android ones', async () => {
    const { status, body } = await call('GET', '/ios/devices');
    expect(status).toBe(200);
    const devices = body.devices as Array<Record<string, unknown>>;
    expect(devices.map((device) => [device.index, device.status])).toEqual([
      [0, 'online'],
      [1, 'online'],
      [2, 'online'],
    ]);
    expect(devices[0]).toMatchObject({ udid: lab.list()[0]?.udid, slot: { bus: 1, hub: 1, port: 1 } });
    expect((await call('GET', '/devices')).body.devices).toEqual([]);
    expect((await call('GET', '/devices/0')).body.error?.code).toBe('unknown-device');
  });

  it('finds a device by index, UDID or serial', async () => {
    const device = lab.list()[2];
    for (const id of ['2', device?.udid ?? '', device?.serial ?? '']) {
      const { status, body } = await call('GET', `/ios/devices/${encodeURIComponent(id)}`);
      expect([status, body.device?.index]).toEqual([200, 2]);
    }
    expect((await call('GET', '/ios/devices/00008110-0000000000000000')).status).toBe(404);
  });

  it('turns the trust prompt, Setup Assistant, supervision, lock, passcode and battery knobs', async () => {
    const steps: Array<[string, unknown, Record<string, unknown>]> = [
      ['accept-trust', {}, { trust: 'trusted' }],
      ['deny-trust', {}, { trust: 'denied' }],
      ['activation-lock', { on: true }, { activationLock: true }],
      ['set-up', { done: false }, { inSetupAssistant: true }],
      ['set-up', { done: true }, { inSetupAssistant: false, activationState: 'Activated' }],
      ['supervise', { organisation: 'Acme Depot' }, { supervised: true, organisation: 'Acme Depot' }],
      ['supervise', { organisation: null }, { supervised: false, organisation: null }],
      ['passcode', { set: true, locked: true }, { passcodeSet: true, locked: true }],
      ['passcode', { set: false }, { passcodeSet: false, locked: false }],
      ['battery', { level: 5, charging: false }, { battery: { level: 5, charging: false } }],
    ];
    for (const [action, body, expected] of steps) {
      const reply = await call('POST', `/ios/devices/1/${action}`, body);
      expect({ action, status: reply.status }).toEqual({ action, status: 200 });
      expect(reply.body.device).toMatchObject(expected);
    }
  });

  it('arms a failing install for the services', async () => {
    await call('POST', '/ios/devices/1/fail-next-install', {
      error: 'PackageInspectionFailed',
      description: 'bad IPA',
    });
    expect(lab.device('1')?.takeInstallFault()).toEqual({
      error: 'PackageInspectionFailed',
      description: 'bad IPA',
    });
    await call('POST', '/ios/devices/1/fail-next-install');
    expect(lab.device('1')?.takeInstallFault()?.error).toBe('ApplicationVerificationFailed');
    expect(lab.device('1')?.takeInstallFault()).toBeUndefined();
  });

  it('moves cables and restarts or erases devices', async () => {
    expect((await call('POST', '/ios/devices/2/unplug')).body.device).toMatchObject({
      status: 'unplugged',
      deviceId: null,
    });
    expect((await call('POST', '/ios/devices/2/plug')).body.device).toMatchObject({ status: 'online' });
    expect((await call('POST', '/ios/devices/2/yank')).body.device).toMatchObject({ status: 'unplugged' });
    await call('POST', '/ios/devices/2/plug');
    expect((await call('POST', '/ios/devices/2/restart')).body.device).toMatchObject({ status: 'booting' });
    lab.device('2')?.setUp(true);
    expect((await call('POST', '/ios/devices/2/erase')).body.device).toMatchObject({
      status: 'booting',
      inSetupAssistant: true,
    });
  });

  it('lists the requests a device received', async () => {
    const tunnel = await openTunnel(
      lab.usbmuxdAddress.replace(/^UNIX:/, ''),
      lab.find('0')?.deviceId ?? 0,
      LOCKDOWN_PORT,
    );
    const lockdown = new LockdownTestClient(tunnel);
    await lockdown.request({ Request: 'GetValue', Key: 'ProductVersion' });
    lockdown.close();
    const { body } = await call('GET', '/ios/devices/0/commands');
    expect(body.commands).toEqual([
      { at: expect.any(String) as string, service: 'lockdownd', request: 'GetValue ProductVersion' },
    ]);
  });

  it('rejects bad requests with clear errors', async () => {
    const cases: Array<[string, 'GET' | 'POST', string, unknown, number, string]> = [
      ['unknown key', 'POST', '/ios/devices/0/battery', { levl: 5 }, 400, 'invalid-body'],
      ['empty battery', 'POST', '/ios/devices/0/battery', {}, 400, 'invalid-body'],
      ['wrong type', 'POST', '/ios/devices/0/activation-lock', { on: 'yes' }, 400, 'invalid-body'],
      ['missing field', 'POST', '/ios/devices/0/set-up', {}, 400, 'invalid-body'],
      ['level out of range', 'POST', '/ios/devices/0/battery', { level: 101 }, 400, 'invalid-body'],
      [
        'bad error name',
        'POST',
        '/ios/devices/0/fail-next-install',
        { error: 'no spaces allowed' },
        400,
        'invalid-body',
      ],
      ['extra key on empty body', 'POST', '/ios/devices/0/plug', { now: true }, 400, 'invalid-body'],
      ['not JSON', 'POST', '/ios/devices/0/supervise', '{organisation:', 400, 'invalid-json'],
      ['GET an action', 'GET', '/ios/devices/0/plug', undefined, 405, 'method-not-allowed'],
      ['POST the list', 'POST', '/ios/devices', {}, 405, 'method-not-allowed'],
      ['unknown action', 'POST', '/ios/devices/0/jailbreak', {}, 404, 'not-found'],
      ['inherited name', 'POST', '/ios/devices/0/constructor', {}, 404, 'not-found'],
      ['unknown collection', 'GET', '/ios/hubs', undefined, 404, 'not-found'],
      ['unknown device', 'POST', '/ios/devices/99/plug', {}, 404, 'unknown-device'],
    ];
    for (const [what, method, path, body, status, code] of cases) {
      const reply = await call(method, path, body);
      expect({ what, status: reply.status, code: reply.body.error?.code }).toEqual({ what, status, code });
    }
    const battery = await call('POST', '/ios/devices/0/battery', { levl: 5 });
    expect(battery.body.error?.message).toContain('levl');
  });
});

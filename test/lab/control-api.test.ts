// The HTTP control API over a lab of fake phones (no adb server involved): every route
// reaches the device's controls with the validated body, and bad requests get clear errors.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startControlApi, type ControlApi } from '../../native/lab/adb/lab/control-api.ts';
import { parseFaults } from '../../native/lab/adb/lab/faults.ts';
import { LabController } from '../../native/lab/adb/lab/lab-controller.ts';
import { FakeDevice } from './fakes/fake-device.ts';
import { freePort } from './fakes/endpoint.ts';

const devices: FakeDevice[] = [];
let lab: LabController;
let api: ControlApi;

beforeAll(async () => {
  const portBase = await freePort();
  lab = await LabController.start({
    android: 3,
    seed: 'test',
    portBase,
    latency: 'fast',
    faults: parseFaults('unauthorized=1,old-adbd=1', 3),
    createDevice: (options) => {
      const device = new FakeDevice({
        serial: `FAKE${options.index}`,
        authorized: options.autoAcceptRsaAfterMs !== undefined,
      });
      devices.push(device);
      return device;
    },
  });
  api = await startControlApi(lab, { port: 0 });
});

afterAll(async () => {
  await api.close();
  await lab.stop();
});

async function call(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & { error?: { code: string; message: string } },
  };
}

describe('lab control API', () => {
  it('lists the devices with their ports, features and faults', async () => {
    const { status, body } = await call('GET', '/devices');
    expect(status).toBe(200);
    const list = body.devices as {
      index: number;
      serial: string;
      adbSerial: string;
      authorized: boolean;
      features: string[];
      fault: unknown;
      status: string;
    }[];
    expect(list.map((d) => [d.index, d.serial, d.authorized, d.status, d.fault])).toEqual([
      [0, 'FAKE0', false, 'online', { kind: 'unauthorized' }],
      [1, 'FAKE1', true, 'online', { kind: 'old-adbd' }],
      [2, 'FAKE2', true, 'online', null],
    ]);
    expect(list[1]?.features).toEqual(['shell_v2', 'stat_v2', 'ls_v2', 'fixed_push_mkdir']);
    expect(list[2]?.adbSerial).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('finds a device by index, adb serial or phone serial', async () => {
    const adbSerial = lab.list()[2]?.adbSerial ?? '';
    for (const id of ['2', encodeURIComponent(adbSerial), adbSerial, 'FAKE2']) {
      const { status, body } = await call('GET', `/devices/${id}`);
      expect([status, (body.device as { serial: string }).serial]).toEqual([200, 'FAKE2']);
    }
  });

  it('lists the command lines a phone ran, and refuses a POST there', async () => {
    await devices[2]!.runShell('getprop ro.serialno', {
      stdout: () => {},
      stderr: () => {},
      stdin: (async function* () {})(),
      signal: new AbortController().signal,
    });
    const { status, body } = await call('GET', '/devices/2/commands');
    expect(status).toBe(200);
    expect((body.commands as { command: string }[]).map((c) => c.command)).toContain('getprop ro.serialno');
    expect((await call('POST', '/devices/2/commands', {})).status).toBe(405);
  });

  it('accepts the RSA prompt', async () => {
    const { status, body } = await call('POST', '/devices/0/accept-rsa');
    expect(status).toBe(200);
    expect((body.device as { authorized: boolean }).authorized).toBe(true);
  });

  it('passes validated bodies to the device controls', async () => {
    const device = devices[2];
    if (!device) throw new Error('no device');
    device.controlCalls.length = 0;
    await call('POST', '/devices/FAKE2/accounts', { type: 'com.google', name: 'ops@example.com' });
    await call('POST', '/devices/FAKE2/battery', { level: 4, charging: false });
    await call('POST', '/devices/FAKE2/fill-storage', { bytes: 1_000_000 });
    await call('POST', '/devices/FAKE2/fail-next-install', { code: 'INSTALL_FAILED_VERSION_DOWNGRADE' });
    await call('POST', '/devices/FAKE2/hang-next-install');
    await call('POST', '/devices/FAKE2/slowdown', { factor: 2.5 });
    await call('POST', '/devices/FAKE2/factory-reset', { keepAdb: true });
    expect(device.controlCalls).toEqual([
      ['addAccount', 'com.google', 'ops@example.com'],
      ['setBattery', { level: 4, charging: false }],
      ['fillStorage', 1_000_000],
      ['failNextInstall', 'INSTALL_FAILED_VERSION_DOWNGRADE'],
      ['hangNextInstall'],
      ['setSlowdown', 2.5],
      ['factoryReset', { keepAdb: true }],
    ]);
  });

  it('unplugs (port closed) and plugs a device back', async () => {
    const unplugged = await call('POST', '/devices/1/unplug');
    expect((unplugged.body.device as { status: string }).status).toBe('unplugged');
    const port = lab.list()[1]?.port ?? 0;
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
    const plugged = await call('POST', '/devices/1/plug');
    expect((plugged.body.device as { status: string }).status).toBe('online');
  });

  it('reboots a device through the model', async () => {
    await call('POST', '/devices/2/reboot', { target: 'bootloader' });
    expect(devices[2]?.reboots).toEqual(['bootloader']);
  });

  it.each([
    ['an unknown key', '/devices/0/battery', { levl: 5 }, 400, 'invalid-body'],
    ['a level out of range', '/devices/0/battery', { level: 101 }, 400, 'invalid-body'],
    ['an empty battery update', '/devices/0/battery', {}, 400, 'invalid-body'],
    ['a lowercase failure code', '/devices/0/fail-next-install', { code: 'oops' }, 400, 'invalid-body'],
    ['bytes as a string', '/devices/0/fill-storage', { bytes: '100' }, 400, 'invalid-body'],
    ['a body on a body-less action', '/devices/0/plug', { now: true }, 400, 'invalid-body'],
    ['broken JSON', '/devices/0/slowdown', '{"factor":', 400, 'invalid-json'],
    ['an unknown device', '/devices/99/plug', undefined, 404, 'unknown-device'],
    ['an unknown action', '/devices/0/explode', undefined, 404, 'not-found'],
    ['a model refusal', '/devices/0/slowdown', { factor: 500 }, 409, 'device-refused'],
  ])('rejects %s', async (_name, path, body, status, code) => {
    const response = await call('POST', path, body);
    expect(response.status).toBe(status);
    expect(response.body.ok).toBe(false);
    expect(response.body.error?.code).toBe(code);
    expect(response.body.error?.message.length).toBeGreaterThan(0);
  });

  it('names the offending field in validation errors', async () => {
    const response = await call('POST', '/devices/0/battery', { level: 101 });
    expect(response.body.error?.message).toMatch(/level/);
  });

  it('refuses the wrong method, a web page origin and a foreign Host', async () => {
    expect((await call('GET', '/devices/0/plug')).status).toBe(405);
    expect((await call('POST', '/devices')).status).toBe(405);
    expect(
      (await call('POST', '/devices/0/plug', undefined, { origin: 'https://evil.example' })).body.error?.code,
    ).toBe('forbidden-origin');
    expect((await call('POST', '/devices/0/plug', undefined, { origin: api.url })).status).toBe(200);
    // fetch() cannot forge Host; a DNS-rebinding page would arrive with its own name.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const request = httpRequest(
        `${api.url}/devices`,
        { headers: { host: 'rebind.example:80' } },
        (response) => {
          response.resume();
          resolve(response.statusCode);
        },
      );
      request.on('error', reject);
      request.end();
    });
    expect(status).toBe(403);
  });

  it('refuses a body that is not declared as JSON', async () => {
    const response = await fetch(`${api.url}/devices/0/slowdown`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"factor":2}',
    });
    expect(response.status).toBe(415);
  });
});

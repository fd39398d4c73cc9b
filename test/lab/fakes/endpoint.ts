// Starts one DeviceEndpoint for a fake device on a free port (tests run in parallel).
import { createServer } from 'node:net';
import { DeviceEndpoint } from '../../../native/lab/adb/lab/device-endpoint.ts';
import { IMPLEMENTED_FEATURES, type AdbFeature } from '../../../native/lab/adb/protocol/features.ts';
import { FakeDevice } from './fake-device.ts';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export async function startFakeEndpoint(
  options: { authorized?: boolean; features?: readonly AdbFeature[]; serial?: string } = {},
) {
  const device = new FakeDevice({
    authorized: options.authorized ?? true,
    ...(options.serial ? { serial: options.serial } : {}),
  });
  const logs: string[] = [];
  const endpoint = new DeviceEndpoint({
    device,
    host: '127.0.0.1',
    port: await freePort(),
    features: options.features ?? IMPLEMENTED_FEATURES,
    log: (message) => logs.push(message),
  });
  await endpoint.start();
  return { device, endpoint, logs, port: endpoint.port };
}

// Starts one DeviceEndpoint for a fake device on a free port (tests run in parallel).
import { DeviceEndpoint } from '../../../native/lab/adb/lab/device-endpoint.ts';
import { IMPLEMENTED_FEATURES, type AdbFeature } from '../../../native/lab/adb/protocol/features.ts';
import { FakeDevice } from './fake-device.ts';

export { freePort } from '../../helpers/ports.ts';
import { freePort } from '../../helpers/ports.ts';

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

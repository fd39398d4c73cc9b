import { Option, type Command } from 'commander';
import { defaultAdbServerOptions, type AdbServerOptions } from '../../native/adb/adb-client.ts';
import { createCore, type Core } from '../core/core.ts';
import type { DeviceView } from '../common/models/device.ts';
import type { CoreOptions } from '../core/core.ts';
import type { UsbmuxAddress } from '../../native/ios/usbmux/usbmux-address.ts';

export interface AdbCliOptions {
  adb: string;
  adbServerPort: number;
}

/** --adb and -P, shared by every subcommand that talks to phones. */
export function addAdbOptions(command: Command): Command {
  const defaults = defaultAdbServerOptions();
  return command
    .addOption(
      new Option('--adb <path>', 'adb binary (starts the adb server when it is not running)').default(
        defaults.adbPath,
      ),
    )
    .addOption(
      new Option('-P, --adb-server-port <port>', 'adb server port').default(defaults.port).argParser(Number),
    );
}

export function adbServerFrom(options: AdbCliOptions): AdbServerOptions {
  return { adbPath: options.adb, host: '127.0.0.1', port: options.adbServerPort };
}

/** A core that watches the bench's phones, for commands that stage or list them. */
export function createBenchCore(
  dataDir: string,
  adb: AdbServerOptions,
  staging: CoreOptions['bench'] = {},
  usbmux?: UsbmuxAddress,
): Core {
  return createCore({
    dataDir,
    frontDoor: 'cli',
    log: (message) => process.stderr.write(`${message}\n`),
    bench: { ...staging, adb, pollMs: 1_000, ...(usbmux ? { usbmux } : {}) },
  });
}

/**
 * Waits until adb has reported and the bench has read every phone it sees (none left
 * "connecting"), or until `timeoutMs`: a command run right after plugging in sees them all.
 */
export async function settledDevices(core: Core, timeoutMs: number): Promise<DeviceView[]> {
  const deadline = Date.now() + timeoutMs;
  let stableSince = Date.now();
  let last = '';
  for (;;) {
    const devices = core.context.bench.deviceViews();
    const key = JSON.stringify(devices.map((device) => [device.serial, device.state]));
    if (key !== last) {
      last = key;
      stableSince = Date.now();
    }
    const busy = devices.some((device) => device.state === 'connecting');
    if ((!busy && Date.now() - stableSince >= 1_500) || Date.now() > deadline) return devices;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

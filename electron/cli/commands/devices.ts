import type { Command } from 'commander';
import { dataDirFrom, dataDirOption } from '../options.ts';
import { addUsbmuxdOption, type UsbmuxdCliOptions } from '../usbmuxd-option.ts';
import {
  addAdbOptions,
  adbServerFrom,
  createBenchCore,
  settledDevices,
  type AdbCliOptions,
} from '../bench-core.ts';
import { printJson } from '../in-process.ts';

interface DevicesOptions extends AdbCliOptions, UsbmuxdCliOptions {
  dataDir?: string;
  json?: boolean;
  wait: number;
}

export function registerDevicesCommand(program: Command): void {
  addUsbmuxdOption(
    addAdbOptions(
      program
        .command('devices')
        .description('List the phones on this bench: slot, state and identity.')
        .addOption(dataDirOption())
        .option('--wait <seconds>', 'how long to let adb report newly plugged phones', Number, 10)
        .option('--json', 'print the devices as JSON'),
    ),
  ).action(async (options: DevicesOptions) => {
    const core = createBenchCore(dataDirFrom(options), adbServerFrom(options), {}, options.usbmuxd);
    try {
      const devices = await settledDevices(core, options.wait * 1000);
      if (options.json) return printJson(devices);
      if (devices.length === 0) {
        process.stdout.write(
          'No phones found. Plug one in (allow USB debugging, or tap Trust on an iPhone), or start the lab: depotline lab --android 8 --ios 4\n',
        );
        return;
      }
      for (const device of devices) {
        const id = device.identity;
        const what = id
          ? `${id.manufacturer} ${id.model}, ${device.platform === 'ios' ? 'iOS' : 'Android'} ${id.osVersion}, battery ${id.batteryPercent} %`
          : '';
        process.stdout.write(
          `${device.slotName.padEnd(14)} ${device.serial.padEnd(26)} ${device.state.padEnd(12)} ${what}\n`,
        );
        for (const reason of device.reasons) process.stdout.write(`${''.padEnd(14)} ${reason}\n`);
      }
    } finally {
      core.close();
    }
  });
}

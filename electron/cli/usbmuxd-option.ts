import { InvalidArgumentError, Option, type Command } from 'commander';
import {
  defaultUsbmuxAddress,
  parseUsbmuxAddress,
  USBMUXD_ENV,
  type UsbmuxAddress,
} from '../../native/ios/usbmux/usbmux-address.ts';

export interface UsbmuxdCliOptions {
  usbmuxd: UsbmuxAddress;
}

/** --usbmuxd, shared by every subcommand that talks to iPhones; defaults as libimobiledevice does. */
export function addUsbmuxdOption(command: Command): Command {
  return command.addOption(
    new Option(
      '--usbmuxd <address>',
      `where usbmuxd listens: UNIX:/path or HOST:PORT (default: $${USBMUXD_ENV}, else the system's)`,
    )
      .default(defaultUsbmuxAddress(), 'the system usbmuxd')
      .argParser((value: string) => {
        try {
          return parseUsbmuxAddress(value);
        } catch (error) {
          throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
        }
      }),
  );
}

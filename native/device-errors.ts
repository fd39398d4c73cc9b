// How a device driver (adb or usbmux/lockdown) tells the staging engine what went wrong.
// The engine decides from the class alone: wait for the device, retry, or fail the job.

/** The device refused a command; `message` is the device's own words (e.g. "Failure [INSTALL_FAILED_…]"). */
export class DeviceCommandError extends Error {
  readonly transient: boolean;
  constructor(message: string, options: { transient?: boolean } = {}) {
    super(message);
    this.name = 'DeviceCommandError';
    this.transient = options.transient ?? false;
  }
}

/** The device went away (unplugged, rebooting, the daemon restarted): the job waits for it to return. */
export class DeviceGoneError extends Error {
  constructor(serial: string, detail: string) {
    super(`${serial} is not connected: ${detail}`);
    this.name = 'DeviceGoneError';
  }
}

/**
 * The device is connected but what it answers cannot be read (garbage, replies cut off):
 * unlike a device that went away, waiting for it will not help. `message` is the reason.
 */
export class DeviceUnreadableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeviceUnreadableError';
  }
}

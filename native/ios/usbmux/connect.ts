// Connect: a raw tunnel to a TCP port on the device (lockdownd's 62078, or a service's port).
//   → { MessageType: 'Connect', DeviceID, PortNumber: port with its bytes swapped }
//   ← Result 0, then the socket carries the device's port; 2 = no such device, 3 = refused.
import type { Socket } from 'node:net';
import { DeviceGoneError } from '../../device-errors.ts';
import { swapPortBytes, USBMUX_RESULT } from '../wire/usbmux-frame.ts';
import type { UsbmuxAddress } from './usbmux-address.ts';
import { UsbmuxConnection, UsbmuxResultError } from './usbmux-connection.ts';

export interface ConnectTarget {
  deviceId: number;
  /** The device's UDID, for errors. */
  udid: string;
  port: number;
}

/** The tunnel, paused, for a FrameChannel or a TLS layer to read. */
export async function connectToDevice(address: UsbmuxAddress, target: ConnectTarget): Promise<Socket> {
  const connection = await UsbmuxConnection.open(address, target.udid);
  try {
    await connection.connect({ DeviceID: target.deviceId, PortNumber: swapPortBytes(target.port) });
  } catch (error) {
    connection.close();
    if (error instanceof UsbmuxResultError && error.result === USBMUX_RESULT.badDevice)
      throw new DeviceGoneError(target.udid, 'usbmuxd no longer lists it (unplugged or restarting)');
    if (error instanceof UsbmuxResultError && error.result === USBMUX_RESULT.connectionRefused)
      throw new UsbmuxPortRefusedError(target.udid, target.port);
    throw error;
  }
  return connection.takeTunnel();
}

/** Nothing listens on that port on the device (a service that is not running yet). */
export class UsbmuxPortRefusedError extends UsbmuxResultError {
  constructor(udid: string, port: number) {
    super('Connect', USBMUX_RESULT.connectionRefused);
    this.message = `${udid} refused a connection to its port ${port}`;
    this.name = 'UsbmuxPortRefusedError';
  }
}

// ReadBUID: usbmuxd's SystemBUID, the host identifier a pair record carries beside HostID.
//   → { MessageType: 'ReadBUID' }   ← { BUID: '…' }
import { DeviceUnreadableError } from '../../device-errors.ts';
import type { UsbmuxAddress } from './usbmux-address.ts';
import { usbmuxRequest } from './usbmux-connection.ts';

export async function readBuid(address: UsbmuxAddress): Promise<string> {
  const reply = await usbmuxRequest(address, 'ReadBUID');
  if (typeof reply.BUID !== 'string' || reply.BUID === '')
    throw new DeviceUnreadableError('usbmuxd answered ReadBUID without a BUID');
  return reply.BUID;
}

import { duplexPair } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  DeviceCommandError,
  DeviceGoneError,
  DeviceUnreadableError,
} from '../../../../../native/device-errors.ts';
import { PlistChannel } from '../../../../../native/ios/transport/plist-channel.ts';
import { encodeLockdownMessage } from '../../../../../native/ios/wire/lockdown-frame.ts';
import { readPlists, writePlist } from '../fakes/fake-lockdownd.ts';

function channelPair() {
  const [client, device] = duplexPair();
  return { channel: new PlistChannel(client, { device: 'UDID-1', peer: 'lockdownd' }), device };
}

describe('PlistChannel', () => {
  it('sends XML, reads XML or binary replies, and lets one exchange finish before the next starts', async () => {
    const { channel, device } = channelPair();
    const seen: string[] = [];
    readPlists(device, (request) => {
      seen.push(typeof request.Request === 'string' ? request.Request : '?');
      // Answer only after both requests could have been sent: the second must wait its turn.
      setTimeout(() => {
        if (request.Request === 'First') device.write(encodeLockdownMessage({ Answer: 1 }, 'binary'));
        else writePlist(device, { Answer: 2 });
      }, 10);
    });
    const [first, second] = await Promise.all([
      channel.request({ Request: 'First' }),
      channel.request({ Request: 'Second' }),
    ]);
    expect(first).toEqual({ Answer: 1 });
    expect(second).toEqual({ Answer: 2 });
    expect(seen).toEqual(['First', 'Second']);
  });

  it('a reply that is not a plist is unreadable, and the channel stays failed', async () => {
    const { channel, device } = channelPair();
    readPlists(device, () => {
      const garbage = Buffer.from('<plist><dict><key>cut');
      const header = Buffer.alloc(4);
      header.writeUInt32BE(garbage.length);
      device.write(Buffer.concat([header, garbage]));
    });
    await expect(channel.request({ Request: 'GetValue' })).rejects.toThrow(DeviceUnreadableError);
    await expect(channel.request({ Request: 'GetValue' })).rejects.toThrow(
      /lockdownd sent a reply that cannot be read/,
    );
  });

  it('a hostile frame length is unreadable, not a 4 GiB allocation', async () => {
    const { channel, device } = channelPair();
    readPlists(device, () => device.write(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x3c])));
    await expect(channel.request({ Request: 'QueryType' })).rejects.toThrow(DeviceUnreadableError);
  });

  it('a connection that drops before the reply means the device is gone', async () => {
    const { channel, device } = channelPair();
    readPlists(device, () => device.destroy());
    const failure = channel.request({ Request: 'GetValue' });
    await expect(failure).rejects.toBeInstanceOf(DeviceGoneError);
    await expect(failure).rejects.toThrow('UDID-1 is not connected: lockdownd closed the connection');
  });

  it('no reply in time is a transient refusal that closes the channel', async () => {
    const { channel } = channelPair();
    const failure = channel.request({ Request: 'GetValue' }, 30);
    await expect(failure).rejects.toBeInstanceOf(DeviceCommandError);
    await expect(failure).rejects.toMatchObject({
      transient: true,
      message: 'lockdownd did not answer within 30 ms',
    });
    await expect(channel.request({ Request: 'GetValue' })).rejects.toMatchObject({ transient: true });
  });
});

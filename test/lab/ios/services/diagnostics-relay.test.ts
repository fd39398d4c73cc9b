import { describe, expect, it } from 'vitest';
import type { PlistDict } from '../../../../native/ios/wire/plist-codec.ts';
import { DiagnosticsRelayService } from '../../../../native/lab/ios/services/diagnostics-relay.ts';
import { PlistClient } from './clients.ts';
import { FakeIosDevice } from './fake-ios-device.ts';

const service = new DiagnosticsRelayService();

function setup(format: 'xml' | 'binary' = 'xml') {
  const device = new FakeIosDevice();
  return { device, client: new PlistClient(service, device, format) };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('diagnostics_relay: IORegistry, MobileGestalt, GasGauge', () => {
  it('IOPMPowerSource by EntryClass (pymobiledevice3) and by EntryName with an empty class (idevicediagnostics)', async () => {
    const { client } = setup();
    const byClass = await client.request({ Request: 'IORegistry', EntryClass: 'IOPMPowerSource' });
    const byName = await client.request({
      Request: 'IORegistry',
      EntryName: 'IOPMPowerSource',
      EntryClass: '',
    });
    for (const reply of [byClass, byName]) {
      expect(reply.Status).toBe('Success');
      expect((reply.Diagnostics as PlistDict).IORegistry).toMatchObject({
        CurrentCapacity: 83,
        IsCharging: true,
        ExternalConnected: true,
        CycleCount: 212,
        Temperature: 2950,
        DesignCapacity: 3349,
        AppleRawMaxCapacity: 3048, // 91 % of design
        AppleRawCurrentCapacity: 2530, // 83 % of that
        MaxCapacity: 100,
        BatteryInstalled: true,
      });
    }
  });

  it('a full battery is not charging; an unknown entry is a Failure', async () => {
    const { device, client } = setup();
    device.batteryState = { ...device.batteryState, level: 100 };
    const full = await client.request({ Request: 'IORegistry', EntryClass: 'IOPMPowerSource' });
    expect((full.Diagnostics as PlistDict).IORegistry).toMatchObject({
      FullyCharged: true,
      IsCharging: false,
    });
    expect(await client.request({ Request: 'IORegistry', EntryName: 'ASPStorage' })).toEqual({
      Status: 'Failure',
    });
  });

  it('MobileGestalt answers the keys the device knows', async () => {
    const { device, client } = setup();
    const reply = await client.request({
      Request: 'MobileGestalt',
      MobileGestaltKeys: ['ProductType', 'UniqueDeviceID', 'NoSuchKey'],
    });
    expect(reply).toEqual({
      Status: 'Success',
      Diagnostics: {
        MobileGestalt: {
          ProductType: 'iPhone15,4',
          UniqueDeviceID: device.udid,
          Status: 'MobileGestaltSuccess',
        },
      },
    });
  });

  it('GasGauge and All; an unknown request is UnknownRequest; a binary request gets a binary reply', async () => {
    const { client } = setup('binary');
    client.send({ Request: 'GasGauge' });
    const { body, format } = await client.receiveWithFormat();
    expect(format).toBe('binary');
    expect(body).toEqual({
      Status: 'Success',
      Diagnostics: {
        GasGauge: { CycleCount: 212, DesignCapacity: 3349, FullChargeCapacity: 3048, Status: 'Success' },
      },
    });
    expect(((await client.request({ Request: 'All' })).Diagnostics as PlistDict).GasGauge).toBeDefined();
    expect(await client.request({ Request: 'Levitate' })).toEqual({ Status: 'UnknownRequest' });
  });
});

describe('diagnostics_relay: Restart, Shutdown, Sleep, Goodbye', () => {
  it('Restart with WaitForDisconnect answers, then restarts only once the client has gone (idevicediagnostics restart)', async () => {
    const { device, client } = setup();
    expect(await client.request({ Request: 'Restart', WaitForDisconnect: true })).toEqual({
      Status: 'Success',
    });
    await tick();
    expect(device.restarts).toBe(0);
    expect(await client.request({ Request: 'Goodbye' })).toEqual({ Status: 'Success' });
    client.close();
    await client.closed;
    await tick();
    expect(device.restarts).toBe(1);
    expect(device.requests).toEqual([
      'com.apple.mobile.diagnostics_relay: Restart',
      'com.apple.mobile.diagnostics_relay: Goodbye',
      'com.apple.mobile.diagnostics_relay: Restarting',
    ]);
  });

  it('Restart without the flag restarts at once; Shutdown shuts down; Sleep only answers', async () => {
    const restart = setup();
    expect(await restart.client.request({ Request: 'Restart' })).toEqual({ Status: 'Success' });
    await restart.client.closed;
    expect(restart.device.restarts).toBe(1);
    const shutdown = setup();
    expect(await shutdown.client.request({ Request: 'Shutdown', WaitForDisconnect: true })).toEqual({
      Status: 'Success',
    });
    shutdown.client.close();
    await shutdown.client.closed;
    await tick();
    expect([shutdown.device.shutdowns, shutdown.device.restarts]).toEqual([1, 0]);
    const sleep = setup();
    expect(await sleep.client.request({ Request: 'Sleep' })).toEqual({ Status: 'Success' });
    expect([sleep.device.restarts, sleep.device.shutdowns]).toEqual([0, 0]);
  });
});

// A simulated device's lockdownd, spoken to as hosts do: libimobiledevice's XML (recorded
// bytes), appium-ios-device's binary plists, real certificate checks on Pair, the trust
// prompt, sessions over TLS and back, and hostile input that ends one connection only.
import { X509Certificate } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { plistFormatOf } from '../../../native/ios/wire/plist-codec.ts';
import { LabIosDevice } from '../../../native/lab/ios/device/lab-ios-device.ts';
import { deviceCertificatePem, makeHostIdentity, pairRequest } from './support/host-identity.ts';
import { devicePublicKey, LockdownHarness, pairNewHost, startSession } from './support/lockdown-harness.ts';

const harness = new LockdownHarness();
let device: LabIosDevice;

function newDevice(index = 0, acceptTrustAfterMs?: number): LabIosDevice {
  const made = new LabIosDevice({
    seed: 'lockdownd-test',
    index,
    latency: 'fast',
    services: [],
    ...(acceptTrustAfterMs === undefined ? {} : { acceptTrustAfterMs }),
  });
  made.setUp(true);
  made.setPasscode(false);
  return made;
}

beforeAll(() => harness.start());
afterAll(() => harness.stop());
beforeEach(() => {
  device = newDevice();
  harness.device = device;
});
afterEach(() => {
  harness.closeClients();
  device.dispose();
});

/** QueryType exactly as libimobiledevice 1.3 frames it (libplist's XML, tabs and all). */
const RECORDED_QUERY_TYPE = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n<dict>\n\t<key>Label</key>\n\t<string>ideviceinfo</string>\n\t<key>Request</key>\n\t<string>QueryType</string>\n</dict>\n</plist>\n',
);

function framed(payload: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt32BE(payload.length, 0);
  return Buffer.concat([header, payload]);
}

describe('lockdownd before pairing', () => {
  it('answers a recorded libimobiledevice QueryType in XML', async () => {
    const client = await harness.connect();
    client.raw.write(framed(RECORDED_QUERY_TYPE));
    const reply = await client.reply();
    expect(reply.format).toBe('xml');
    expect(reply.body).toEqual({ Request: 'QueryType', Type: 'com.apple.mobile.lockdown' });
  });

  it('answers a binary request (appium-ios-device) in binary', async () => {
    const client = await harness.connect();
    const chunks: Buffer[] = [];
    client.raw.on('data', (chunk: Buffer) => chunks.push(chunk));
    client.send({ Label: 'appium', Request: 'GetValue', Key: 'ProductVersion' }, 'binary');
    const reply = await client.reply();
    expect(reply.format).toBe('binary');
    expect(plistFormatOf(Buffer.concat(chunks).subarray(4))).toBe('binary');
    expect(reply.body).toEqual({
      Request: 'GetValue',
      Key: 'ProductVersion',
      Value: device.identity.iosVersion,
    });
  });

  it('reveals only public keys outside a session', async () => {
    const client = await harness.connect();
    const all = (await client.request({ Request: 'GetValue' })).Value as Record<string, unknown>;
    expect(all.UniqueDeviceID).toBe(device.udid);
    expect(all.ProductType).toBe(device.identity.model.productType);
    expect(all.DevicePublicKey).toBeInstanceOf(Uint8Array);
    expect(all).not.toHaveProperty('SerialNumber');
    expect(all).not.toHaveProperty('InternationalMobileEquipmentIdentity');
    expect(await client.request({ Request: 'GetValue', Key: 'SerialNumber' })).toEqual({
      Request: 'GetValue',
      Key: 'SerialNumber',
      Error: 'MissingValue',
    });
    expect((await client.request({ Request: 'GetValue', Domain: 'com.apple.disk_usage' })).Error).toBe(
      'MissingValue',
    );
    expect((await client.request({ Request: 'SetValue', Key: 'DeviceName', Value: 'x' })).Error).toBe(
      'SessionInactive',
    );
    expect((await client.request({ Request: 'StartService', Service: 'com.apple.afc' })).Error).toBe(
      'SessionInactive',
    );
  });

  it('gives a PKCS#1 DevicePublicKey that stays the same until the device is erased', async () => {
    const client = await harness.connect();
    const pem = await devicePublicKey(client);
    expect(pem).toMatch(/^-----BEGIN RSA PUBLIC KEY-----\n/);
    expect(await devicePublicKey(await harness.connect())).toBe(pem);
  });
});

describe('Pair', () => {
  it('waits for the trust prompt, then pairs once the user taps Trust', async () => {
    const client = await harness.connect();
    const host = makeHostIdentity();
    const request = pairRequest(host, deviceCertificatePem(host, await devicePublicKey(client)));
    expect(await client.request(request)).toEqual({ Request: 'Pair', Error: 'PairingDialogResponsePending' });
    expect(device.trustState).toBe('prompting');
    expect((await client.request(request)).Error).toBe('PairingDialogResponsePending');

    device.acceptTrust();
    const reply = await client.request(request);
    expect(reply.Error).toBeUndefined();
    expect(reply.Request).toBe('Pair');
    expect((reply.EscrowBag as Uint8Array).byteLength).toBe(32);
    expect(device.pairedHostIds).toEqual([host.hostId]);
  });

  it('accepts the prompt by itself after the configured delay', async () => {
    device = newDevice(1, 30);
    harness.device = device;
    const client = await harness.connect();
    const host = makeHostIdentity();
    const request = pairRequest(host, deviceCertificatePem(host, await devicePublicKey(client)));
    expect((await client.request(request)).Error).toBe('PairingDialogResponsePending');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect((await client.request(request)).Error).toBeUndefined();
  });

  it('answers UserDeniedPairing once after Don’t Trust, then prompts again', async () => {
    const client = await harness.connect();
    const host = makeHostIdentity();
    const request = pairRequest(host, deviceCertificatePem(host, await devicePublicKey(client)));
    device.denyTrust();
    expect((await client.request(request)).Error).toBe('UserDeniedPairing');
    expect((await client.request(request)).Error).toBe('PairingDialogResponsePending');
  });

  it('pairs without a prompt in Setup Assistant, and refuses PasswordProtected while locked', async () => {
    const client = await harness.connect();
    const host = makeHostIdentity();
    const request = pairRequest(host, deviceCertificatePem(host, await devicePublicKey(client)));
    device.setPasscode(true, true);
    expect((await client.request(request)).Error).toBe('PasswordProtected');
    device.setUp(false);
    expect((await client.request(request)).Error).toBeUndefined();
  });

  it('checks the certificates and says why it refuses', async () => {
    device.acceptTrust();
    const client = await harness.connect();
    const devicePem = await devicePublicKey(client);
    const host = makeHostIdentity();
    const stranger = makeHostIdentity();
    const otherDevice = newDevice(5);
    const otherKey = await pemOf(otherDevice);
    otherDevice.dispose();

    const cases: Array<[string, Record<string, unknown>, string]> = [
      [
        "a DeviceCertificate with another device's key",
        pairRequest(host, deviceCertificatePem(host, otherKey)),
        'InvalidPairRecord',
      ],
      [
        'a DeviceCertificate signed by another root',
        pairRequest(host, deviceCertificatePem(host, devicePem, stranger.rootKeyPem)),
        'InvalidPairRecord',
      ],
      [
        'a HostCertificate from another root',
        pairRequest(host, deviceCertificatePem(host, devicePem), {
          HostCertificate: Buffer.from(stranger.hostCertPem),
        }),
        'InvalidPairRecord',
      ],
      ['a DeviceCertificate that is not a certificate', pairRequest(host, 'hello', {}), 'InvalidPairRecord'],
      ['no PairRecord', { Request: 'Pair', ProtocolVersion: '2' }, 'MissingPairRecord'],
      [
        'no HostID',
        pairRequest(host, deviceCertificatePem(host, devicePem), { HostID: '' }),
        'MissingHostID',
      ],
    ];
    for (const [what, request, error] of cases) {
      expect({ what, reply: await client.request(request as never) }).toEqual({
        what,
        reply: { Request: 'Pair', Error: error },
      });
    }
    expect(device.pairedHostIds).toEqual([]);
    const log = device.commandLog().map((entry) => entry.request);
    expect(log).toContain(
      "Pair refused: InvalidPairRecord: DeviceCertificate does not carry this device's public key (was it made for another device, or before an erase?)",
    );
    expect(log).toContain(
      'Pair refused: InvalidPairRecord: HostCertificate is not signed by RootCertificate',
    );
  });
});

async function pemOf(other: LabIosDevice): Promise<string> {
  harness.device = other;
  const pem = await devicePublicKey(await harness.connect());
  harness.device = device;
  return pem;
}

describe('sessions', () => {
  it('refuses StartSession for a host it does not know', async () => {
    const client = await harness.connect();
    expect(await client.request({ Request: 'StartSession', HostID: 'NOT-PAIRED', SystemBUID: 'X' })).toEqual({
      Request: 'StartSession',
      Error: 'InvalidHostID',
    });
    expect((await client.request({ Request: 'StartSession' })).Error).toBe('MissingHostID');
  });

  it('serves the session over TLS with the DeviceCertificate the host made, then goes back to clear text', async () => {
    device.acceptTrust();
    const client = await harness.connect();
    const host = await pairNewHost(client);
    const sessionId = await startSession(client, host);

    const disk = (await client.request({ Request: 'GetValue', Domain: 'com.apple.disk_usage' }))
      .Value as Record<string, number>;
    expect(disk.TotalDiskCapacity).toBe(device.identity.totalDiskBytes);
    expect(disk.AmountDataAvailable).toBe(device.freeBytes());
    const all = (await client.request({ Request: 'GetValue' })).Value as Record<string, unknown>;
    expect(all.SerialNumber).toBe(device.identity.serial);
    expect(all.UniqueChipID).toBe(device.identity.ecid);

    expect(await client.request({ Request: 'SetValue', Key: 'DeviceName', Value: 'Bench 4' })).toEqual({
      Request: 'SetValue',
      Key: 'DeviceName',
    });
    expect((await client.request({ Request: 'GetValue', Key: 'DeviceName' })).Value).toBe('Bench 4');
    expect((await client.request({ Request: 'SetValue', Key: 'SerialNumber', Value: 'X' })).Error).toBe(
      'SetProhibited',
    );
    expect((await client.request({ Request: 'StartSession', HostID: host.hostId })).Error).toBe(
      'SessionActive',
    );
    expect((await client.request({ Request: 'StopSession', SessionID: 'WRONG' })).Error).toBe(
      'InvalidSessionID',
    );

    expect(await client.request({ Request: 'StopSession', SessionID: sessionId })).toEqual({
      Request: 'StopSession',
    });
    await client.stopTls();
    // Clear text again on the same connection, and private values are private again.
    expect((await client.request({ Request: 'QueryType' })).Type).toBe('com.apple.mobile.lockdown');
    expect((await client.request({ Request: 'GetValue', Key: 'SerialNumber' })).Error).toBe('MissingValue');
    // And a new session on the same connection.
    await startSession(client, host);
    expect((await client.request({ Request: 'GetValue', Key: 'DeviceName' })).Value).toBe('Bench 4');
  });

  it('presents the DeviceCertificate from the pair record in TLS', async () => {
    device.acceptTrust();
    const client = await harness.connect();
    const host = makeHostIdentity();
    const devicePem = deviceCertificatePem(host, await devicePublicKey(client));
    expect((await client.request(pairRequest(host, devicePem))).Error).toBeUndefined();
    await client.request({ Request: 'StartSession', HostID: host.hostId, SystemBUID: host.systemBuid });
    const secure = await client.startTls(host.rootCertPem, host.rootKeyPem);
    const presented = secure.getPeerX509Certificate();
    expect(presented?.fingerprint256).toBe(new X509Certificate(devicePem).fingerprint256);
  });

  it('speaks binary plists inside the session too', async () => {
    device.acceptTrust();
    const client = await harness.connect();
    const host = await pairNewHost(client);
    await startSession(client, host);
    client.send({ Request: 'GetValue', Domain: 'com.apple.mobile.battery' }, 'binary');
    const reply = await client.reply();
    expect(reply.format).toBe('binary');
    expect((reply.body.Value as Record<string, unknown>).BatteryCurrentCapacity).toBe(
      device.state.battery.level,
    );
  });

  it('validates and unpairs hosts', async () => {
    device.acceptTrust();
    const client = await harness.connect();
    const host = await pairNewHost(client);
    const record = { PairRecord: { HostID: host.hostId } };
    expect(await client.request({ Request: 'ValidatePair', ...record })).toEqual({ Request: 'ValidatePair' });
    expect(await client.request({ Request: 'Unpair', ...record })).toEqual({ Request: 'Unpair' });
    expect((await client.request({ Request: 'ValidatePair', ...record })).Error).toBe('InvalidHostID');
    expect((await client.request({ Request: 'Unpair', ...record })).Error).toBe('InvalidHostID');
    expect((await client.request({ Request: 'StartSession', HostID: host.hostId })).Error).toBe(
      'InvalidHostID',
    );
  });

  it('forgets its pairings and its key when erased', async () => {
    device.acceptTrust();
    const client = await harness.connect();
    const before = await devicePublicKey(client);
    const host = makeHostIdentity();
    const request = pairRequest(host, deviceCertificatePem(host, before));
    expect((await client.request(request)).Error).toBeUndefined();
    device.wipe();
    await new Promise((resolve) => setTimeout(resolve, 60)); // 'fast' erase and boot
    const again = await harness.connect();
    expect((await again.request({ Request: 'StartSession', HostID: host.hostId })).Error).toBe(
      'InvalidHostID',
    );
    expect(await devicePublicKey(again)).not.toBe(before);
    // The old DeviceCertificate no longer matches (and in Setup Assistant there is no prompt to blame).
    expect((await again.request(request)).Error).toBe('InvalidPairRecord');
  });
});

describe('lockdownd and hostile hosts', () => {
  const hostile: Array<[string, Buffer]> = [
    ['a 4 GiB length', Buffer.from([0xff, 0xff, 0xff, 0xff])],
    ['a payload that is not a plist', framed(Buffer.from('GET / HTTP/1.1\r\n\r\n'))],
    [
      'a plist that is not a dictionary',
      framed(Buffer.from('<plist version="1.0"><string>Pair</string></plist>')),
    ],
    ['a truncated binary plist', framed(Buffer.from('bplist00\u00d1\u0001'))],
  ];

  it.each(hostile)('closes a connection that sends %s; other connections go on', async (_what, bytes) => {
    const bystander = await harness.connect();
    const attacker = await harness.connect();
    attacker.raw.write(bytes);
    await attacker.closed;
    expect((await bystander.request({ Request: 'QueryType' })).Type).toBe('com.apple.mobile.lockdown');
    expect((await (await harness.connect()).request({ Request: 'QueryType' })).Type).toBe(
      'com.apple.mobile.lockdown',
    );
  });

  it('answers requests it does not know with an error and keeps the connection', async () => {
    const client = await harness.connect();
    expect(await client.request({ Label: 'x' })).toEqual({ Error: 'MissingRequest' });
    expect(await client.request({ Request: 'EnterRecovery' })).toEqual({
      Request: 'EnterRecovery',
      Error: 'InvalidRequest',
    });
    expect(await client.request({ Request: 'toString' })).toEqual({
      Request: 'toString',
      Error: 'InvalidRequest',
    });
    expect((await client.request({ Request: 'QueryType' })).Type).toBe('com.apple.mobile.lockdown');
  });

  it('closes a session whose TLS handshake is garbage', async () => {
    device.acceptTrust();
    const client = await harness.connect();
    const host = await pairNewHost(client);
    await client.request({ Request: 'StartSession', HostID: host.hostId });
    client.raw.write(Buffer.from('\u0016\u0003\u0001\u0000\u0005hello, not a ClientHello'));
    await client.closed;
    expect((await (await harness.connect()).request({ Request: 'QueryType' })).Type).toBe(
      'com.apple.mobile.lockdown',
    );
  });
});

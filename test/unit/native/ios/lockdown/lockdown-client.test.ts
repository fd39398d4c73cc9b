// lockdownd requests against recorded replies over an in-memory stream pair.
import { duplexPair } from 'node:stream';
import { TLSSocket } from 'node:tls';
import { beforeAll, describe, expect, it } from 'vitest';
import { DeviceGoneError, DeviceUnreadableError } from '../../../../../native/device-errors.ts';
import { LockdownClient, LockdownError } from '../../../../../native/ios/lockdown/lockdown-client.ts';
import { createHostIdentity, type HostIdentity } from '../../../../../native/ios/pairing/host-identity.ts';
import type { PairRecord } from '../../../../../native/ios/pairing/pair-record.ts';
import type { PlistDict } from '../../../../../native/ios/wire/plist-codec.ts';
import { readPlists, writePlist } from '../fakes/fake-lockdownd.ts';

let host: HostIdentity;
let device: HostIdentity; // stands in for the device's own certificate and key
beforeAll(async () => {
  [host, device] = await Promise.all([createHostIdentity(), createHostIdentity()]);
});

function record(deviceCertificatePem = device.hostCertificatePem): PairRecord {
  return {
    hostId: host.hostId,
    systemBuid: 'BUID',
    hostCertificate: Buffer.from(host.hostCertificatePem),
    hostPrivateKey: Buffer.from(host.hostPrivateKeyPem),
    rootCertificate: Buffer.from(host.rootCertificatePem),
    rootPrivateKey: undefined,
    deviceCertificate: Buffer.from(deviceCertificatePem),
    devicePublicKey: undefined,
    escrowBag: undefined,
    wifiMacAddress: undefined,
  };
}

/** A lockdownd side answering with `answer(request)`. */
function lockdownd(answer: (request: PlistDict) => object) {
  const [client, side] = duplexPair();
  const requests: PlistDict[] = [];
  readPlists(side, (request) => {
    requests.push(request);
    writePlist(side, { Request: request.Request ?? '', ...answer(request) });
  });
  return { lockdown: new LockdownClient(client, 'UDID-1'), requests, side };
}

describe('LockdownClient', () => {
  it('labels requests, reads values, and takes MissingValue as absent', async () => {
    const { lockdown, requests } = lockdownd((request) =>
      request.Request === 'QueryType'
        ? { Type: 'com.apple.mobile.lockdown' }
        : request.Key === 'ProductVersion'
          ? { Value: '18.1' }
          : request.Request === 'SetValue'
            ? {}
            : { Error: 'MissingValue' },
    );
    expect(await lockdown.queryType()).toBe('com.apple.mobile.lockdown');
    expect(await lockdown.getValue('ProductVersion')).toBe('18.1');
    expect(await lockdown.getValue('Nope', 'com.apple.none')).toBeUndefined();
    await lockdown.setValue('DeviceName', 'Depot 1');
    expect(requests).toEqual([
      { Label: 'Depotline', Request: 'QueryType' },
      { Label: 'Depotline', Request: 'GetValue', Key: 'ProductVersion' },
      { Label: 'Depotline', Request: 'GetValue', Domain: 'com.apple.none', Key: 'Nope' },
      { Label: 'Depotline', Request: 'SetValue', Key: 'DeviceName', Value: 'Depot 1' },
    ]);
  });

  it("refusals carry lockdownd's Error; a locked phone's is transient", async () => {
    const { lockdown } = lockdownd((request) =>
      request.Request === 'StartService' ? { Error: 'PasswordProtected' } : { Error: 'GetProhibited' },
    );
    const get = lockdown.getValue('BatteryCurrentCapacity');
    await expect(get).rejects.toBeInstanceOf(LockdownError);
    await expect(get).rejects.toMatchObject({
      code: 'GetProhibited',
      transient: false,
      message: 'lockdownd refused GetValue: GetProhibited',
    });
    await expect(lockdown.startService('com.apple.afc')).rejects.toMatchObject({
      code: 'PasswordProtected',
      transient: true,
    });
  });

  it('StartService gives the port and whether the service wants SSL', async () => {
    const { lockdown, requests } = lockdownd(() => ({
      Port: 49_321,
      EnableServiceSSL: true,
      Service: 'com.apple.mobile.MCInstall',
    }));
    expect(
      await lockdown.startService('com.apple.mobile.MCInstall', { escrowBag: Buffer.from('bag') }),
    ).toEqual({
      name: 'com.apple.mobile.MCInstall',
      port: 49_321,
      ssl: true,
    });
    expect(requests[0]!.EscrowBag).toEqual(new Uint8Array(Buffer.from('bag')));
  });

  it('a reply to another request, or a port out of range, is unreadable', async () => {
    const { lockdown } = lockdownd((request) =>
      request.Request === 'QueryType' ? { Request: 'GetValue' } : { Port: 70_000 },
    );
    await expect(lockdown.queryType()).rejects.toThrow('lockdownd answered GetValue to QueryType');
    const other = lockdownd(() => ({ Port: 70_000 })).lockdown;
    await expect(other.startService('com.apple.afc')).rejects.toBeInstanceOf(DeviceUnreadableError);
  });

  it('StartSession upgrades the same stream to TLS and checks the device certificate', async () => {
    const [client, side] = duplexPair();
    const lockdown = new LockdownClient(client, 'UDID-1');
    const detach = readPlists(side, (request) => {
      writePlist(side, { Request: 'StartSession', SessionID: 'S1', EnableSessionSSL: true });
      expect(request).toMatchObject({ HostID: host.hostId, SystemBUID: 'BUID' });
      detach();
      const tls = new TLSSocket(side, {
        isServer: true,
        cert: device.hostCertificatePem,
        key: device.hostPrivateKeyPem,
        requestCert: true,
        rejectUnauthorized: false,
      });
      tls.on('secure', () => {
        // The host presented the pair record's host certificate.
        expect(tls.getPeerX509Certificate()?.toString()).toBe(host.hostCertificatePem.replace(/\r/g, ''));
      });
      readPlists(tls, (next) => writePlist(tls, { Request: next.Request ?? '', Value: 'over TLS' }));
    });
    expect(await lockdown.startSession(record())).toEqual({ sessionId: 'S1', ssl: true });
    expect(await lockdown.getValue('DeviceName')).toBe('over TLS');
    lockdown.close();
  });

  it('a device with another certificate than the paired one is refused; one that hangs up mid-handshake is gone', async () => {
    const mismatch = lockdownd(() => ({ SessionID: 'S1', EnableSessionSSL: true }));
    // The device side answers with a certificate that is not the pair record's DeviceCertificate.
    mismatch.side.removeAllListeners('data');
    readPlists(mismatch.side, () => {
      writePlist(mismatch.side, { Request: 'StartSession', SessionID: 'S1', EnableSessionSSL: true });
      mismatch.side.removeAllListeners('data');
      const tls = new TLSSocket(mismatch.side, {
        isServer: true,
        cert: host.rootCertificatePem,
        key: host.rootPrivateKeyPem,
      });
      tls.on('error', () => undefined);
    });
    await expect(mismatch.lockdown.startSession(record())).rejects.toThrow(/does not match the pair record/);

    const hangUp = lockdownd(() => ({ SessionID: 'S1', EnableSessionSSL: true }));
    hangUp.side.removeAllListeners('data');
    readPlists(hangUp.side, () => {
      writePlist(hangUp.side, { Request: 'StartSession', SessionID: 'S1', EnableSessionSSL: true });
      hangUp.side.removeAllListeners('data');
      hangUp.side.once('data', () => hangUp.side.destroy());
    });
    await expect(hangUp.lockdown.startSession(record())).rejects.toBeInstanceOf(DeviceGoneError);
  });
});

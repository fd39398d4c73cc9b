import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { LockdownClient } from '../../../../../native/ios/lockdown/lockdown-client.ts';
import { createHostIdentity, isHostIdentity } from '../../../../../native/ios/pairing/host-identity.ts';
import { pairDevice, unpair, validatePair } from '../../../../../native/ios/pairing/pair.ts';
import { pairRecordFromPlist } from '../../../../../native/ios/pairing/pair-record.ts';
import { readPairRecord } from '../../../../../native/ios/usbmux/pair-records.ts';
import { UDID, useFakePhone } from '../fakes/fake-phone.ts';

const phone = useFakePhone();

async function connect() {
  const { usbmuxd, device } = phone();
  return LockdownClient.connect({ address: usbmuxd.address, deviceId: device.deviceId, udid: UDID });
}

describe('host identity', () => {
  it('is a root CA and a host certificate it issued, shaped as libimobiledevice makes them', () => {
    const identity = phone().hostIdentity;
    expect(isHostIdentity(identity)).toBe(true);
    expect(identity.hostId).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
    const root = new X509Certificate(identity.rootCertificatePem);
    const host = new X509Certificate(identity.hostCertificatePem);
    expect(root.ca).toBe(true);
    expect(root.verify(root.publicKey)).toBe(true);
    expect(host.ca).toBe(false);
    expect(host.verify(root.publicKey)).toBe(true);
    expect(host.checkIssued(root)).toBe(true);
    expect(identity.rootPrivateKeyPem).toContain('BEGIN RSA PRIVATE KEY');
    const years = (Date.parse(host.validTo) - Date.parse(host.validFrom)) / (365.25 * 24 * 3600 * 1000);
    expect(Math.round(years)).toBe(10);
    expect(isHostIdentity({ ...identity, hostId: 'nope' })).toBe(false);
  });

  it('is different at every call', async () => {
    const other = await createHostIdentity();
    expect(other.hostId).not.toBe(phone().hostIdentity.hostId);
    expect(other.rootPrivateKeyPem).not.toBe(phone().hostIdentity.rootPrivateKeyPem);
  });
});

describe('pairing', () => {
  it('waits for Trust (pending), then pairs, saves the whole record through usbmuxd and can open a TLS session', async () => {
    const { usbmuxd, device, lockdownd, hostIdentity } = phone();
    lockdownd.pairScript = ['PairingDialogResponsePending'];
    const lockdown = await connect();
    const first = await pairDevice({
      lockdown,
      address: usbmuxd.address,
      deviceId: device.deviceId,
      hostIdentity,
    });
    expect(first).toEqual({ status: 'pending-trust', message: 'Tap Trust on the phone' });
    expect(usbmuxd.pairRecords.size).toBe(0);

    const second = await pairDevice({
      lockdown,
      address: usbmuxd.address,
      deviceId: device.deviceId,
      hostIdentity,
    });
    expect(second.status).toBe('paired');
    const pairRequest = usbmuxd.requests.find((request) => request.MessageType === 'SavePairRecord');
    expect(pairRequest).toMatchObject({ PairRecordID: UDID, DeviceID: device.deviceId });

    const stored = await readPairRecord(usbmuxd.address, UDID);
    expect(Object.keys(stored!).sort()).toEqual([
      'DeviceCertificate',
      'DevicePublicKey',
      'EscrowBag',
      'HostCertificate',
      'HostID',
      'HostPrivateKey',
      'RootCertificate',
      'RootPrivateKey',
      'SystemBUID',
      'WiFiMACAddress',
    ]);
    const record = pairRecordFromPlist(stored!, UDID);
    expect(record.hostId).toBe(hostIdentity.hostId);
    expect(record.systemBuid).toBe(usbmuxd.buid);
    expect(record.wifiMacAddress).toBe('a4:83:e7:01:02:03');
    expect(record.escrowBag?.toString()).toBe('escrow-bag');

    // What the device was shown: certificates and ids, no private key.
    const shown = lockdownd.pairedHosts.get(hostIdentity.hostId)!;
    expect(Object.keys(shown).sort()).toEqual([
      'DeviceCertificate',
      'HostCertificate',
      'HostID',
      'RootCertificate',
      'SystemBUID',
    ]);
    const deviceCertificate = new X509Certificate(record.deviceCertificate);
    expect(deviceCertificate.verify(new X509Certificate(hostIdentity.rootCertificatePem).publicKey)).toBe(
      true,
    );
    expect(deviceCertificate.ca).toBe(false);
    const extensions = forge.pki.certificateFromPem(record.deviceCertificate.toString()).extensions;
    expect(extensions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'basicConstraints', critical: true, cA: false }),
        expect.objectContaining({
          name: 'keyUsage',
          critical: true,
          digitalSignature: true,
          keyEncipherment: true,
        }),
        expect.objectContaining({ name: 'subjectKeyIdentifier' }),
      ]),
    );
    expect(deviceCertificate.publicKey.export({ type: 'pkcs1', format: 'pem' })).toBe(
      lockdownd.keys.publicKeyPem,
    );

    expect(await validatePair(lockdown, record)).toBe(true);
    const session = await lockdown.startSession(record);
    expect(session).toEqual({ sessionId: 'F00D-SESSION', ssl: true });
    expect(lockdown.inSecureSession).toBe(true);
    expect(await lockdown.getValue('DeviceName')).toBe('Depot iPhone');
    lockdown.close();
  });

  it('reports Don’t Trust and a locked phone in words the bench can show', async () => {
    const { usbmuxd, device, lockdownd, hostIdentity } = phone();
    lockdownd.pairScript = ['UserDeniedPairing', 'PasswordProtected'];
    const lockdown = await connect();
    const context = { lockdown, address: usbmuxd.address, deviceId: device.deviceId, hostIdentity };
    expect((await pairDevice(context)).status).toBe('denied');
    expect(await pairDevice(context)).toEqual({
      status: 'passcode-required',
      message: 'Unlock the phone, then tap Trust',
    });
    lockdown.close();
  });

  it('unpairs: the device forgets the host and usbmuxd drops the record', async () => {
    const { usbmuxd, device, lockdownd, hostIdentity } = phone();
    const lockdown = await connect();
    const outcome = await pairDevice({
      lockdown,
      address: usbmuxd.address,
      deviceId: device.deviceId,
      hostIdentity,
    });
    if (outcome.status !== 'paired') throw new Error('not paired');
    await unpair(lockdown, outcome.pairRecord, usbmuxd.address);
    expect(lockdownd.pairedHosts.size).toBe(0);
    expect(await readPairRecord(usbmuxd.address, UDID)).toBeUndefined();
    expect(await validatePair(lockdown, outcome.pairRecord)).toBe(false);
    lockdown.close();
  });
});

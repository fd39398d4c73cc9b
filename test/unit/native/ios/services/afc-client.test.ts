import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { duplexPair, type Duplex } from 'node:stream';
import { connect as tlsConnect, TLSSocket } from 'node:tls';
import { beforeAll, describe, expect, it } from 'vitest';
import { DeviceGoneError, DeviceUnreadableError } from '../../../../../native/device-errors.ts';
import { createHostIdentity, type HostIdentity } from '../../../../../native/ios/pairing/host-identity.ts';
import { AfcClient, AfcError } from '../../../../../native/ios/services/afc/afc-client.ts';
import { useTempDirs } from '../../../../helpers/temp-dir.ts';
import { FakeAfc } from './fake-afc.ts';

const tempDir = useTempDirs();
let identity: HostIdentity;
beforeAll(async () => {
  identity = await createHostIdentity();
});

function afcPair(fake = new FakeAfc()) {
  const [client, device] = duplexPair();
  fake.serve(device);
  return { afc: new AfcClient(client, 'UDID-1'), fake };
}

function ipa(bytes: number): { path: string; content: Buffer } {
  const content = randomBytes(bytes);
  const path = join(tempDir(), 'App.ipa');
  writeFileSync(path, content);
  return { path, content };
}

describe('AFC client', () => {
  it('uploads a file in chunks to PublicStaging, reporting progress after each', async () => {
    const { afc, fake } = afcPair();
    const file = ipa(2_500_000);
    await afc.makeDirectory('/PublicStaging');
    await afc.makeDirectory('/PublicStaging'); // already there: fine
    const progress: number[] = [];
    await afc.upload(file.path, '/PublicStaging/app.ipa', {
      onProgress: (written) => progress.push(written),
    });
    expect(fake.files.get('/PublicStaging/app.ipa')!.equals(file.content)).toBe(true);
    expect(progress).toEqual([1_048_576, 2_097_152, 2_500_000]);
    expect(await afc.fileInfo('/PublicStaging/app.ipa')).toEqual({ st_size: '2500000', st_ifmt: 'S_IFREG' });
    expect(await afc.fileInfo('/PublicStaging/none.ipa')).toBeUndefined();
    await afc.remove('/PublicStaging/app.ipa');
    await afc.remove('/PublicStaging/app.ipa'); // already gone: fine
    expect(fake.files.has('/PublicStaging/app.ipa')).toBe(false);
    afc.close();
  });

  it('an AFC status is a refusal in words (no space left)', async () => {
    const fake = new FakeAfc();
    fake.failWritesWith = 18;
    const { afc } = afcPair(fake);
    const upload = afc.upload(ipa(10).path, '/app.ipa');
    await expect(upload).rejects.toBeInstanceOf(AfcError);
    await expect(upload).rejects.toThrow('AFC FileRefWrite /app.ipa: no space left on the device');
    await expect(afc.upload(ipa(10).path, '/Missing/app.ipa')).rejects.toThrow(/FileRefOpen .*no such file/);
  });

  it('a connection dropped mid-upload is DeviceGoneError saying how far it got', async () => {
    const fake = new FakeAfc();
    fake.dropAfterBytes = 2_000_000;
    const { afc } = afcPair(fake);
    const upload = afc.upload(ipa(3_000_000).path, '/app.ipa');
    await expect(upload).rejects.toBeInstanceOf(DeviceGoneError);
    await expect(upload).rejects.toThrow(
      'UDID-1 is not connected: the upload to /app.ipa stopped after 1048576 of 3000000 bytes (com.apple.afc closed the connection)',
    );
  });

  it('a device that drops the TLS session mid-upload is DeviceGoneError too', async () => {
    const [clientRaw, deviceRaw] = duplexPair();
    const server = new TLSSocket(deviceRaw, {
      isServer: true,
      cert: identity.hostCertificatePem,
      key: identity.hostPrivateKeyPem,
    });
    server.on('error', () => undefined);
    let received = 0;
    server.on('data', (chunk: Buffer) => {
      received += chunk.length;
      // Cut the transport under TLS, as an unplugged cable or a crashing service would.
      if (received > 1_500_000) deviceRaw.destroy();
    });
    const client: Duplex = await new Promise((resolve) => {
      const socket = tlsConnect({ socket: clientRaw, rejectUnauthorized: false }, () => resolve(socket));
    });
    const fake = new FakeAfc();
    const afc = new AfcClient(client, 'UDID-1');
    // The fake answers opens so the upload reaches the writes.
    const [inner, innerDevice] = duplexPair();
    fake.serve(innerDevice);
    server.on('data', (chunk: Buffer) => inner.write(chunk));
    inner.on('data', (chunk: Buffer) => server.write(chunk));
    const upload = afc.upload(ipa(4_000_000).path, '/app.ipa');
    await expect(upload).rejects.toBeInstanceOf(DeviceGoneError);
    await expect(upload).rejects.toThrow(/stopped after \d+ of 4000000 bytes/);
  });

  it('a reply without the AFC magic is unreadable', async () => {
    const [client, device] = duplexPair();
    device.on('data', () => device.write(Buffer.alloc(40, 0x41)));
    const afc = new AfcClient(client, 'UDID-1');
    await expect(afc.makeDirectory('/PublicStaging')).rejects.toBeInstanceOf(DeviceUnreadableError);
    await expect(afc.makeDirectory('/PublicStaging')).rejects.toThrow(/CFA6LPAA/);
  });
});

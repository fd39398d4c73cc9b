// Opening a service lockdownd started: a new usbmuxd tunnel to the port it named, wrapped in
// TLS right away when StartService said EnableServiceSSL (same host identity as the session).
import type { Duplex } from 'node:stream';
import { connectToDevice } from '../usbmux/connect.ts';
import type { PairRecord } from '../pairing/pair-record.ts';
import type { LockdownTarget, ServiceDescriptor } from './lockdown-client.ts';
import { startTls } from './tls.ts';

export async function openServiceStream(
  target: LockdownTarget,
  service: ServiceDescriptor,
  pairRecord: PairRecord,
): Promise<Duplex> {
  const tunnel = await connectToDevice(target.address, { ...target, port: service.port });
  if (!service.ssl) return tunnel;
  return startTls(
    tunnel,
    {
      hostCertificate: pairRecord.hostCertificate,
      hostPrivateKey: pairRecord.hostPrivateKey,
      deviceCertificate: pairRecord.deviceCertificate,
    },
    { device: target.udid, peer: service.name },
  );
}

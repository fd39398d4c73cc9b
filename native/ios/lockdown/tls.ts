// TLS as lockdownd wants it: Depotline is the TLS client, on a socket that was plaintext a
// moment ago (StartSession) or is a fresh service tunnel (EnableServiceSSL). The client
// identity is the pair record's host certificate and key. The device's certificate is one
// our own root signed at pairing, so no CA store can vouch for it: the chain check is off
// and the certificate is compared with the pair record's DeviceCertificate instead (by public
// key, the part the device's private key proves).
import { X509Certificate } from 'node:crypto';
import { Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { connect, type TLSSocket } from 'node:tls';
import { DeviceCommandError, DeviceGoneError } from '../../device-errors.ts';

export interface TlsCredentials {
  hostCertificate: Buffer;
  hostPrivateKey: Buffer;
  /** The pair record's DeviceCertificate; undefined skips the check (tests of the handshake alone). */
  deviceCertificate: Buffer | undefined;
}

export const TLS_HANDSHAKE_TIMEOUT_MS = 15_000;

/** The device presented a certificate that is not the one it was paired with. */
export class DeviceCertificateMismatchError extends DeviceCommandError {
  constructor(peer: string) {
    super(`${peer} presented a certificate that does not match the pair record (re-pair the device)`);
    this.name = 'DeviceCertificateMismatchError';
  }
}

export function startTls(
  raw: Duplex,
  credentials: TlsCredentials,
  context: { device: string; peer: string; timeoutMs?: number },
): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect({
      socket: carrier(raw),
      cert: credentials.hostCertificate,
      key: credentials.hostPrivateKey,
      rejectUnauthorized: false,
      // No SNI: the device has no name to be reached by.
      servername: '',
      // The device picks TLS 1.2 or 1.3; older iOS offers only RSA key exchange ciphers.
      minVersion: 'TLSv1.2',
      ciphers: 'DEFAULT:@SECLEVEL=1',
    });
    const timer = setTimeout(
      () =>
        fail(
          new DeviceCommandError(`${context.peer} did not complete the TLS handshake`, { transient: true }),
        ),
      context.timeoutMs ?? TLS_HANDSHAKE_TIMEOUT_MS,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      socket.off('secureConnect', onSecure);
      socket.destroy();
      raw.destroy();
      reject(error);
    };
    const onError = (error: NodeJS.ErrnoException) => {
      // Closed mid-handshake: the device went away (or dropped a host it no longer trusts).
      if (
        error.code === 'ECONNRESET' ||
        error.code === 'EPIPE' ||
        /socket disconnected|ended/i.test(error.message)
      )
        fail(
          new DeviceGoneError(
            context.device,
            `${context.peer} closed the connection during the TLS handshake`,
          ),
        );
      else fail(new DeviceCommandError(`${context.peer} TLS handshake failed: ${error.message}`));
    };
    const onClose = () =>
      fail(
        new DeviceGoneError(context.device, `${context.peer} closed the connection during the TLS handshake`),
      );
    const onSecure = () => {
      clearTimeout(timer);
      socket.off('error', onError);
      socket.off('close', onClose);
      if (
        credentials.deviceCertificate &&
        !presentsPairedCertificate(socket, credentials.deviceCertificate)
      ) {
        fail(new DeviceCertificateMismatchError(context.peer));
        return;
      }
      resolve(socket);
    };
    socket.once('secureConnect', onSecure);
    socket.once('error', onError);
    socket.once('close', onClose);
  });
}

function presentsPairedCertificate(socket: TLSSocket, deviceCertificatePem: Buffer): boolean {
  const presented = socket.getPeerX509Certificate();
  if (!presented) return false;
  let expected: X509Certificate;
  try {
    expected = new X509Certificate(deviceCertificatePem);
  } catch {
    return false;
  }
  if (presented.raw.equals(expected.raw)) return true;
  const der = (certificate: X509Certificate) => certificate.publicKey.export({ type: 'spki', format: 'der' });
  return der(presented).equals(der(expected));
}

/**
 * The stream TLS runs on. A usbmuxd tunnel is a net.Socket, whose handle TLS takes over.
 * Node's TLS over any other stream (tests' in-memory pairs, a proxy) stalls when that stream
 * was read in flowing mode before (the StartSession reply was): such a stream gets a fresh
 * Duplex in front of it that has never flowed.
 */
function carrier(raw: Duplex): Duplex {
  if (raw instanceof Socket) return raw;
  const front: Duplex = new Duplex({
    read: () => void raw.resume(),
    write: (chunk: Buffer, _encoding, done) => void raw.write(chunk, (error) => done(error ?? null)),
    final: (done) => void raw.end(() => done()),
    destroy: (error, done) => {
      raw.destroy(error ?? undefined);
      done(error);
    },
  });
  raw.on('data', (chunk: Buffer) => {
    if (!front.push(chunk)) raw.pause();
  });
  raw.on('end', () => front.push(null));
  raw.on('error', (error) => front.destroy(error));
  raw.on('close', () => front.destroy());
  return front;
}

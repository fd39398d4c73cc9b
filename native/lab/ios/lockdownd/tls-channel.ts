// Server-side TLS over a stream the lab keeps reading itself. lockdownd switches a plain
// connection to TLS after StartSession and back to plain after StopSession (the host sends
// its close_notify and carries on in clear text), so TLS cannot own the socket: raw bytes
// are fed in by the caller, and encrypted output stops the moment the caller detaches.
import { Duplex } from 'node:stream';
import { createSecureContext, TLSSocket, type SecureContext } from 'node:tls';

export class ServerTlsChannel {
  /** The decrypted side: read requests from it, write replies to it. */
  readonly secure: TLSSocket;
  readonly #raw: Duplex;
  readonly #inner: Duplex;
  #detached = false;

  /** `endRawOnFinish`: when the decrypted side ends, end the raw stream too (services). */
  constructor(raw: Duplex, context: SecureContext, options: { endRawOnFinish: boolean }) {
    this.#raw = raw;
    this.#inner = new Duplex({
      // TLS wants more: let the raw stream flow again if feed() paused it.
      read: () => {
        if (!this.#detached) raw.resume();
      },
      write: (chunk: Buffer, _encoding, callback) => {
        if (this.#detached || raw.destroyed || !raw.writable) {
          callback();
          return;
        }
        raw.write(chunk, () => callback());
      },
      final: (callback) => {
        if (options.endRawOnFinish && !this.#detached && !raw.destroyed) raw.end();
        callback();
      },
    });
    this.secure = new TLSSocket(this.#inner, { isServer: true, secureContext: context, requestCert: false });
  }

  /** Raw bytes from the host, in order. Pauses the raw stream while TLS has not read them. */
  feed(chunk: Buffer): void {
    if (this.#detached || chunk.length === 0) return;
    if (!this.#inner.push(chunk)) this.#raw.pause();
  }

  /** The host closed its side. */
  end(): void {
    if (!this.#detached) this.#inner.push(null);
  }

  /** Stops TLS without a word on the wire: nothing more is written to the raw stream. */
  detach(): void {
    this.#detached = true;
    this.secure.destroy();
    this.#inner.destroy();
    // feed() may have paused the raw stream for TLS; whoever reads it next needs it flowing.
    this.#raw.resume();
  }
}

/** Wraps a freshly connected stream (a started service's) in TLS until either side closes. */
export function wrapInTls(raw: Duplex, context: SecureContext, leftover?: Buffer): TLSSocket {
  const channel = new ServerTlsChannel(raw, context, { endRawOnFinish: true });
  if (leftover !== undefined) channel.feed(leftover);
  raw.on('data', (chunk: Buffer) => channel.feed(chunk));
  raw.on('end', () => channel.end());
  raw.on('close', () => channel.secure.destroy());
  channel.secure.on('error', () => raw.destroy());
  return channel.secure;
}

export interface TlsIdentity {
  /** PKCS#8 or PKCS#1 PEM. */
  privateKeyPem: string;
  certificatePem: string;
}

/**
 * The device presents the DeviceCertificate the host made for it. Hosts sign those with
 * SHA-1 (libimobiledevice does), which OpenSSL's default security level refuses to load;
 * real iPhones accept them, so the lab lowers the level for its own certificate only.
 */
export function deviceSecureContext(identity: TlsIdentity): SecureContext {
  return createSecureContext({
    key: identity.privateKeyPem,
    cert: identity.certificatePem,
    ciphers: 'DEFAULT:@SECLEVEL=0',
  });
}

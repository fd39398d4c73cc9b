// The device's own RSA key: lockdownd hands its public half out as DevicePublicKey, hosts
// put it in the DeviceCertificate they sign, and the device serves TLS with the private half.
// Keys are generated, not derived from the seed: OpenSSL makes one in ~50 ms on a worker
// thread (node-forge needs ~1 s on the event loop, and a seeded generator would need forge).
// A device makes its key the first time someone asks and a new one when it is erased, as a
// real iPhone does, so host pair records from before an erase stop working.
import { generateKeyPair, type KeyObject } from 'node:crypto';

export interface DeviceKeyPair {
  /** PKCS#8 PEM, for node:tls. */
  privateKeyPem: string;
  /** PKCS#1 PEM ("BEGIN RSA PUBLIC KEY"): what libimobiledevice's PEM_read_bio_RSAPublicKey reads. */
  publicKeyPkcs1Pem: string;
  publicKey: KeyObject;
}

export function generateDeviceKeys(): Promise<DeviceKeyPair> {
  return new Promise((resolve, reject) => {
    generateKeyPair(
      'rsa',
      { modulusLength: 2048, publicExponent: 0x10001 },
      (error, publicKey, privateKey) => {
        if (error) {
          reject(error);
          return;
        }
        resolve({
          privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
          publicKeyPkcs1Pem: publicKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
          publicKey,
        });
      },
    );
  });
}

/** Generates on first use and remembers; `reset` forgets (the next use makes a new key). */
export class LazyDeviceKeys {
  #keys: Promise<DeviceKeyPair> | undefined;

  get(): Promise<DeviceKeyPair> {
    if (this.#keys === undefined) {
      const pending = generateDeviceKeys();
      // A failed generation is not cached: the next request tries again.
      pending.catch(() => {
        if (this.#keys === pending) this.#keys = undefined;
      });
      this.#keys = pending;
    }
    return this.#keys;
  }

  reset(): void {
    this.#keys = undefined;
  }
}

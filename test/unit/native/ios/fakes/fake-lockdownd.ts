// A fake lockdownd for the driver's tests: QueryType, GetValue/SetValue, Pair (scripted
// refusals first), StartSession with TLS on the same socket (presenting the paired
// DeviceCertificate with the device's own key, as a phone does), StartService.
import { generateKeyPairSync } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { TLSSocket } from 'node:tls';
import {
  decodeLockdownFrame,
  encodeLockdownMessage,
  lockdownFrameReader,
} from '../../../../../native/ios/wire/lockdown-frame.ts';
import { isPlistDict, type PlistDict } from '../../../../../native/ios/wire/plist-codec.ts';
import { LOCKDOWN_PORT } from '../../../../../native/ios/wire/usbmux-frame.ts';
import type { FakeDevice } from './fake-usbmuxd.ts';

export interface FakeService {
  ssl: boolean;
  serve(stream: Duplex): void;
}

/** Reads plist frames from a stream and hands each to `onRequest`; returns a detach function. */
export function readPlists(stream: Duplex, onRequest: (request: PlistDict) => void): () => void {
  const reader = lockdownFrameReader();
  const onData = (chunk: Buffer) => {
    for (const frame of reader.push(chunk)) onRequest(decodeLockdownFrame(frame).body);
  };
  stream.on('data', onData);
  stream.on('error', () => undefined);
  return () => stream.off('data', onData);
}

export function writePlist(stream: Duplex, body: PlistDict): void {
  stream.write(encodeLockdownMessage(body));
}

/** A device key pair; the public half as lockdownd gives it (PKCS#1 PEM). */
export function deviceKeys(): { publicKeyPem: string; privateKeyPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'pkcs1', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  return { publicKeyPem: publicKey, privateKeyPem: privateKey };
}

export class FakeLockdownd {
  readonly device: FakeDevice;
  readonly keys: { publicKeyPem: string; privateKeyPem: string };
  values: PlistDict;
  domains: Record<string, PlistDict> = {};
  /** Errors Pair answers, one per attempt, before it succeeds. */
  pairScript: string[] = [];
  readonly pairedHosts = new Map<string, PlistDict>();
  readonly services = new Map<string, FakeService>();
  readonly requests: string[] = [];
  /** The services StartService started, in order. */
  readonly started: string[] = [];
  /** Replaces the certificate the TLS session presents (a device that is not the paired one). */
  sessionCertificate: { cert: string; key: string } | undefined;
  #nextPort = 49_200;

  constructor(device: FakeDevice, keys: { publicKeyPem: string; privateKeyPem: string }, values: PlistDict) {
    this.device = device;
    this.keys = keys;
    this.values = values;
    device.ports.set(LOCKDOWN_PORT, (stream) => this.serve(stream));
  }

  serve(stream: Duplex): void {
    let detach = readPlists(stream, (request) => handle(request));
    let current: Duplex = stream;
    const reply = (request: PlistDict, body: PlistDict) =>
      writePlist(current, { Request: request.Request ?? '', ...body });
    const handle = (request: PlistDict) => {
      const name = typeof request.Request === 'string' ? request.Request : '';
      this.requests.push(name);
      switch (name) {
        case 'QueryType':
          return reply(request, { Type: 'com.apple.mobile.lockdown' });
        case 'GetValue': {
          const source = typeof request.Domain === 'string' ? this.domains[request.Domain] : this.values;
          if (source === undefined) return reply(request, { Error: 'MissingValue' });
          if (typeof request.Key !== 'string') return reply(request, { Value: source });
          const value =
            request.Key === 'DevicePublicKey' && request.Domain === undefined
              ? Buffer.from(this.keys.publicKeyPem)
              : source[request.Key];
          return reply(request, value === undefined ? { Error: 'MissingValue' } : { Value: value });
        }
        case 'SetValue':
          if (typeof request.Key !== 'string' || request.Value === undefined)
            return reply(request, { Error: 'MissingValue' });
          this.values[request.Key] = request.Value;
          return reply(request, {});
        case 'Pair': {
          const refusal = this.pairScript.shift();
          if (refusal) return reply(request, { Error: refusal });
          const record = request.PairRecord;
          if (!isPlistDict(record) || typeof record.HostID !== 'string')
            return reply(request, { Error: 'InvalidPairRecord' });
          this.pairedHosts.set(record.HostID, record);
          return reply(request, { EscrowBag: Buffer.from('escrow-bag') });
        }
        case 'ValidatePair': {
          const record = request.PairRecord;
          const known =
            isPlistDict(record) && typeof record.HostID === 'string' && this.pairedHosts.has(record.HostID);
          return reply(request, known ? {} : { Error: 'InvalidHostID' });
        }
        case 'Unpair': {
          const record = request.PairRecord;
          if (isPlistDict(record) && typeof record.HostID === 'string')
            this.pairedHosts.delete(record.HostID);
          return reply(request, {});
        }
        case 'StartSession': {
          const record = this.pairedHosts.get(typeof request.HostID === 'string' ? request.HostID : '');
          if (!record) return reply(request, { Error: 'InvalidHostID' });
          reply(request, { SessionID: 'F00D-SESSION', EnableSessionSSL: true });
          detach();
          const tls = this.#serverTls(stream, record);
          current = tls;
          detach = readPlists(tls, (next) => handle(next));
          return;
        }
        case 'StopSession':
          return reply(request, {});
        case 'StartService': {
          const serviceName = typeof request.Service === 'string' ? request.Service : '';
          const service = this.services.get(serviceName);
          if (!service) return reply(request, { Error: 'InvalidService' });
          this.started.push(serviceName);
          const port = this.#nextPort++;
          const record = [...this.pairedHosts.values()][0]!;
          this.device.ports.set(port, (raw) =>
            service.serve(service.ssl ? this.#serverTls(raw, record) : raw),
          );
          return reply(request, {
            Service: serviceName,
            Port: port,
            EnableServiceSSL: service.ssl,
          });
        }
        default:
          return reply(request, { Error: 'InvalidRequest' });
      }
    };
  }

  #serverTls(raw: Duplex, record: PlistDict): TLSSocket {
    const certificate = Buffer.from(record.DeviceCertificate as Uint8Array).toString('utf8');
    const tls = new TLSSocket(raw, {
      isServer: true,
      cert: this.sessionCertificate?.cert ?? certificate,
      key: this.sessionCertificate?.key ?? this.keys.privateKeyPem,
      requestCert: true,
      rejectUnauthorized: false,
    });
    tls.on('error', () => undefined);
    return tls;
  }
}

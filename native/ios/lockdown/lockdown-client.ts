// A lockdownd client over one usbmuxd tunnel to port 62078. Requests go strictly one at a
// time (PlistChannel's queue). Every request is { Label, Request, …fields }; every reply
// echoes Request and carries Error when lockdownd refuses.
//   QueryType                          ← { Type: 'com.apple.mobile.lockdown' }
//   GetValue { Domain?, Key? }         ← { Value }
//   SetValue { Domain?, Key, Value }
//   StartSession { HostID, SystemBUID } ← { SessionID, EnableSessionSSL } → TLS on this socket
//   StopSession { SessionID }
//   StartService { Service, EscrowBag? } ← { Port, EnableServiceSSL }
//   Pair / ValidatePair / Unpair { PairRecord, ProtocolVersion: '2', … }  (pairing/)
import type { Duplex } from 'node:stream';
import { DeviceCommandError, DeviceUnreadableError } from '../../device-errors.ts';
import { PlistChannel, plistText } from '../transport/plist-channel.ts';
import type { PlistDict, PlistValue } from '../wire/plist-codec.ts';
import { LOCKDOWN_PORT } from '../wire/usbmux-frame.ts';
import { connectToDevice } from '../usbmux/connect.ts';
import type { UsbmuxAddress } from '../usbmux/usbmux-address.ts';
import type { PairRecord } from '../pairing/pair-record.ts';
import { startTls } from './tls.ts';

export const LOCKDOWN_LABEL = 'Depotline';
export const LOCKDOWN_TYPE = 'com.apple.mobile.lockdown';
const PEER = 'lockdownd';

/** lockdownd's refusals that clear up on their own (the user unlocks the phone, taps Trust). */
const TRANSIENT_ERRORS = new Set(['PasswordProtected', 'PairingDialogResponsePending', 'DeviceLocked']);

/** lockdownd refused a request; `code` is its Error string (InvalidHostID, GetProhibited, …). */
export class LockdownError extends DeviceCommandError {
  readonly code: string;
  readonly request: string;
  constructor(request: string, code: string, description?: string) {
    super(`lockdownd refused ${request}: ${code}${description ? ` (${description})` : ''}`, {
      transient: TRANSIENT_ERRORS.has(code),
    });
    this.name = 'LockdownError';
    this.code = code;
    this.request = request;
  }
}

export interface ServiceDescriptor {
  name: string;
  port: number;
  ssl: boolean;
}

export interface LockdownTarget {
  address: UsbmuxAddress;
  deviceId: number;
  udid: string;
}

export class LockdownClient {
  readonly udid: string;
  readonly channel: PlistChannel;
  #sessionId: string | undefined;
  #sessionSsl = false;

  /** Opens a tunnel to lockdownd and checks it is lockdownd (not a device in recovery). */
  static async connect(target: LockdownTarget): Promise<LockdownClient> {
    const tunnel = await connectToDevice(target.address, { ...target, port: LOCKDOWN_PORT });
    const client = new LockdownClient(tunnel, target.udid);
    try {
      const type = await client.queryType();
      if (type !== LOCKDOWN_TYPE)
        throw new DeviceCommandError(`port ${LOCKDOWN_PORT} answered as ${type}, not lockdownd`);
    } catch (error) {
      client.close();
      throw error;
    }
    return client;
  }

  constructor(stream: Duplex, udid: string) {
    this.udid = udid;
    this.channel = new PlistChannel(stream, { device: udid, peer: PEER });
  }

  get sessionId(): string | undefined {
    return this.#sessionId;
  }

  get inSecureSession(): boolean {
    return this.#sessionSsl;
  }

  /** Sends a request; a reply with Error (or Result Failure) is thrown as LockdownError. */
  async request(request: string, fields: PlistDict = {}, timeoutMs?: number): Promise<PlistDict> {
    const reply = await this.channel.request(
      { Label: LOCKDOWN_LABEL, Request: request, ...fields },
      timeoutMs,
    );
    if (typeof reply.Error === 'string')
      throw new LockdownError(
        request,
        reply.Error,
        typeof reply.ErrorDescription === 'string' ? reply.ErrorDescription : undefined,
      );
    if (reply.Result === 'Failure') throw new LockdownError(request, 'Failure');
    if (reply.Request !== undefined && reply.Request !== request)
      throw new DeviceUnreadableError(`lockdownd answered ${plistText(reply.Request)} to ${request}`);
    return reply;
  }

  async queryType(): Promise<string> {
    const reply = await this.request('QueryType');
    if (typeof reply.Type !== 'string')
      throw new DeviceUnreadableError('lockdownd answered QueryType without Type');
    return reply.Type;
  }

  /** One value, a whole domain (no key), or everything (neither). Undefined when lockdownd has no such value. */
  async getValue(key?: string, domain?: string): Promise<PlistValue | undefined> {
    const fields: PlistDict = {};
    if (domain !== undefined) fields.Domain = domain;
    if (key !== undefined) fields.Key = key;
    try {
      return (await this.request('GetValue', fields)).Value;
    } catch (error) {
      if (error instanceof LockdownError && error.code === 'MissingValue') return undefined;
      throw error;
    }
  }

  async setValue(key: string, value: PlistValue, domain?: string): Promise<void> {
    const fields: PlistDict = { Key: key, Value: value };
    if (domain !== undefined) fields.Domain = domain;
    await this.request('SetValue', fields);
  }

  /**
   * Opens a session as the paired host; when the device asks for SSL the socket becomes TLS
   * with the host certificate, and the device must present the paired DeviceCertificate.
   */
  async startSession(pairRecord: PairRecord): Promise<{ sessionId: string; ssl: boolean }> {
    const reply = await this.request('StartSession', {
      HostID: pairRecord.hostId,
      SystemBUID: pairRecord.systemBuid,
    });
    if (typeof reply.SessionID !== 'string')
      throw new DeviceUnreadableError('lockdownd answered StartSession without SessionID');
    this.#sessionId = reply.SessionID;
    const ssl = reply.EnableSessionSSL === true;
    if (ssl) {
      await this.channel.upgrade((raw) =>
        startTls(
          raw,
          {
            hostCertificate: pairRecord.hostCertificate,
            hostPrivateKey: pairRecord.hostPrivateKey,
            deviceCertificate: pairRecord.deviceCertificate,
          },
          { device: this.udid, peer: PEER },
        ),
      );
      this.#sessionSsl = true;
    }
    return { sessionId: reply.SessionID, ssl };
  }

  /**
   * Ends the session. lockdownd then leaves TLS and speaks plaintext on the same socket; this
   * client does not follow it back, so after StopSession it is closed (open a new one to go on).
   */
  async stopSession(): Promise<void> {
    const sessionId = this.#sessionId;
    if (sessionId === undefined) return;
    this.#sessionId = undefined;
    try {
      await this.request('StopSession', { SessionID: sessionId }, 5_000);
    } finally {
      if (this.#sessionSsl) this.close();
    }
  }

  async startService(name: string, options: { escrowBag?: Buffer } = {}): Promise<ServiceDescriptor> {
    const fields: PlistDict = { Service: name };
    if (options.escrowBag) fields.EscrowBag = options.escrowBag;
    const reply = await this.request('StartService', fields);
    if (typeof reply.Port !== 'number' || reply.Port <= 0 || reply.Port > 65_535)
      throw new DeviceUnreadableError(`lockdownd started ${name} without a usable Port`);
    return { name, port: reply.Port, ssl: reply.EnableServiceSSL === true };
  }

  /** Ends the session (best effort) and closes the tunnel. */
  async goodbye(): Promise<void> {
    if (this.#sessionId !== undefined && !this.channel.frames.failure) {
      await this.stopSession().catch(() => undefined);
    }
    this.close();
  }

  close(): void {
    this.channel.close();
  }
}

// lockdownd's requests, one function each, as a real iPhone answers them: a reply echoes
// Request (libimobiledevice checks it), success carries no Error, failure carries lockdownd's
// own Error string (libimobiledevice maps those to its error codes, e.g. -19 for
// PairingDialogResponsePending). The connection (lockdown-connection.ts) does the framing,
// TLS and ordering; these functions only decide what to answer.
import { randomUUID } from 'node:crypto';
import type { SecureContext } from 'node:tls';
import type { PlistDict } from '../../../ios/wire/plist-codec.ts';
import type { LockdownDevice, Pairing } from './lockdown-device.ts';
import { lookupValue } from './lockdown-values.ts';
import { PairRecordError, readPairRecordShape, verifyPairRecord } from './pairing.ts';

export interface LockdownSession {
  /** Set from StartSession until StopSession (or the connection ends). */
  id: string | undefined;
  pairing: Pairing | undefined;
}

/** What the connection does after sending the reply. */
export type Followup =
  { kind: 'none' } | { kind: 'start-tls'; context: SecureContext } | { kind: 'stop-tls' } | { kind: 'close' };

export interface LockdownOutcome {
  reply: PlistDict;
  followup: Followup;
}

type Handler = (
  device: LockdownDevice,
  session: LockdownSession,
  request: PlistDict,
) => LockdownOutcome | Promise<LockdownOutcome>;

const NONE: Followup = { kind: 'none' };

function ok(request: string, extra: PlistDict = {}, followup: Followup = NONE): LockdownOutcome {
  return { reply: { Request: request, ...extra }, followup };
}

function fail(request: string, error: string, extra: PlistDict = {}): LockdownOutcome {
  return { reply: { Request: request, Error: error, ...extra }, followup: NONE };
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

const HANDLERS: Record<string, Handler> = {
  QueryType: () => ok('QueryType', { Type: 'com.apple.mobile.lockdown' }),

  GetValue: async (device, session, request) => {
    const domain = optionalString(request.Domain);
    const key = optionalString(request.Key);
    const echo: PlistDict = {
      ...(domain === undefined ? {} : { Domain: domain }),
      ...(key === undefined ? {} : { Key: key }),
    };
    const result = lookupValue(await device.facts(), domain, key, session.id !== undefined);
    return 'error' in result
      ? fail('GetValue', result.error, echo)
      : ok('GetValue', { ...echo, Value: result.value });
  },

  SetValue: (device, session, request) => {
    if (session.id === undefined) return fail('SetValue', 'SessionInactive');
    const domain = optionalString(request.Domain);
    const key = optionalString(request.Key);
    const echo: PlistDict = {
      ...(domain === undefined ? {} : { Domain: domain }),
      ...(key === undefined ? {} : { Key: key }),
    };
    if (request.Value === undefined) return fail('SetValue', 'MissingValue', echo);
    const result = device.setValue(domain, key, request.Value);
    return result === 'ok' ? ok('SetValue', echo) : fail('SetValue', result, echo);
  },

  RemoveValue: (_device, session) =>
    fail('RemoveValue', session.id === undefined ? 'SessionInactive' : 'RemoveProhibited'),

  Pair: async (device, _session, request) => {
    await device.wait('pair');
    const keys = await device.keys();
    let record;
    try {
      record = verifyPairRecord(request, keys.publicKey);
    } catch (error) {
      if (!(error instanceof PairRecordError)) throw error;
      device.record('lockdownd', `Pair refused: ${error.lockdownError}: ${error.message}`);
      return fail('Pair', error.lockdownError);
    }
    const decision = device.pair(record);
    if ('refused' in decision) return fail('Pair', decision.refused);
    return ok('Pair', { EscrowBag: decision.pairing.escrowBag });
  },

  ValidatePair: (device, _session, request) => {
    const hostId = pairRecordHostId(request);
    if (typeof hostId !== 'string') return fail('ValidatePair', hostId.error);
    return device.pairing(hostId) === undefined ? fail('ValidatePair', 'InvalidHostID') : ok('ValidatePair');
  },

  Unpair: (device, session, request) => {
    const hostId = pairRecordHostId(request);
    if (typeof hostId !== 'string') return fail('Unpair', hostId.error);
    if (!device.unpair(hostId)) return fail('Unpair', 'InvalidHostID');
    if (session.pairing?.hostId === hostId) session.pairing = undefined;
    return ok('Unpair');
  },

  StartSession: async (device, session, request) => {
    const hostId = optionalString(request.HostID);
    if (hostId === undefined || hostId === '') return fail('StartSession', 'MissingHostID');
    if (session.id !== undefined) return fail('StartSession', 'SessionActive');
    const pairing = device.pairing(hostId);
    if (pairing === undefined) return fail('StartSession', 'InvalidHostID');
    const context = await device.secureContext(pairing);
    session.id = randomUUID().toUpperCase();
    session.pairing = pairing;
    return ok(
      'StartSession',
      { SessionID: session.id, EnableSessionSSL: true },
      { kind: 'start-tls', context },
    );
  },

  StopSession: (_device, session, request) => {
    if (session.id === undefined) return fail('StopSession', 'SessionInactive');
    const id = optionalString(request.SessionID);
    if (id === undefined) return fail('StopSession', 'MissingSessionID');
    if (id !== session.id) return fail('StopSession', 'InvalidSessionID');
    session.id = undefined;
    session.pairing = undefined;
    return ok('StopSession', {}, { kind: 'stop-tls' });
  },

  StartService: async (device, session, request) => {
    const name = optionalString(request.Service);
    if (name === undefined || name === '') return fail('StartService', 'MissingService');
    if (session.id === undefined || session.pairing === undefined)
      return fail('StartService', 'SessionInactive', { Service: name });
    const service = device.findService(name);
    if (service === undefined) return fail('StartService', 'InvalidService', { Service: name });
    const tls = service.ssl ? await device.secureContext(session.pairing) : undefined;
    const port = device.openServicePort(service, tls);
    return ok('StartService', { Service: name, Port: port, EnableServiceSSL: service.ssl });
  },

  Goodbye: () => ok('Goodbye', { Result: 'Success' }, { kind: 'close' }),
};

function pairRecordHostId(request: PlistDict): string | { error: string } {
  try {
    return readPairRecordShape(request).hostId;
  } catch (error) {
    if (error instanceof PairRecordError) return { error: error.lockdownError };
    throw error;
  }
}

/** Answers one request; never throws for anything a host can send. */
export async function handleLockdownRequest(
  device: LockdownDevice,
  session: LockdownSession,
  request: PlistDict,
): Promise<LockdownOutcome> {
  const name = request.Request;
  if (typeof name !== 'string' || name === '') {
    device.record('lockdownd', '(no Request)');
    return { reply: { Error: 'MissingRequest' }, followup: NONE };
  }
  device.record('lockdownd', describe(name, request));
  await device.wait('command');
  const handler = Object.hasOwn(HANDLERS, name) ? HANDLERS[name] : undefined;
  if (handler === undefined) return fail(name, 'InvalidRequest');
  return handler(device, session, request);
}

/** The request as the device's log shows it: "GetValue com.apple.disk_usage", "StartService com.apple.afc". */
function describe(name: string, request: PlistDict): string {
  const parts = [name];
  for (const field of ['Domain', 'Key', 'Service'] as const) {
    const value = request[field];
    if (typeof value === 'string') parts.push(value);
  }
  return parts.join(' ');
}
